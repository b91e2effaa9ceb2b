import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFeed } from '../../src/pipeline/fetch/parse-feed';
import { toArticleInput } from '../../src/pipeline/fetch/ingest';
import { freePort, startPrivateRedis, type PrivateRedis } from '../../src/services/redis-server';
import { createTestDatabase, startTestPostgres, type TestPostgres } from '../../harness/postgres-server';
import { startLocalServer, type LocalServer } from '../support/local-http-server';
import { errorLines, startCrosscheck, stopCrosscheck, unloggedLines, type CrosscheckProcess } from '../support/processes';

// The pipeline split into processes as an operator runs it (API; fetch+extract; cluster+verify+
// notify) on its own PostgreSQL and redis-server, real feeds (test/fixtures/e2e, origins in its
// MANIFEST) on loopback. Mid-run Postgres stops for 20 s, Redis for 5 s, and a worker is killed
// with SIGKILL and started again. Every article must end extracted, clustered and verified once,
// every process still running, and GET /api/status idle only once all of that is true. Each
// step waits on what it observes; only the outages themselves are timed.

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/e2e');
// Three waves: served at once, after the Postgres outage, after the Redis outage.
const WAVES = [
  ['DaringFireball.atom', 'pressreleases.rss'],
  ['TechCrunch.xml', 'whitehouse-briefings-2026-08-04.xml'],
  ['DaringFireball.json', 'whitehouse-briefings-2026-08-14.xml'],
];
const BOUND_MS = 120_000;

interface Snapshot {
  articles: number; extracted: number; clustered: number; events: number; unverified: number;
  miscounted: number; orphans: number; empty_live_events: number;
}

const SNAPSHOT = `select
  (select count(*)::int from articles) as articles,
  (select count(*)::int from articles where extracted_at is not null) as extracted,
  (select count(*)::int from articles where clustered_at is not null and event_id is not null) as clustered,
  (select count(*)::int from events where article_count > 0) as events,
  (select count(*)::int from events where article_count > 0 and (verified_revision <> revision or verified_at is null)) as unverified,
  (select count(*)::int from events e where e.article_count <> (select count(*) from articles a where a.event_id = e.id)) as miscounted,
  (select count(*)::int from articles a left join events e on e.id = a.event_id
     where a.event_id is not null and (e.id is null or e.merged_into is not null)) as orphans,
  (select count(*)::int from events where merged_into is null and article_count = 0) as empty_live_events`;

const complete = (s: Snapshot, expected: number) =>
  s.articles === expected && s.extracted === expected && s.clustered === expected && s.unverified === 0 && s.miscounted === 0 && s.orphans === 0;

/** Polls `check` until it returns a value (not undefined); the bound only keeps a broken run from hanging. */
async function until<T>(what: string, check: () => Promise<T | undefined>, boundMs = BOUND_MS): Promise<T> {
  const deadline = Date.now() + boundMs;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the pipeline in three processes through outages and a killed worker', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'crosscheck-outage-'));
  let postgres: TestPostgres;
  let redis: PrivateRedis;
  let feeds: LocalServer;
  let pool: pg.Pool;
  let env: Record<string, string>;
  let apiUrl: string;
  const processes: Record<string, CrosscheckProcess> = {};
  const waves = WAVES.map(() => {
    let resolve!: () => void;
    const promise = new Promise<void>((r) => (resolve = r));
    return { promise, resolve };
  });
  const expectedUrls = new Set<string>();
  // Per link, the most distinct posts one feed has there. A link another source stored first stays
  // that source's, so which feed arrives first decides how many of them are stored: the article
  // count lies between one per link and this sum, and whatever was stored must be processed once.
  const postsAt = new Map<string, number>();
  const expectedPosts = () => [...postsAt.values()].reduce((a, b) => a + b, 0);
  const storedAsExpected = (articles: number) => articles >= expectedUrls.size && articles <= expectedPosts();

  beforeAll(async () => {
    for (const file of WAVES.flat()) {
      const feed = parseFeed(readFileSync(path.join(FIXTURES, file), 'utf8'), { baseUrl: 'http://127.0.0.1/' });
      // Distinct posts at one link in one feed are distinct articles (a linked post and a sponsor post).
      const postsHere = new Map<string, Set<string>>();
      for (const item of feed.items) {
        const input = toArticleInput(item);
        if (!input) continue;
        expectedUrls.add(input.canonicalUrl);
        postsHere.set(input.canonicalUrl, (postsHere.get(input.canonicalUrl) ?? new Set()).add(item.title));
      }
      for (const [url, titles] of postsHere) postsAt.set(url, Math.max(postsAt.get(url) ?? 0, titles.size));
    }
    // A feed of a later wave is held until its wave is let go: the request waits, as on a slow server.
    feeds = await startLocalServer(async (req, res) => {
      const file = path.basename(new URL(req.url ?? '/', 'http://x').pathname);
      const wave = WAVES.findIndex((w) => w.includes(file));
      if (wave < 0) return res.writeHead(404).end();
      await waves[wave].promise;
      res.writeHead(200, { 'content-type': file.endsWith('.json') ? 'application/json' : 'application/xml' });
      res.end(readFileSync(path.join(FIXTURES, file)));
    });
    waves[0].resolve();
    const sourcesFile = path.join(dir, 'sources.yaml');
    writeFileSync(
      sourcesFile,
      WAVES.flat()
        .map((file, i) => `- { id: feed-${i}, name: "Feed ${i}", kind: rss, url: "${feeds.origin}/${file}", trust: ${50 + i * 5}, category: news, owner: "Owner ${i}", interval: 1h, limits: { totalTimeout: 5m } }`)
        .join('\n'),
    );
    [postgres, redis] = await Promise.all([startTestPostgres(), startPrivateRedis(path.join(dir, 'redis'), { persistent: true })]);
    const databaseUrl = await createTestDatabase(postgres.url);
    pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
    pool.on('error', () => undefined);
    pool.on('connect', (client) => client.on('error', () => undefined));
    const port = String(await freePort());
    apiUrl = `http://127.0.0.1:${port}`;
    env = {
      DATABASE_URL: databaseUrl, REDIS_URL: redis.url, DATA_DIR: path.join(dir, 'data'), SOURCES_FILE: sourcesFile,
      PORT: port, API_KEYS: 'outage-test-key', LOG_LEVEL: 'info', FETCH_HOST_DELAY_MS: '0', FETCH_HOST_CONCURRENCY: '8',
    };
  }, 120_000);

  afterAll(async () => {
    for (const wave of waves) wave.resolve();
    await Promise.all(Object.values(processes).map(stopCrosscheck));
    await pool?.end().catch(() => undefined);
    await feeds?.close();
    await Promise.all([redis?.stop(), postgres?.stop()]);
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('ends with every article extracted, clustered and verified once, every process running, idle only at the end', async () => {
    const t0 = Date.now();
    const at = () => `${((Date.now() - t0) / 1000).toFixed(1)} s`;
    const timeline: string[] = [];
    const note = (line: string) => timeline.push(`${at()} ${line}`);
    const snapshot = async () => (await pool.query<Snapshot>(SNAPSHOT)).rows[0];
    const status = async () => {
      const response = await fetch(`${apiUrl}/api/status`, { signal: AbortSignal.timeout(3_000) });
      return { code: response.status, body: (await response.json()) as { idle?: boolean; queues?: Record<string, Record<string, number>>; queuesError?: string; failedJobs?: { pending: number; forGood: number } } };
    };

    processes.api = startCrosscheck('api', ['api'], env);
    await until('the API', async () => ((await status()).code === 200 ? true : undefined));
    processes.fetchExtract = startCrosscheck('fetch+extract', ['worker', 'fetch', 'extract'], env);
    processes.rest = startCrosscheck('cluster+verify+notify+deliver', ['worker', 'cluster', 'verify', 'notify', 'deliver'], env);

    // Every idle answer is checked against the database at once: idle must mean done.
    const idleSeen: { at: string; done: boolean; snapshot?: Snapshot }[] = [];
    const outageAnswers: number[] = [];
    let watching = true;
    const watcher = (async () => {
      while (watching) {
        const answer = await status().catch(() => undefined);
        if (answer?.code === 200 && answer.body.idle) {
          const s = await snapshot().catch(() => undefined);
          idleSeen.push({ at: at(), done: Boolean(s && storedAsExpected(s.articles) && complete(s, s.articles)), snapshot: s });
        }
        await sleep(250);
      }
    })();

    const progress = await until('the first wave stored and clustering under way', async () => {
      const s = await snapshot();
      return s.clustered > 0 ? s : undefined;
    });
    note(`postgres stops (articles ${progress.articles}, extracted ${progress.extracted}, clustered ${progress.clustered})`);
    await postgres.halt();
    const outageEnds = Date.now() + 20_000;
    while (Date.now() < outageEnds) {
      const r = await fetch(`${apiUrl}/api/events`, { signal: AbortSignal.timeout(3_000) }).catch(() => undefined);
      if (r) outageAnswers.push(r.status);
      await sleep(1_000);
    }
    await postgres.resume();
    const pgBack = Date.now();
    await until('the API answering after the database restart', async () => ((await status()).code === 200 ? true : undefined));
    note(`postgres back; API answers after ${Date.now() - pgBack} ms`);
    waves[1].resolve();
    const afterPg = await until('work going on after the database restart', async () => {
      const s = await snapshot();
      return s.clustered > progress.clustered ? s : undefined;
    });
    note(`first article clustered ${Date.now() - pgBack} ms after postgres came back (clustered ${afterPg.clustered})`);

    note('redis stops');
    await redis.stop();
    await sleep(5_000);
    const redisPort = redis.port;
    redis = await startPrivateRedis(path.join(dir, 'redis'), { persistent: true, port: redisPort });
    const redisBack = Date.now();
    await until('the queues readable after the Redis restart', async () => {
      const answer = await status();
      return answer.code === 200 && !answer.body.queuesError ? true : undefined;
    });
    note(`redis back; queue counts readable after ${Date.now() - redisBack} ms`);
    const beforeWave3 = await snapshot();
    waves[2].resolve();
    await until('work going on after the Redis restart', async () => {
      const s = await snapshot();
      return s.clustered > beforeWave3.clustered || s.articles > beforeWave3.articles ? true : undefined;
    });
    note(`progress ${Date.now() - redisBack} ms after redis came back`);

    // Killed while it holds a cluster job (one at a time across all workers: its lock must be handed on).
    const holding = await until('a cluster job running', async () => {
      const answer = await status();
      return (answer.body.queues?.cluster?.active ?? 0) > 0 ? true : undefined;
    }, 60_000).catch(() => false);
    const atKill = await snapshot();
    note(`SIGKILL cluster+verify+notify+deliver (${holding ? 'a cluster job active' : 'no cluster job seen active'}; clustered ${atKill.clustered} of ${atKill.articles})`);
    processes.rest.child.kill('SIGKILL');
    expect((await processes.rest.exited).signal).toBe('SIGKILL');
    const killedLog = processes.rest;
    processes.rest = startCrosscheck('cluster+verify+notify+deliver', ['worker', 'cluster', 'verify', 'notify', 'deliver'], env);
    const restarted = Date.now();
    await until('the restarted worker up', async () => (processes.rest.lines.some((l) => l.includes('"database ready"')) ? true : undefined));
    const up = Date.now();
    await until('clustering going on after the restart', async () => ((await snapshot()).clustered > atKill.clustered ? true : undefined));
    note(`restarted: process up after ${up - restarted} ms, next article clustered ${Date.now() - up} ms later`);

    let last: unknown;
    const final = await until('every article extracted, clustered and verified, and idle', async () => {
      const answer = await status();
      const s = await snapshot();
      last = { s, answer: answer.body, expected: expectedPosts() };
      if (answer.code !== 200 || !answer.body.idle) return undefined;
      return storedAsExpected(s.articles) && complete(s, s.articles) ? { s, answer } : undefined;
    }, 180_000).catch((error: Error) => {
      const failures = Object.values(processes).concat(killedLog).flatMap((p) => [...errorLines(p), ...unloggedLines(p)].map((l) => `${p.name}: ${l.slice(0, 400)}`));
      console.log(['outage run (failed):', ...timeline, JSON.stringify(last), ...failures.slice(0, 40)].join('\n  '));
      throw error;
    });
    note(`done ${Date.now() - restarted} ms after the restart: ${final.s.articles} articles, ${final.s.events} events`);
    watching = false;
    await watcher;

    const all = Object.values(processes).concat(killedLog);
    const failures = all.flatMap((p) => errorLines(p).map((l) => `${p.name}: ${l}`));
    const unlogged = all.flatMap((p) => unloggedLines(p).map((l) => `${p.name}: ${l.slice(0, 300)}`));
    // Error lines by kind (process, message, error with numbers blanked), for the record.
    const kinds = new Map<string, number>();
    for (const line of failures) {
      const { msg, err } = JSON.parse(line.slice(line.indexOf('{'))) as { msg?: string; err?: unknown };
      const kind = `${line.slice(0, line.indexOf(':'))} ${msg}: ${String(typeof err === 'string' ? err : JSON.stringify(err)).replace(/\d{3,}/g, 'N')}`;
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    }
    console.log(['outage run:', ...timeline, `answers during the database outage: ${outageAnswers.join(' ')}`, `idle answers: ${idleSeen.map((s) => s.at).join(' ') || 'none'}`, `error lines: ${failures.length}`, ...[...kinds].map(([k, n]) => `${n} × ${k.slice(0, 200)}`)].join('\n  '));

    const stored = (await pool.query<{ canonical_url: string }>('select distinct canonical_url from articles order by 1')).rows.map((r) => r.canonical_url);
    expect(stored).toEqual([...expectedUrls].sort());
    expect(storedAsExpected(final.s.articles)).toBe(true);
    expect(final.s).toMatchObject({ extracted: final.s.articles, clustered: final.s.articles, unverified: 0, miscounted: 0, orphans: 0, empty_live_events: 0 });
    expect(final.answer.body.failedJobs).toEqual({ pending: 0, forGood: 0 });
    for (const p of Object.values(processes)) expect(p.running(), `${p.name} still running`).toBe(true);
    // Whatever went wrong was logged as JSON lines, never printed as a bare stack trace.
    expect(unlogged).toEqual([]);
    expect(idleSeen.filter((seen) => !seen.done), 'idle before the work was done').toEqual([]);
    // During the outage the API said so (503), never 500, and it came back by itself (above).
    expect(outageAnswers.length).toBeGreaterThan(0);
    expect(outageAnswers.every((code) => code === 503)).toBe(true);
  }, 600_000);
});
