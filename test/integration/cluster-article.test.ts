import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { queryRows } from '../../src/db/client';
import { saveBandsAndFindNeighbours } from '../../src/db/queries/cluster-index';
import { clusterArticle } from '../../src/pipeline/cluster/cluster-article';
import { seedArticle, seedSource } from '../support/api';
import { openStageDatabase, snapshotTables, type StageDatabase } from '../support/stage';

// The cluster stage called directly on a real database: a re-run of a clustered version is a
// no-op, and the assignment (leave the old event, join or create one, mark clustered) is one
// transaction. Headlines are real (UCI News Aggregator, test/fixtures/cluster/MANIFEST.md).

const uci = parse(readFileSync(new URL('../fixtures/cluster/uci-news-aggregator-first-999.csv', import.meta.url)), { columns: true }) as {
  ID: string;
  TITLE: string;
  STORY: string;
}[];
const headline = (id: number) => uci.find((row) => row.ID === String(id))!.TITLE;
// Two stories: Sbarro's second bankruptcy, and the Fed's Plosser on tapering.
const SBARRO = [517, 515, 518].map(headline);
const PLOSSER = headline(6);

const TABLES = ['events', 'articles'];

describe.each(['pglite', 'postgres'] as const)('clusterArticle on %s', (kind) => {
  let stage: StageDatabase;
  beforeAll(async () => {
    stage = await openStageDatabase(kind, inject('postgresUrl'));
  });
  afterAll(async () => stage?.close());
  beforeEach(async () => {
    await stage.reset();
    await seedSource(stage.database.db, { id: 'wire' });
    await seedSource(stage.database.db, { id: 'paper' });
  });
  // A trigger a test left behind must not fail the next one.
  afterEach(async () => stage.database.db.execute(sql`drop trigger if exists fail_marking_clustered on articles`));

  const article = (sourceId: string, title: string) =>
    seedArticle(stage.database.db, { sourceId, title, contentText: `${title}. More of the story follows.`, extractedAt: new Date() });
  const eventRow = async (id: number) =>
    (await queryRows<{ article_count: number; revision: number }>(stage.database.db, sql`select article_count, revision from events where id = ${id}`))[0];

  it('joins a second article of a story to the first one\'s event, and a re-run of either changes nothing', async () => {
    const first = await article('wire', SBARRO[0]);
    const second = await article('paper', SBARRO[1]);
    const [created] = await clusterArticle(stage.ctx, first.id, first.version);
    expect(created).toMatchObject({ revision: 1 });
    expect(await clusterArticle(stage.ctx, second.id, second.version)).toEqual([{ id: created.id, revision: 2 }]);
    expect(await eventRow(created.id)).toEqual({ article_count: 2, revision: 2 });

    const before = await snapshotTables(stage.database, TABLES);
    expect(await clusterArticle(stage.ctx, second.id, second.version)).toEqual([]);
    expect(await clusterArticle(stage.ctx, first.id, first.version)).toEqual([]);
    expect(await snapshotTables(stage.database, TABLES)).toEqual(before);
  });

  it('leaves a version that a newer one overtook to the newer version\'s job', async () => {
    const edited = await article('wire', SBARRO[0]);
    await stage.database.db.execute(sql`update articles set version = 2 where id = ${edited.id}`);
    const before = await snapshotTables(stage.database, TABLES);
    expect(await clusterArticle(stage.ctx, edited.id, 1)).toEqual([]);
    expect(await snapshotTables(stage.database, TABLES)).toEqual(before);
    expect(await clusterArticle(stage.ctx, edited.id, 2)).toHaveLength(1);
  });

  it('rolls the whole assignment back when its last write fails, and makes it whole on the retry', async () => {
    const sbarro = await article('wire', SBARRO[0]);
    const moving = await article('paper', SBARRO[2]);
    const plosser = await article('wire', PLOSSER);
    const [sbarroEvent] = await clusterArticle(stage.ctx, sbarro.id, sbarro.version);
    await clusterArticle(stage.ctx, moving.id, moving.version);
    const [plosserEvent] = await clusterArticle(stage.ctx, plosser.id, plosser.version);
    expect(await eventRow(sbarroEvent.id)).toMatchObject({ article_count: 2 });

    // The source edits the article into the other story, as a re-fetch stores an edit.
    await stage.database.db.execute(
      sql`update articles set title = ${headline(7)}, content_text = ${headline(7)}, version = version + 1, clustered_at = null where id = ${moving.id}`,
    );
    // A real failure inside the database after the event writes: marking the article clustered raises.
    await stage.database.db.execute(sql.raw(`
      create function fail_marking_clustered() returns trigger language plpgsql as $$
      begin
        if new.clustered_at is not null then raise exception 'injected failure while marking clustered'; end if;
        return new;
      end $$`));
    await stage.database.db.execute(
      sql.raw('create trigger fail_marking_clustered before update on articles for each row execute function fail_marking_clustered()'),
    );
    const before = await snapshotTables(stage.database, TABLES);
    const failure = await clusterArticle(stage.ctx, moving.id, moving.version + 1).catch((error: Error) => error);
    // drizzle wraps the database's error; the cause is the trigger's.
    expect((failure as Error & { cause?: Error }).cause?.message).toMatch(/injected failure/);
    expect(await snapshotTables(stage.database, TABLES)).toEqual(before);

    // The retry, with the failure gone, does what the failed run had started: leave and join.
    await stage.database.db.execute(sql`drop trigger fail_marking_clustered on articles`);
    const changed = await clusterArticle(stage.ctx, moving.id, moving.version + 1);
    expect(changed.map((e) => e.id).sort()).toEqual([sbarroEvent.id, plosserEvent.id].sort());
    expect(await eventRow(sbarroEvent.id)).toEqual({ article_count: 1, revision: 3 });
    expect(await eventRow(plosserEvent.id)).toEqual({ article_count: 2, revision: 2 });
  });

  // On Postgres the two runs hold two connections and only the article's row lock orders them;
  // PGlite runs one transaction at a time anyway.
  it('lets two runs of one version take turns: one assigns, the other finds it done', async () => {
    const first = await article('wire', SBARRO[0]);
    const second = await article('paper', SBARRO[1]);
    const [event] = await clusterArticle(stage.ctx, first.id, first.version);
    const results = await Promise.all([
      clusterArticle(stage.ctx, second.id, second.version),
      clusterArticle(stage.ctx, second.id, second.version),
    ]);
    expect(results.map((r) => r.length).sort()).toEqual([0, 1]);
    expect(await eventRow(event.id)).toEqual({ article_count: 2, revision: 2 });
  });

  // Copy candidates in a fixed order: which of several equally similar articles is kept at the
  // limit (and named as the original's evidence) does not depend on how the database ordered them.
  it('finds copy candidates by buckets shared, then by the older id, and cuts ties at the limit the same way', async () => {
    const db = stage.database.db;
    const ids: number[] = [];
    for (let i = 0; i < 12; i++) ids.push((await seedArticle(db, { sourceId: 'wire', title: `Story ${i}`, clusteredAt: new Date() })).id);
    // Filed newest first, so the table's own order runs against the ids.
    const filed = [...ids].reverse();
    for (const id of filed) await db.execute(sql`insert into article_bands (band, bucket, article_id) values (1, 100, ${id}), (2, 200, ${id})`);
    // One article shares a third bucket: it leads whatever its id.
    const closest = ids[7];
    await db.execute(sql`insert into article_bands (band, bucket, article_id) values (3, 300, ${closest})`);
    const me = (await seedArticle(db, { sourceId: 'wire', title: 'The new one' })).id;
    const buckets = [{ band: 1, bucket: 100 }, { band: 2, bucket: 200 }, { band: 3, bucket: 300 }];

    const found = (await saveBandsAndFindNeighbours(db, me, buckets, 5)).map((c) => c.id);
    expect(found).toEqual([closest, ...ids.filter((id) => id !== closest).slice(0, 4)]);
    // Asked again (its own buckets now stored), the answer is the same.
    expect((await saveBandsAndFindNeighbours(db, me, buckets, 5)).map((c) => c.id)).toEqual(found);
  });
});
