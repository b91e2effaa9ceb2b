import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase, queryRows, type Database } from '../../src/db/client';
import { runMigrations } from '../../src/db/migrate';
import { listEventsWithRefs } from '../../src/db/queries/events';
import { createTestDatabase } from '../../harness/postgres-server';

// GET /api/events reads a page newest first, ties broken by id. That order must come straight off
// an index (a page is then its first rows), not from sorting every event that matches: with an
// index on last_seen_at alone Postgres sorted each group of equal timestamps, and the per-row work
// of the page ran above that sort. Checked on the plan Postgres chooses, not on a stopwatch.

interface PlanNode { 'Node Type': string; 'Index Name'?: string; Plans?: PlanNode[] }
const nodes = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(nodes)];

describe('the events page on Postgres', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openDatabase({ databaseUrl: await createTestDatabase(inject('postgresUrl')), dataDir: '/nonexistent' });
    await runMigrations(database);
    // Many events sharing each timestamp, as a burst of stories seen in one poll round gives.
    await database.db.execute(sql`insert into events (title, first_seen_at, last_seen_at)
      select 'Event ' || g, timestamptz '2024-01-01' + (g / 20) * interval '1 minute', timestamptz '2024-01-01' + (g / 20) * interval '1 minute'
      from generate_series(1, 5000) g`);
    await database.db.execute(sql`analyze events`);
  });
  afterAll(async () => database?.close());

  it('is read in list order off an index, with no sort of the events', async () => {
    const [{ 'QUERY PLAN': [plan] }] = await queryRows<{ 'QUERY PLAN': { Plan: PlanNode }[] }>(
      database.db,
      sql`explain (format json) select id from events order by last_seen_at desc, id desc limit 51`,
    );
    const all = nodes(plan.Plan);
    expect(all.map((n) => n['Node Type'])).not.toContain('Incremental Sort');
    expect(all.map((n) => n['Node Type'])).not.toContain('Sort');
    expect(all.find((n) => n['Node Type'].startsWith('Index'))?.['Index Name']).toBe('events_last_seen_id');
  });

  it('pages in that order, ties broken by id', async () => {
    const first = await listEventsWithRefs(database.db, { limit: 30 });
    const ids = first.map((e) => e.id);
    // The newest minute holds events 5000 (alone) and then 4980-4999, highest id first.
    expect(ids.slice(0, 3)).toEqual([5000, 4999, 4998]);
    const next = await listEventsWithRefs(database.db, { limit: 30, after: { ts: first[29].cursorTs, id: first[29].id } });
    expect(next[0].id).toBe(first[29].id - 1);
  });
});
