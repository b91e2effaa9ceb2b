import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { saveBandsAndFindNeighbours } from '../../src/db/queries/cluster-index';
import { seedArticle, seedSource } from '../support/api';
import { openStageDatabase, type StageDatabase } from '../support/stage';

// Copy candidates from the LSH bucket table: most buckets shared first, ties by id, so which of
// several equally similar articles is kept at the limit (and named as the original's evidence)
// does not depend on how the database happened to order them.

describe.each(['pglite', 'postgres'] as const)('copy neighbours on %s', (kind) => {
  let stage: StageDatabase;
  beforeAll(async () => {
    stage = await openStageDatabase(kind, inject('postgresUrl'));
  });
  afterAll(async () => stage?.close());
  beforeEach(async () => {
    await stage.reset();
    await seedSource(stage.database.db, { id: 'wire' });
  });

  it('ranks by buckets shared, then by the older id, and cuts ties at the limit the same way', async () => {
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
