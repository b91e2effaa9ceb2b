import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { queryRows } from '../../src/db/client';
import { clusterArticle } from '../../src/pipeline/cluster/cluster-article';
import { seedArticle, seedSource } from '../support/api';
import { openStageDatabase, type StageDatabase } from '../support/stage';

// The clustering advisory lock, without the queue's one-at-a-time: assignments started at once
// on separate PostgreSQL connections (a job whose worker lock lapsed runs beside the next one)
// take turns, so the first articles of a new story make one event, not one each. Headlines are
// real (UCI News Aggregator, test/fixtures/cluster/MANIFEST.md): Sbarro's second bankruptcy.

const uci = parse(readFileSync(new URL('../fixtures/cluster/uci-news-aggregator-first-999.csv', import.meta.url)), { columns: true }) as { ID: string; TITLE: string }[];
const SBARRO = [517, 515, 518, 516].map((id) => uci.find((row) => row.ID === String(id))!.TITLE);

describe('clustering lock on postgres', () => {
  let stage: StageDatabase;
  beforeAll(async () => {
    stage = await openStageDatabase('postgres', inject('postgresUrl'));
  });
  afterAll(async () => stage?.close());

  it('makes assignments started at once take turns: one story, one event, every count true', async () => {
    const sources = ['wire', 'paper', 'desk', 'daily'];
    for (const id of sources) await seedSource(stage.database.db, { id });
    const articles = await Promise.all(
      SBARRO.map((title, i) => seedArticle(stage.database.db, { sourceId: sources[i], title, contentText: `${title}. More of the story follows.`, extractedAt: new Date() })),
    );
    await Promise.all(articles.map((a) => clusterArticle(stage.ctx, a.id, a.version)));
    const events = await queryRows<{ id: number; article_count: number }>(stage.database.db, sql`select id, article_count from events where merged_into is null and article_count > 0`);
    expect(events).toHaveLength(1);
    expect(events[0].article_count).toBe(SBARRO.length);
    const [{ n }] = await queryRows<{ n: number }>(stage.database.db, sql`select count(*)::int as n from articles where event_id = ${events[0].id}`);
    expect(n).toBe(SBARRO.length);
  });
});
