// List-route throughput: 10,000 events (three articles, two entities and a claim each) on a real
// PostgreSQL and on PGlite, then autocannon at 10 connections for 10 s against /api/events (the
// first page, a filtered page and a full page of 200) and /api/claims. One JSON line per database
// and route, with the SQL statements one request sends on Postgres. BENCH_API_SECONDS shortens a run.
// /api/events is measured three ways (the `cache` field): pages served from the list cache; with
// the cache switched off, which is what every request costs that the cache cannot answer; and
// from the cache while a writer changes a listed event ten times a second, so the cache is emptied
// that often (hit rate in the line). autocannon runs in a worker thread, off the API's event loop.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { parse as parseCsv } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { buildApp } from '../src/api/app';
import { openDatabase, type Database } from '../src/db/client';
import { runMigrations } from '../src/db/migrate';
import { DEMO_CORPUS } from '../src/runtime/demo-server';
import { startTestPostgres } from '../harness/postgres-server';

const EVENTS = 10_000;
const SOURCES = 20;
const ENTITIES = 200;
const CONNECTIONS = 10;
const SECONDS = Number(process.env.BENCH_API_SECONDS ?? 10);

// Real headlines (UCI News Aggregator sample, demo/corpus) as event and article titles.
const titles = (parseCsv(readFileSync(path.join(DEMO_CORPUS, 'uci-news-aggregator-first-999.csv')), { columns: true }) as { TITLE: string }[]).map(
  (r) => r.TITLE,
);

/** Bulk seeding in a handful of set-based statements (drizzle builds large INSERTs slowly). */
async function seed(database: Database): Promise<void> {
  const db = database.db;
  await db.execute(sql`insert into sources (id, name, kind, url, trust, category, owner, interval_seconds)
    select 'src' || g, 'Source ' || g, 'rss', 'https://src' || g || '.example/feed', 30 + g * 3, 'news', 'owner' || (g % 12), 900
    from generate_series(1, ${SOURCES}) g`);
  await db.execute(sql`insert into entities (key, name, kind, aliases)
    select 'entity-' || g, 'Entity ' || g, 'company', jsonb_build_array('E' || g) from generate_series(1, ${ENTITIES}) g`);
  await db.execute(sql`insert into events (title, first_seen_at, last_seen_at, article_count, origin_count, status, confidence, entity_keys)
    select ${JSON.stringify(titles)}::jsonb ->> (g % ${titles.length}),
      timestamptz '2024-01-01' + g * interval '1 minute', timestamptz '2024-01-01' + g * interval '1 minute' + interval '2 hours',
      3, 2, (array['unverified','single_origin','corroborated','confirmed'])[1 + g % 4], (g % 100) / 100.0,
      jsonb_build_array('entity-' || (1 + g % ${ENTITIES}))
    from generate_series(1, ${EVENTS}) g`);
  await db.execute(sql`insert into articles (source_id, guid, url, canonical_url, title, published_at, event_id)
    select 'src' || (1 + (e.id * 3 + k) % ${SOURCES}), 'a' || e.id || '-' || k, 'https://x.example/' || e.id || '/' || k,
      'https://x.example/' || e.id || '/' || k, e.title, e.first_seen_at + k * interval '10 minutes', e.id
    from events e, generate_series(0, 2) k`);
  await db.execute(sql`insert into article_entities (article_id, entity_id)
    select a.id, 1 + (a.id * 7 + k) % ${ENTITIES} from articles a, generate_series(0, 1) k on conflict do nothing`);
  await db.execute(sql`insert into claims (event_id, claim_key, text, status, confidence)
    select e.id, 'claim-' || e.id, e.title, e.status, e.confidence from events e`);
  await db.execute(sql`analyze`);
}

// Statements sent to Postgres, counted where every pooled client sends them (a bench may patch what
// a test may not): the figure says whether a route's cost is round trips or the queries themselves.
let statements = 0;
const sendQuery = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  statements += 1;
  return (sendQuery as (...a: unknown[]) => unknown).apply(this, args);
} as typeof pg.Client.prototype.query;

/** Retitles the newest event every 100 ms until stopped; answers how many writes were made. */
function startWriter(database: Database): { stop(): Promise<number> } {
  let writes = 0;
  let running = true;
  const done = (async () => {
    while (running) {
      await database.db.execute(sql`update events set title = ${`Retitled ${writes}`}
        where id = (select id from events order by last_seen_at desc, id desc limit 1)`);
      writes += 1;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await done;
      return writes;
    },
  };
}

const ROUTES = ['/api/events', '/api/events?status=confirmed&minConfidence=0.5', '/api/events?limit=200', '/api/claims'];

async function measure(kind: 'postgres' | 'pglite', database: Database): Promise<void> {
  const app = await buildApp({ database, logger: false, apiKeys: [], queueCounts: async () => ({}), pingRedis: async () => undefined });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  try {
    // Counted before any load, so no request of another run is still in flight.
    const samples = new Map<string, { status: number; bytes: number; queries: number }>();
    for (const route of ROUTES) {
      const before = statements;
      const sample = await app.inject({ url: route });
      samples.set(route, { status: sample.statusCode, bytes: sample.body.length, queries: statements - before });
    }
    const runs: { route: string; cache?: 'on' | 'off' | 'under-writes' }[] = [];
    for (const route of ROUTES) {
      if (!route.startsWith('/api/events')) runs.push({ route });
      else runs.push({ route, cache: 'on' }, { route, cache: 'off' });
    }
    runs.push({ route: '/api/events', cache: 'under-writes' });
    for (const { route, cache } of runs) {
      const url = `http://127.0.0.1:${port}${route}`;
      const sample = samples.get(route)!;
      app.listCache.setListening(cache !== 'off');
      // A short warm-up, so the figures are of the steady state, not of the first queries' planning.
      await autocannon({ url, connections: CONNECTIONS, duration: 1, workers: 1 });
      const before = { ...app.listCache.counts };
      const writer = cache === 'under-writes' ? startWriter(database) : undefined;
      const result = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, workers: 1 });
      const writes = await writer?.stop();
      const hits = app.listCache.counts.hits - before.hits;
      const misses = app.listCache.counts.misses - before.misses;
      console.log(
        JSON.stringify({
          bench: 'api-throughput',
          database: kind,
          route,
          cache,
          events: EVENTS,
          connections: CONNECTIONS,
          seconds: SECONDS,
          status: sample.status,
          bytes: sample.bytes,
          queriesPerRequest: kind === 'postgres' ? sample.queries : undefined,
          reqPerSec: Math.round(result.requests.average),
          p50Ms: result.latency.p50,
          p99Ms: result.latency.p99,
          cacheHitRate: cache ? Math.round((hits / Math.max(1, hits + misses)) * 1000) / 1000 : undefined,
          writesPerSec: writes !== undefined ? Math.round(writes / SECONDS) : undefined,
          non2xx: result.non2xx,
          errors: result.errors,
        }),
      );
    }
    app.listCache.setListening(true);
  } finally {
    await app.close();
  }
}

const postgres = await startTestPostgres();
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'crosscheck-bench-api-'));
try {
  for (const kind of ['postgres', 'pglite'] as const) {
    const database = await openDatabase(kind === 'postgres' ? { databaseUrl: postgres.url, dataDir } : { dataDir });
    try {
      await runMigrations(database);
      await seed(database);
      await measure(kind, database);
    } finally {
      await database.close();
    }
  }
} finally {
  await postgres.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
