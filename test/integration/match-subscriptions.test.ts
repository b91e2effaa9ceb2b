import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { queryRows } from '../../src/db/client';
import { subscriptions, type SubscriptionFilters } from '../../src/db/schema';
import { matchSubscriptions } from '../../src/pipeline/notify/match-subscriptions';
import { linkEntity, seedArticle, seedEntity, seedEvent, seedSource } from '../support/api';
import { openStageDatabase, type StageDatabase } from '../support/stage';

// The notify stage called directly: which active subscriptions a verified event matches,
// recorded once per subscription and event.

describe.each(['pglite', 'postgres'] as const)('matchSubscriptions on %s', (kind) => {
  let stage: StageDatabase;
  beforeAll(async () => {
    stage = await openStageDatabase(kind, inject('postgresUrl'));
  });
  afterAll(async () => stage?.close());
  beforeEach(async () => stage.reset());

  const subscribe = async (filters: SubscriptionFilters, unsubscribedAt?: Date) => {
    const [row] = await stage.database.db
      .insert(subscriptions)
      .values({ email: 'analyst@example.org', kind: 'alert', filters, unsubscribeToken: randomUUID(), unsubscribedAt })
      .returning({ id: subscriptions.id });
    return row.id;
  };
  const delivered = async (eventId: number) =>
    (await queryRows<{ subscription_id: string }>(stage.database.db, sql`select subscription_id from deliveries where event_id = ${eventId}`))
      .map((r) => r.subscription_id)
      .sort();

  // A verified event about an SEC settlement, reported by one news source.
  async function verifiedEvent() {
    const db = stage.database.db;
    await seedSource(db, { id: 'paper', category: 'news' });
    const event = await seedEvent(db, {
      title: 'Vanguard to Pay More Than $100 Million to Resolve Violations Related to Target Date Retirement Funds',
      lastSeenAt: new Date('2025-01-17T17:00:00Z'),
      status: 'corroborated',
      confidence: 0.7,
      revision: 2,
      verifiedRevision: 2,
    });
    const article = await seedArticle(db, { sourceId: 'paper', title: event.title, eventId: event.id });
    const sec = await seedEntity(db, { key: 'us-sec', name: 'U.S. Securities and Exchange Commission', kind: 'agency', aliases: ['SEC'] });
    await linkEntity(db, article.id, sec.id);
    return event;
  }

  it('records a match for each active subscription whose every filter holds, once', async () => {
    const event = await verifiedEvent();
    const byAlias = await subscribe({ entities: ['sec'] });
    const byWords = await subscribe({ q: 'vanguard pay', statuses: ['corroborated', 'confirmed'], minConfidence: 0.6, sources: ['paper'] });
    const everything = await subscribe({});
    await subscribe({ statuses: ['confirmed'] });
    await subscribe({ minConfidence: 0.9 });
    await subscribe({ sources: ['wire'] });
    await subscribe({ entities: ['openai'] });
    await subscribe({ q: 'vanguard fined' });
    await subscribe({}, new Date('2025-01-01T00:00:00Z'));

    expect((await matchSubscriptions(stage.ctx, event.id, 2)).matched).toBe(3);
    expect(await delivered(event.id)).toEqual([byAlias, byWords, everything].sort());
    // A retry finds the matches recorded and adds none.
    expect((await matchSubscriptions(stage.ctx, event.id, 2)).matched).toBe(0);
    expect(await delivered(event.id)).toEqual([byAlias, byWords, everything].sort());
  });

  it('leaves a revision that a newer verification overtook to the newer job', async () => {
    const event = await verifiedEvent();
    await subscribe({});
    expect((await matchSubscriptions(stage.ctx, event.id, 1)).matched).toBe(0);
    expect(await delivered(event.id)).toEqual([]);
    expect((await matchSubscriptions(stage.ctx, event.id + 1000, 2)).matched).toBe(0);
  });
});
