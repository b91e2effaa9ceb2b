// The cost of one more article as the archive grows: the archive is preloaded to 1k, 10k and
// 100k articles of the realistic corpus (bench/realistic-corpus.ts) with multi-row inserts,
// then the next 2,000 articles are stored, extracted and clustered by the stage functions
// (the queue's handlers call the same ones) on a real PostgreSQL, one at a time, and timed.
// Candidates come from indexes (terms, LSH buckets, a time window), so the figure should stay
// roughly flat. JSON lines on stdout; BENCH_ARCHIVE_SIZES overrides the sizes, BENCH_TIMED the 2,000.
// Besides wall time, the CPU time the timed articles took in this process and in the database
// server's backends (Linux /proc): on a shared machine the wall time says as much about the
// other work as about this.
//
// The preloaded rows are what the stages would have written for those articles had they been
// clustered into their gold stories: article text, MinHash signature and LSH buckets, one event
// per story with its term profile and title index, the term document frequencies. Preloaded
// articles carry no entity links or claim candidates (extraction is not replayed for them).
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { sql } from 'drizzle-orm';
import { loadSettings } from '../src/config/env';
import { SourceSchema } from '../src/config/sources';
import { openDatabase, queryRows, type Db } from '../src/db/client';
import { runMigrations } from '../src/db/migrate';
import { upsertSourceItems } from '../src/db/queries/articles';
import { syncSources } from '../src/db/queries/sources';
import { createLogger } from '../src/logger';
import { clusterArticle } from '../src/pipeline/cluster/cluster-article';
import { copyBuckets } from '../src/pipeline/cluster/copies';
import { articleTerms } from '../src/pipeline/cluster/event-score';
import { extractArticle } from '../src/pipeline/extract/extract-article';
import { shingleSignature } from '../src/text/similarity';
import { createTestDatabase, startTestPostgres } from '../harness/postgres-server';
import { buildCorpus, type BenchArticle } from './realistic-corpus';

const FEEDS = 100;
const TIMED = Number(process.env.BENCH_TIMED ?? 2000);
const BATCH = 1000;
const sizes = (process.env.BENCH_ARCHIVE_SIZES ?? '1000,10000,100000').split(',').map(Number);
const param = (values: unknown[]) => sql.param(values);
const html = (a: BenchArticle) => a.paragraphs.map((p) => `<p>${p.replace(/[<>&]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;' })[c]!)}</p>`).join('');
const sourceOf = (i: number) => `feed-${i % FEEDS}`;
const itemInput = (a: BenchArticle, i: number) => ({
  guid: `item-${i}`,
  url: `https://feed${i % FEEDS}.example.org/a/${i}`,
  canonicalUrl: `https://feed${i % FEEDS}.example.org/a/${i}`,
  title: a.title,
  contentHtml: html(a),
  publishedAt: a.publishedAt,
});

interface StoryState {
  eventId: number;
  titles: string[];
  terms: Record<string, number>;
  sources: Set<string>;
  first: Date;
  last: Date;
  count: number;
}

/** Writes articles [from, to) of the corpus as clustered rows, in batches of multi-row inserts. */
async function preload(db: Db, corpus: BenchArticle[], from: number, to: number, stories: Map<number, StoryState>, df: Map<string, number>) {
  for (let start = from; start < to; start += BATCH) {
    const slice = corpus.slice(start, Math.min(to, start + BATCH));
    const ids = slice.map((_, k) => start + k);
    const texts = slice.map((a) => a.paragraphs.join(' '));
    const touched = new Set<number>();
    for (const [k, a] of slice.entries()) {
      const terms = articleTerms(a.title, texts[k]);
      for (const t of terms.keys()) df.set(t, (df.get(t) ?? 0) + 1);
      df.set('', (df.get('') ?? 0) + 1);
      let story = stories.get(a.story);
      if (!story) {
        story = { eventId: 0, titles: [], terms: {}, sources: new Set(), first: a.publishedAt, last: a.publishedAt, count: 0 };
        stories.set(a.story, story);
      }
      story.titles = [...story.titles, a.title].slice(-50);
      for (const [t, n] of terms) story.terms[t] = (story.terms[t] ?? 0) + n;
      story.sources.add(sourceOf(ids[k]));
      story.last = a.publishedAt > story.last ? a.publishedAt : story.last;
      story.count++;
      touched.add(a.story);
    }
    // Events: new stories inserted, grown ones updated (one statement each way).
    const fresh = [...touched].filter((s) => stories.get(s)!.eventId === 0);
    const rows = (list: number[]) => list.map((s) => stories.get(s)!);
    const trim = (terms: Record<string, number>) => JSON.stringify(Object.fromEntries(Object.entries(terms).sort((x, y) => y[1] - x[1]).slice(0, 300)));
    if (fresh.length) {
      const made = await queryRows<{ id: number }>(db, sql`
        insert into events (title, titles, search, terms, source_ids, entity_keys, first_seen_at, last_seen_at, article_count, revision)
        select t.titles->>0, t.titles, to_tsvector('english', t.joined), t.terms, t.sources, '[]'::jsonb, t.first, t.last, t.count, 1
        from unnest(${param(rows(fresh).map((r) => JSON.stringify(r.titles)))}::jsonb[], ${param(rows(fresh).map((r) => r.titles.join(' \n ')))}::text[],
          ${param(rows(fresh).map((r) => trim(r.terms)))}::jsonb[], ${param(rows(fresh).map((r) => JSON.stringify([...r.sources])))}::jsonb[],
          ${param(rows(fresh).map((r) => r.first.toISOString()))}::timestamptz[], ${param(rows(fresh).map((r) => r.last.toISOString()))}::timestamptz[],
          ${param(rows(fresh).map((r) => r.count))}::int[]) with ordinality as t(titles, joined, terms, sources, first, last, count, n)
        order by t.n returning id`);
      made.forEach((row, k) => (stories.get(fresh[k])!.eventId = Number(row.id)));
    }
    const grown = [...touched].filter((s) => !fresh.includes(s));
    if (grown.length) {
      await db.execute(sql`
        update events e set titles = t.titles, search = to_tsvector('english', t.joined), terms = t.terms, source_ids = t.sources,
          last_seen_at = t.last, article_count = t.count
        from unnest(${param(rows(grown).map((r) => r.eventId))}::bigint[], ${param(rows(grown).map((r) => JSON.stringify(r.titles)))}::jsonb[],
          ${param(rows(grown).map((r) => r.titles.join(' \n ')))}::text[], ${param(rows(grown).map((r) => trim(r.terms)))}::jsonb[],
          ${param(rows(grown).map((r) => JSON.stringify([...r.sources])))}::jsonb[], ${param(rows(grown).map((r) => r.last.toISOString()))}::timestamptz[],
          ${param(rows(grown).map((r) => r.count))}::int[]) as t(id, titles, joined, terms, sources, last, count)
        where e.id = t.id`);
    }
    const shingles = slice.map((a, k) => shingleSignature(`${a.title} ${texts[k]}`));
    const inserted = await queryRows<{ id: number }>(db, sql`
      insert into articles (source_id, guid, url, canonical_url, title, content_html, content_text, published_at, fetched_at, shingles, extracted_at, clustered_at, event_id)
      select t.source, t.guid, t.url, t.url, t.title, t.html, t.body, t.published, t.published, t.shingles, now(), now(), t.event
      from unnest(${param(ids.map(sourceOf))}::text[], ${param(ids.map((i) => `item-${i}`))}::text[], ${param(ids.map((i) => itemInput(slice[i - start], i).url))}::text[],
        ${param(slice.map((a) => a.title))}::text[], ${param(slice.map(html))}::text[], ${param(texts)}::text[],
        ${param(slice.map((a) => a.publishedAt.toISOString()))}::timestamptz[], ${param(shingles.map((s) => JSON.stringify(s)))}::jsonb[],
        ${param(slice.map((a) => stories.get(a.story)!.eventId))}::bigint[]) with ordinality as t(source, guid, url, title, html, body, published, shingles, event, n)
      order by t.n returning id`);
    const bands: number[] = [];
    const buckets: number[] = [];
    const owners: number[] = [];
    inserted.forEach((row, k) => {
      const at = slice[k].publishedAt;
      for (const b of copyBuckets({ id: Number(row.id), title: slice[k].title, text: texts[k], shingles: shingles[k], seenAt: at, fetchedAt: at })) {
        bands.push(b.band);
        buckets.push(b.bucket);
        owners.push(Number(row.id));
      }
    });
    await db.execute(sql`insert into article_bands (band, bucket, article_id)
      select * from unnest(${param(bands)}::smallint[], ${param(buckets)}::integer[], ${param(owners)}::bigint[]) on conflict do nothing`);
  }
  // Document frequencies: the whole table rewritten from the running counts.
  await db.execute(sql`truncate cluster_terms`);
  const entries = [...df.entries()];
  for (let k = 0; k < entries.length; k += 20_000) {
    const part = entries.slice(k, k + 20_000);
    await db.execute(sql`insert into cluster_terms (term, df) select * from unnest(${param(part.map((e) => e[0]))}::text[], ${param(part.map((e) => e[1]))}::int[])`);
  }
  await db.execute(sql`analyze`);
}

// Clock ticks per second of /proc/<pid>/stat's utime and stime (USER_HZ, 100 on Linux).
const TICKS_PER_SECOND = 100;

/** CPU ticks each of the database's backends has used so far (none where /proc cannot say). */
async function serverTicks(db: Db): Promise<Map<number, number>> {
  const backends = await queryRows<{ pid: number }>(db, sql`select pid from pg_stat_activity where datname = current_database()`);
  const ticks = new Map<number, number>();
  for (const { pid } of backends) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      ticks.set(pid, Number(fields[11]) + Number(fields[12]));
    } catch {
      // Gone already, or not Linux.
    }
  }
  return ticks;
}

/** CPU milliseconds the backends used between two readings (a backend started in between counts from 0). */
function serverMsBetween(before: Map<number, number>, after: Map<number, number>): number {
  let ticks = 0;
  for (const [pid, t] of after) ticks += t - (before.get(pid) ?? 0);
  return (ticks * 1000) / TICKS_PER_SECOND;
}

const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];
const ms = (x: number) => Number(x.toFixed(2));

async function main() {
  const largest = Math.max(...sizes);
  const corpus = buildCorpus(largest + TIMED);
  const postgres = await startTestPostgres();
  const database = await openDatabase({ dataDir: '', databaseUrl: await createTestDatabase(postgres.url) });
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
  try {
    await runMigrations(database);
    const db = database.db;
    await syncSources(db, Array.from({ length: FEEDS }, (_, f) => SourceSchema.parse({ id: sourceOf(f), name: `Feed ${f}`, kind: 'rss', url: `https://feed${f}.example.org/feed.xml`, trust: 60, category: 'news', owner: `Owner ${f}` })));
    const ctx = { db, log: createLogger('silent'), settings: loadSettings({ DATA_DIR: os.tmpdir() }) };
    const stories = new Map<number, StoryState>();
    const df = new Map<string, number>();
    let stored = 0;
    let next = 0;
    for (const size of sizes) {
      const started = performance.now();
      const toLoad = size - stored;
      // Preload slots [next, next + toLoad), then time the 2,000 after them.
      await preload(db, corpus, next, next + toLoad, stories, df);
      const preloadSeconds = (performance.now() - started) / 1000;
      stored += toLoad;
      next += toLoad;
      const extractMs: number[] = [];
      const clusterMs: number[] = [];
      const totalMs: number[] = [];
      const extractCpuMs: number[] = [];
      const clusterCpuMs: number[] = [];
      const serverBefore = await serverTicks(db);
      const cpuBefore = process.cpuUsage();
      for (let i = next; i < next + TIMED; i++) {
        const t0 = performance.now();
        const row = (await upsertSourceItems(db, sourceOf(i), [itemInput(corpus[i], i)])).inserted[0];
        const t1 = performance.now();
        const c1 = process.cpuUsage();
        await extractArticle(ctx, row.id, row.version);
        const t2 = performance.now();
        const c2 = process.cpuUsage(c1);
        await clusterArticle(ctx, row.id, row.version);
        const t3 = performance.now();
        const c3 = process.cpuUsage(c1);
        extractCpuMs.push((c2.user + c2.system) / 1000);
        clusterCpuMs.push((c3.user + c3.system - c2.user - c2.system) / 1000);
        extractMs.push(t2 - t1);
        clusterMs.push(t3 - t2);
        totalMs.push(t3 - t0);
      }
      const cpu = process.cpuUsage(cpuBefore);
      const serverMs = serverMsBetween(serverBefore, await serverTicks(db));
      // The timed articles stay in the archive: the next preload continues after them.
      stored += TIMED;
      next += TIMED;
      const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
      console.log(
        JSON.stringify({
          bench: 'archive-growth',
          database: 'postgres',
          storedBefore: stored - TIMED,
          timed: TIMED,
          preloadSeconds: Number(preloadSeconds.toFixed(1)),
          msPerArticle: ms(mean(totalMs)),
          p50Ms: ms(quantile(totalMs, 0.5)),
          p95Ms: ms(quantile(totalMs, 0.95)),
          extractMsMean: ms(mean(extractMs)),
          clusterMsMean: ms(mean(clusterMs)),
          clusterP95Ms: ms(quantile(clusterMs, 0.95)),
          articlesPerSec: Number((1000 / mean(totalMs)).toFixed(1)),
          cpuMsPerArticle: ms((cpu.user + cpu.system) / 1000 / TIMED),
          extractCpuMsMean: ms(mean(extractCpuMs)),
          clusterCpuMsMean: ms(mean(clusterCpuMs)),
          serverCpuMsPerArticle: ms(serverMs / TIMED),
          peakRssMb: Math.round(peakRss / 1048576),
        }),
      );
    }
  } finally {
    clearInterval(sampler);
    await database.close();
    await postgres.stop();
  }
}

await main();
