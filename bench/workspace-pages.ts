// Workspace page latency: the analyst pages served from a database of 10,000 articles, measured
// with autocannon over loopback. One JSON line per page with p50/p95/p99 and requests per second.
//
// The database is built directly (not through the pipeline, which bench/pipeline.ts measures):
// real headlines, publishers and story clusters from the UCI News Aggregator sample (demo/corpus)
// repeated to 10,000 articles; entities from the gazetteer found in those headlines; claims with
// evidence assessed by the verify stage's own assessClaim, so explanations and origins are real.
// Embedded PGlite by default (what `npm start` uses); DATABASE_URL points it at a server instead.
// BENCH_PROFILE=1 prints one timed request per page and the review queue's query plan on stderr.
// Each line carries the machine's load average: figures from a busy machine are not the page's.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { parse as parseCsv } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows, type Db } from '../src/db/client';
import { reviewCandidatesQuery } from '../src/db/queries/review-queue';
import { runMigrations } from '../src/db/migrate';
import { findEntities, loadGazetteer } from '../src/text/gazetteer';
import { assessClaim, type EvidenceInput } from '../src/pipeline/verify/assess';
import { DEMO_CORPUS } from '../src/runtime/demo-server';
import { buildServer } from '../src/runtime/server';

const ARTICLES = Number(process.env.BENCH_ARTICLES ?? 10_000);
const SOURCES = 60;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
// One analyst's page (1 connection: the page's own latency) and a small team at once (4: requests
// queue behind each other on the one event loop the embedded database shares).
const CONNECTIONS = [1, 4];

type Row = Record<string, unknown>;

/** Inserts rows through one jsonb parameter per chunk: fast on PGlite and Postgres alike. */
async function bulkInsert(db: Db, table: string, columns: Record<string, string>, rows: Row[]) {
  const names = Object.keys(columns);
  const record = names.map((n) => `${n} ${columns[n]}`).join(', ');
  for (let i = 0; i < rows.length; i += 2000) {
    const chunk = JSON.stringify(rows.slice(i, i + 2000));
    await db.execute(
      sql.raw(`insert into ${table} (${names.join(', ')}) overriding system value
        select ${names.join(', ')} from jsonb_to_recordset('${chunk.replace(/'/g, "''")}'::jsonb) as x(${record})`),
    );
  }
}

async function seed(db: Db) {
  const uci = parseCsv(readFileSync(path.join(DEMO_CORPUS, 'uci-news-aggregator-first-999.csv')), { columns: true }) as {
    TITLE: string;
    URL: string;
    PUBLISHER: string;
    STORY: string;
    TIMESTAMP: string;
    ID: string;
  }[];
  const publishers = [...new Set(uci.map((r) => r.PUBLISHER))];
  const sourceOf = (publisher: string) => `src-${publishers.indexOf(publisher) % SOURCES}`;
  const sources = Array.from({ length: SOURCES }, (_, i) => ({
    id: `src-${i}`,
    name: publishers[i] ?? `Source ${i}`,
    kind: 'rss',
    url: `https://feeds.example/${i}`,
    trust: 30 + ((i * 37) % 66),
    category: ['news', 'wire', 'blog', 'analysis', 'regulator'][i % 5],
    owner: publishers[i] ?? `Owner ${i}`,
    interval_seconds: 900,
    last_success_at: new Date().toISOString(),
  }));
  await bulkInsert(db, 'sources', { id: 'text', name: 'text', kind: 'text', url: 'text', trust: 'int', category: 'text', owner: 'text', interval_seconds: 'int', last_success_at: 'timestamptz' }, sources);
  const started = Date.now();
  const fetches = sources.flatMap((s, i) =>
    Array.from({ length: 25 }, (_, k) => ({ source_id: s.id, started_at: new Date(started - k * 900_000).toISOString(), duration_ms: 200 + k, outcome: (i + k) % 9 === 0 ? 'failure' : k % 3 ? 'ok' : 'not_modified', items_found: 20, items_new: k % 4 })),
  );
  await bulkInsert(db, 'fetch_log', { source_id: 'text', started_at: 'timestamptz', duration_ms: 'int', outcome: 'text', items_found: 'int', items_new: 'int' }, fetches);

  const gazetteer = loadGazetteer();
  const entityIds = new Map(gazetteer.entities.map((e, i) => [e.key, i + 1]));
  await bulkInsert(db, 'entities', { id: 'bigint', key: 'text', name: 'text', kind: 'text', aliases: 'jsonb' },
    gazetteer.entities.map((e, i) => ({ id: i + 1, key: e.key, name: e.name, kind: e.kind, aliases: e.aliases })));

  const repeats = Math.ceil(ARTICLES / uci.length);
  const events = new Map<string, { id: number; articles: Row[]; keys: Set<string> }>();
  const articles: Row[] = [];
  const storySeen = new Map<string, number>();
  const links: Row[] = [];
  for (let r = 0; r < repeats; r++) {
    for (const row of uci) {
      if (articles.length >= ARTICLES) break;
      const id = articles.length + 1;
      // A UCI story gathers up to a hundred headlines over weeks; four at a time make events of
      // the size an outlet mix really produces.
      const seen = (storySeen.get(`${r}:${row.STORY}`) ?? 0) + 1;
      storySeen.set(`${r}:${row.STORY}`, seen);
      const storyKey = `${r}:${row.STORY}:${Math.floor(seen / 4)}`;
      let event = events.get(storyKey);
      if (!event) events.set(storyKey, (event = { id: events.size + 1, articles: [], keys: new Set() }));
      const published = new Date(Date.UTC(2024, 0, 1) + id * 60_000).toISOString();
      const first = event.articles[0];
      const article = {
        id, source_id: sourceOf(row.PUBLISHER), guid: `${r}-${row.ID}`, url: `${row.URL}#${r}`, canonical_url: `${row.URL}#${r}`,
        title: row.TITLE, published_at: published, event_id: event.id,
        // Every fifth follow-up in a story is a syndicated copy of its first article; every seventh cites it.
        duplicate_of: first && id % 5 === 0 ? first.id : null,
        origin: first && id % 7 === 0 ? publishers[0] : null,
      };
      event.articles.push(article);
      articles.push(article);
      for (const m of findEntities(row.TITLE)) {
        const entityId = entityIds.get(m.key);
        if (entityId) links.push({ article_id: id, entity_id: entityId });
        event.keys.add(m.key);
      }
    }
  }
  const eventRows: Row[] = [];
  const claims: Row[] = [];
  const evidence: Row[] = [];
  for (const [key, e] of events) {
    const sourcesById = new Map(sources.map((s) => [s.id, s]));
    for (const [n, lead] of e.articles.slice(0, 2).entries()) {
      const supporting = n === 0 ? e.articles : [lead];
      const inputs: EvidenceInput[] = supporting.map((a, k) => {
        const s = sourcesById.get(String(a.source_id))!;
        return {
          articleId: String(a.id), sourceId: s.id, sourceName: s.name, sourceTrust: s.trust, sourceCategory: s.category as EvidenceInput['sourceCategory'],
          sourceOwner: s.owner, hedged: k % 4 === 3, stance: n === 1 && k === 0 && e.articles.length % 3 === 0 ? 'denies' : 'supports',
          primary: s.category === 'regulator' && k === 0, publishedAt: new Date(String(a.published_at)),
          attributedTo: (a.origin as string | null) ?? undefined, syndicationGroup: a.duplicate_of ? String(a.duplicate_of) : undefined,
        };
      });
      const assessment = assessClaim(inputs);
      const claimId = claims.length + 1;
      claims.push({ id: claimId, event_id: e.id, claim_key: `${key}:${n}`, text: String(lead.title), status: assessment.status, confidence: assessment.confidence, origins: assessment.origins, explanation: assessment.explanation, entity_keys: [...e.keys] });
      for (const input of inputs) evidence.push({ claim_id: claimId, article_id: Number(input.articleId), sentence: String(lead.title), stance: input.stance, hedged: input.hedged, origin: input.attributedTo ?? null, is_primary: input.primary });
    }
    const last = e.articles[e.articles.length - 1];
    const lead = claims[claims.length - (e.articles.length > 1 ? 2 : 1)];
    eventRows.push({ id: e.id, title: e.articles[0].title, first_seen_at: e.articles[0].published_at, last_seen_at: last.published_at, article_count: e.articles.length, origin_count: (lead.origins as unknown[]).length, status: lead.status, confidence: lead.confidence, entity_keys: [...e.keys] });
  }
  await bulkInsert(db, 'events', { id: 'bigint', title: 'text', first_seen_at: 'timestamptz', last_seen_at: 'timestamptz', article_count: 'int', origin_count: 'int', status: 'text', confidence: 'real', entity_keys: 'jsonb' }, eventRows);
  await bulkInsert(db, 'articles', { id: 'bigint', source_id: 'text', guid: 'text', url: 'text', canonical_url: 'text', title: 'text', published_at: 'timestamptz', event_id: 'bigint', duplicate_of: 'bigint', origin: 'text' }, articles);
  await bulkInsert(db, 'article_entities', { article_id: 'bigint', entity_id: 'bigint' }, links);
  await bulkInsert(db, 'claims', { id: 'bigint', event_id: 'bigint', claim_key: 'text', text: 'text', status: 'text', confidence: 'real', origins: 'jsonb', explanation: 'jsonb', entity_keys: 'jsonb' }, claims);
  await bulkInsert(db, 'claim_evidence', { claim_id: 'bigint', article_id: 'bigint', sentence: 'text', stance: 'text', hedged: 'boolean', origin: 'text', is_primary: 'boolean' }, evidence);
  for (const table of ['events', 'articles', 'entities', 'claims', 'claim_evidence', 'fetch_log']) {
    await db.execute(sql.raw(`select setval(pg_get_serial_sequence('${table}', 'id'), (select max(id) from ${table}))`));
  }
  await db.execute(sql.raw('analyze'));
  const biggest = [...events.values()].sort((a, b) => b.articles.length - a.articles.length)[0];
  return { articles: articles.length, events: events.size, claims: claims.length, evidence: evidence.length, biggestEvent: biggest.id, biggestEventArticles: biggest.articles.length, claimOfBiggest: claims.find((c) => c.event_id === biggest.id)!.id };
}

/** Runs autocannon against one URL and returns latency percentiles from every response. */
async function measure(url: string, connections: number) {
  const times: number[] = [];
  let non2xx = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url, connections, duration: SECONDS }, (err, done) => (err ? reject(err) : resolve(done)));
    instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
      times.push(ms);
      if (status >= 300) non2xx++;
    });
  });
  times.sort((a, b) => a - b);
  const at = (p: number) => Math.round(times[Math.min(times.length - 1, Math.floor(p * times.length))] * 10) / 10;
  return { requests: times.length, rps: Math.round(result.requests.average), p50: at(0.5), p95: at(0.95), p99: at(0.99), max: Math.round(result.latency.max), non2xx };
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'crosscheck-bench-web-'));
const database = await openDatabase({ dataDir: dir, databaseUrl: process.env.DATABASE_URL });
try {
  await runMigrations(database);
  const t0 = Date.now();
  const world = await seed(database.db);
  const seedMs = Date.now() - t0;
  const app = await buildServer({ database, logger: false, apiKeys: [], queueCounts: async () => ({}), pingRedis: async () => undefined });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  if (process.env.BENCH_PROFILE) {
    const plan = await queryRows<{ 'QUERY PLAN': string }>(database.db, sql`explain analyze ${reviewCandidatesQuery()}`);
    console.error(plan.map((r) => r['QUERY PLAN']).join('\n'));
    for (const page of ['/', '/', '/api/events?limit=50', '/review', '/review', `/events/${world.biggestEvent}`, `/api/events/${world.biggestEvent}`, `/claims/${world.claimOfBiggest}`, '/sources', '/sources', '/api/sources', '/entities']) {
      const t = performance.now();
      await app.inject({ url: page });
      console.error(page, Math.round(performance.now() - t), 'ms');
    }
  }
  const pages = ['/', '/review', `/events/${world.biggestEvent}`, `/claims/${world.claimOfBiggest}`, '/sources', '/entities', '/fragments/events', '/?q=apple&status=single_origin'];
  for (const connections of CONNECTIONS) {
    for (const page of pages) {
      const figures = await measure(`${base}${page}`, connections);
      // Requests still in flight when autocannon stops would be charged to the next page: let them finish.
      await app.inject({ url: '/health' });
      console.log(JSON.stringify({ bench: 'workspace-pages', database: database.kind, page, ...world, seedMs, connections, seconds: SECONDS, ...figures, target: 'p95 < 100 ms', loadAverage: Number(os.loadavg()[0].toFixed(1)), cpus: os.cpus().length }));
    }
  }
  await app.close();
} finally {
  await database.close();
  rmSync(dir, { recursive: true, force: true });
}
