import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { openDatabase, queryRows, type Database } from '../../src/db/client';
import { runMigrations } from '../../src/db/migrate';
import { clusterArticle } from '../../src/jobs/jobs';
import { clusterArticle as clusterArticleNow } from '../../src/pipeline/cluster/cluster-article';
import { createLogger } from '../../src/logger';
import { loadSettings } from '../../src/config/env';
import { JobBus, redisConnection } from '../../src/jobs/queues';
import { createTestDatabase } from '../../harness/postgres-server';
import { stopProcess } from '../../harness/stop-process';

// Three `crosscheck worker cluster` processes on one Redis and one PostgreSQL place 150 real
// headlines (the first 150 of the UCI News Aggregator fixture: five stories of 9 to 41 headlines,
// test/fixtures/cluster/MANIFEST.md) exactly as one process does: the test process itself,
// running the stage function on a database of its own, one article after another in the order
// the jobs are queued (no queue and no worker start-up, which keeps the test short on a loaded
// machine; the three-process run covers the queue). The queue hands cluster jobs
// out one at a time in the order they were added (globalConcurrency 1), and every assignment runs
// under the clustering advisory lock, so each sees every earlier one: the partition is a function
// of that order alone. The only order effect allowed is a job retried after a failure (it goes
// back behind the others); the test asserts none failed, and then the partitions are identical.

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ARTICLES = 150;
const rows = (parse(readFileSync(new URL('../fixtures/cluster/uci-news-aggregator-first-999.csv', import.meta.url)), { columns: true }) as {
  ID: string;
  TITLE: string;
  PUBLISHER: string;
}[]).slice(0, ARTICLES);
const slug = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'unknown';

interface RunResult {
  /** Each event as the sorted UCI ids of its articles, events sorted. */
  partition: string[][];
  /** UCI ids in the order the stage clustered them. */
  order: string[];
  failedJobs: number;
}

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function seed(database: Database): Promise<number[]> {
  const publishers = [...new Set(rows.map((r) => slug(r.PUBLISHER)))];
  await database.db.execute(sql`insert into sources (id, name, kind, url, trust, category, owner, interval_seconds) values ${sql.join(
    publishers.map((id) => sql`(${id}, ${id}, 'rss', ${`https://${id}.example/feed`}, 60, 'news', ${id}, 900)`),
    sql`, `,
  )}`);
  // Published a minute apart in file order, extracted, waiting for the cluster stage.
  const base = Date.parse('2014-03-10T08:00:00Z');
  const inserted = await queryRows<{ id: number }>(
    database.db,
    sql`insert into articles (source_id, guid, url, canonical_url, title, content_text, published_at, fetched_at, extracted_at) values ${sql.join(
      rows.map((r, i) => {
        const url = `https://uci.example/${r.ID}`;
        const at = new Date(base + i * 60_000).toISOString();
        return sql`(${slug(r.PUBLISHER)}, ${r.ID}, ${url}, ${url}, ${r.TITLE}, ${r.TITLE}, ${at}::timestamptz, ${at}::timestamptz, now())`;
      }),
      sql`, `,
    )} returning id`,
  );
  return inserted.map((r) => Number(r.id));
}

function startWorker(env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/crosscheck.mjs'), 'worker', 'cluster'], {
    cwd: ROOT,
    env: { ...process.env, ...env, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr!.on('data', (chunk: Buffer) => process.stderr.write(chunk));
  return child;
}


/**
 * Seeds a fresh database and clusters every article: with `workers` > 0, queued and run by that
 * many worker processes; with 0, by the stage function in this process, in queue order.
 */
async function run(workers: number, redisDb: number): Promise<RunResult> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'crosscheck-cluster-workers-'));
  dirs.push(dataDir);
  const databaseUrl = await createTestDatabase(inject('postgresUrl'));
  const database = await openDatabase({ dataDir, databaseUrl });
  const redisUrl = new URL(inject('redisUrl'));
  redisUrl.pathname = `/${redisDb}`;
  const connection = redisConnection(redisUrl.toString());
  const bus = new JobBus(connection);
  const children: ChildProcess[] = [];
  try {
    await runMigrations(database);
    await connection.flushdb();
    const ids = await seed(database);
    if (workers === 0) {
      const ctx = { db: database.db, log: createLogger('silent'), settings: loadSettings({ DATA_DIR: dataDir }) };
      for (const id of ids) await clusterArticleNow(ctx, id, 1);
    }
    if (workers > 0) {
      await bus.applyPolicy();
      await bus.addAll(ids.map((id) => clusterArticle(id, 1)));
    }
    for (let i = 0; i < workers; i++) children.push(startWorker({ DATABASE_URL: databaseUrl, REDIS_URL: redisUrl.toString(), DATA_DIR: path.join(dataDir, `w${i}`) }));
    await expect
      .poll(async () => (await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from articles where clustered_at is not null`))[0].n, {
        timeout: 100_000,
        interval: 200,
      })
      .toBe(ARTICLES);
    await Promise.all(children.map(stopProcess));

    // Nothing lost or counted twice: every article in one live event, each count the real one.
    const counts = await queryRows<{ id: number; article_count: number; members: number; merged_into: number | null }>(
      database.db,
      sql`select e.id, e.article_count, e.merged_into, (select count(*)::int from articles a where a.event_id = e.id) as members from events e order by e.id`,
    );
    for (const e of counts) {
      expect(e.members, `event ${e.id}`).toBe(e.merged_into === null ? e.article_count : 0);
    }
    expect(counts.reduce((sum, e) => sum + e.members, 0)).toBe(ARTICLES);
    const placed = await queryRows<{ guid: string; event_id: number | null }>(database.db, sql`select guid, event_id from articles order by clustered_at, id`);
    expect(placed.filter((a) => a.event_id === null)).toEqual([]);
    const byEvent = new Map<number, string[]>();
    for (const a of placed) byEvent.set(Number(a.event_id), [...(byEvent.get(Number(a.event_id)) ?? []), a.guid]);
    const partition = [...byEvent.values()].map((ids) => ids.sort((x, y) => Number(x) - Number(y))).sort((x, y) => Number(x[0]) - Number(y[0]));
    const failedJobs = (await bus.queues.cluster.getJobCounts('failed')).failed ?? 0;
    return { partition, order: placed.map((a) => a.guid), failedJobs };
  } finally {
    await Promise.all(children.map(stopProcess));
    await bus.close();
    connection.disconnect();
    await database.close();
  }
}

describe('three cluster worker processes', () => {
  it('place every article exactly as one process does', async () => {
    const started = performance.now();
    const single = await run(0, 11);
    const singleMs = performance.now() - started;
    const three = await run(3, 12);
    expect(single.failedJobs).toBe(0); // no queue: trivially none
    expect(three.failedJobs).toBe(0);
    expect(three.order).toEqual(single.order);
    expect(three.partition).toEqual(single.partition);
    // Multi-article events formed: the comparison is about something.
    const sizes = single.partition.map((e) => e.length).sort((a, b) => b - a);
    expect(sizes[0]).toBeGreaterThan(5);
    const threeMs = performance.now() - started - singleMs;
    console.log(JSON.stringify({ articles: ARTICLES, events: single.partition.length, largest: sizes.slice(0, 6), identical: true, singleS: Math.round(singleMs / 1000), threeS: Math.round(threeMs / 1000) }));
  }, 115_000);
});
