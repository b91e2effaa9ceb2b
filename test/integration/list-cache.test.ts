import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { CHANGE_CHANNEL } from '../../src/db/client';
import { articles, entities, events, sources } from '../../src/db/schema';
import { buildTestApi, databaseKinds, linkEntity, seedArticle, seedClaim, seedEntity, seedEvent, seedSource, TEST_KEY, type TestApi } from '../support/api';

// GET /api/events pages are kept until the database signals a change to what they show
// (migration 0007's triggers): a change made on any connection is seen by the next request.

const waitFor = (check: () => void) => vi.waitFor(check, { timeout: 10_000, interval: 20 });
let markers = 0;

describe.each(databaseKinds(inject('postgresUrl')))('the event list cache on $kind', ({ kind, postgresServerUrl }) => {
  let t: TestApi;
  let eventId: number;
  let articleId: number;

  /** Signals a marker and waits until the cache hears it: signals arrive in commit order, so every
   * change committed before has been heard too. */
  async function settle(): Promise<void> {
    const marker = `marker-${++markers}`;
    await t.db.execute(sql`select pg_notify(${CHANGE_CHANNEL}, ${marker})`);
    await waitFor(() => expect(t.app.listCache.lastSignal).toBe(marker));
  }

  beforeAll(async () => {
    t = await buildTestApi({ postgresServerUrl });
    await seedSource(t.db, { id: 'wire', name: 'Wire', trust: 70 });
    eventId = (await seedEvent(t.db, { title: 'First title', lastSeenAt: new Date('2024-05-01T00:00:00Z') })).id;
    articleId = (await seedArticle(t.db, { sourceId: 'wire', eventId, title: 'First title' })).id;
    await waitFor(() => expect(t.app.listCache.listening).toBe(true));
    await settle();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('serves a page again from the cache, with an ETag that If-None-Match turns into a 304', async () => {
    const { hits, misses } = t.app.listCache.counts;
    const first = await t.app.inject({ url: '/api/events?limit=5' });
    const second = await t.app.inject({ url: '/api/events?limit=5' });
    expect(first.statusCode).toBe(200);
    expect(second.body).toBe(first.body);
    expect(second.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(t.app.listCache.counts).toMatchObject({ hits: hits + 1, misses: misses + 1 });
    expect(second.json().items[0]).toMatchObject({ id: eventId, title: 'First title', sources: [{ id: 'wire' }] });

    const etag = second.headers.etag as string;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.headers.etag).toBe(etag);
    const notModified = await t.app.inject({ url: '/api/events?limit=5', headers: { 'if-none-match': `"other", W/${etag}` } });
    expect(notModified.statusCode).toBe(304);
    expect(notModified.body).toBe('');
    expect((await t.app.inject({ url: '/api/events?limit=5', headers: { 'if-none-match': '"other"' } })).statusCode).toBe(200);
  });

  it('shows a change made on another connection at the next request after its signal', async () => {
    expect((await t.app.inject({ url: '/api/events' })).json().items[0].title).toBe('First title');
    await t.db.update(events).set({ title: 'Second title', status: 'corroborated' }).where(eq(events.id, eventId));
    await settle();
    expect((await t.app.inject({ url: '/api/events' })).json().items[0]).toMatchObject({ title: 'Second title', status: 'corroborated' });

    // A source's trust is on every event it wrote for.
    await t.db.update(sources).set({ trust: 40 }).where(eq(sources.id, 'wire'));
    await settle();
    expect((await t.app.inject({ url: '/api/events' })).json().items[0].sources[0].trust).toBe(40);
  });

  it('empties the cache when a write through the API succeeds, before any signal', async () => {
    const claim = await seedClaim(t.db, { eventId, text: 'A claim to review' });
    await settle();
    await t.app.inject({ url: '/api/events' });
    expect(t.app.listCache.size).toBeGreaterThan(0);
    // A review changes no table with a change signal: only the write hook can have emptied it.
    const reviewed = await t.app.inject({
      method: 'POST',
      url: `/api/claims/${claim.id}/reviews`,
      headers: { authorization: `Bearer ${TEST_KEY}` },
      payload: { status: 'confirmed', note: 'checked against the filing' },
    });
    expect(reviewed.statusCode, reviewed.body).toBe(201);
    expect(t.app.listCache.size).toBe(0);
    // A refused write leaves it alone.
    await t.app.inject({ url: '/api/events' });
    const refused = await t.app.inject({ method: 'POST', url: `/api/claims/${claim.id}/reviews`, payload: { status: 'confirmed' } });
    expect(refused.statusCode).toBe(401);
    expect(t.app.listCache.size).toBeGreaterThan(0);
  });

  it('lists a merge made through the API at the next request', async () => {
    const other = (await seedEvent(t.db, { title: 'Other story', lastSeenAt: new Date('2024-04-01T00:00:00Z') })).id;
    await settle();
    const ids = async () => (await t.app.inject({ url: '/api/events' })).json().items.map((e: { id: number }) => e.id);
    expect(await ids()).toContain(other);
    const merged = await t.app.inject({
      method: 'POST',
      url: `/api/events/${other}/merge`,
      headers: { authorization: `Bearer ${TEST_KEY}` },
      payload: { into: eventId, reason: 'one story' },
    });
    expect(merged.statusCode, merged.body).toBe(201);
    expect(await ids()).not.toContain(other);
  });

  it('finds an entity by an alias given after the page was stored', async () => {
    const entity = await seedEntity(t.db, { key: 'acme-corp', name: 'Acme Corporation' });
    await linkEntity(t.db, articleId, entity.id);
    await settle();
    expect((await t.app.inject({ url: '/api/events?entity=acmeco' })).json().items).toEqual([]);
    await t.db.update(entities).set({ aliases: ['AcmeCo'] }).where(eq(entities.id, entity.id));
    await settle();
    expect((await t.app.inject({ url: '/api/events?entity=acmeco' })).json().items.map((e: { id: number }) => e.id)).toEqual([eventId]);
  });

  it('signals changes to listed columns only, so pipeline bookkeeping keeps the cache', async () => {
    const heard: string[] = [];
    const stop = await t.database.listenForChanges({ changed: (table) => heard.push(table), lost: () => undefined, ready: () => undefined });
    try {
      // Stage timestamps and fetch bookkeeping: nothing an event list shows.
      await t.db.update(articles).set({ extractedAt: new Date() }).where(eq(articles.id, articleId));
      await t.db.update(sources).set({ lastFetchedAt: new Date() }).where(eq(sources.id, 'wire'));
      // Then a change a list shows, and a marker: signals arrive in commit order.
      await t.db.update(articles).set({ title: 'Retitled' }).where(eq(articles.id, articleId));
      await t.db.execute(sql`select pg_notify(${CHANGE_CHANNEL}, 'bookkeeping-marker')`);
      await waitFor(() => expect(heard).toContain('bookkeeping-marker'));
      expect(heard).toEqual(['articles', 'bookkeeping-marker']);
    } finally {
      await stop();
    }
  });

  it.runIf(kind === 'postgres')('empties the cache when its listening connection drops, and listens again by itself', async () => {
    await settle();
    await t.app.inject({ url: '/api/events' });
    expect(t.app.listCache.size).toBeGreaterThan(0);
    const { losses } = t.app.listCache.counts;
    await t.db.execute(sql`select pg_terminate_backend(pid) from pg_stat_activity
      where datname = current_database() and query = ${`LISTEN ${CHANGE_CHANNEL}`}`);
    // Changed while nobody may be listening: that signal can be lost, so nothing older is trusted.
    await t.db.update(events).set({ title: 'Third title' }).where(eq(events.id, eventId));
    await waitFor(() => expect(t.app.listCache.counts.losses).toBe(losses + 1));
    expect((await t.app.inject({ url: '/api/events' })).json().items[0].title).toBe('Third title');

    await waitFor(() => expect(t.app.listCache.listening).toBe(true));
    await settle();
    const { hits } = t.app.listCache.counts;
    await t.app.inject({ url: '/api/events' });
    await t.app.inject({ url: '/api/events' });
    expect(t.app.listCache.counts.hits).toBe(hits + 1);
  });
});
