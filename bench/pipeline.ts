// End-to-end pipeline benchmark: a realistic corpus (bench/realistic-corpus.ts: stories of
// their own real text, event sizes from 1 to 200 in a long tail, one in eight members a
// syndicated copy) served as 100 feeds on loopback, the whole pipeline on a real Redis and a
// real PostgreSQL, figures as JSON lines on stdout. The first size runs again with a second worker
// process beside this one (`crosscheck worker` for every stage but fetch, as a deployment adds
// one to use another core): the speed-up of two worker processes over one.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { loadSettings } from '../src/config/env';
import { createLogger } from '../src/logger';
import { runOnce } from '../src/runtime/once';
import { startSystem } from '../src/runtime/system';
import { startPrivateRedis } from '../src/services/redis-server';
import { createTestDatabase, startTestPostgres } from '../harness/postgres-server';
import { buildCorpus, feedsOf, sizeSpread } from './realistic-corpus';
import { inProcessCeiling } from './in-process';
import { QUEUES } from '../src/jobs/catalogue';
import { stopProcess } from '../harness/stop-process';

const sizes = (process.env.BENCH_SIZES ?? '1000,10000').split(',').map(Number);
const ROOT = path.resolve(import.meta.dirname, '..');
// The second process runs every stage but fetch: one fetching process is enough for 100 feeds,
// and a second one would install the polling schedules again.
const SECOND_PROCESS_STAGES = QUEUES.filter((q) => q !== 'fetch');

/** Starts `crosscheck worker` on the same Redis and database; resolves once its workers are connected. */
async function startSecondWorker(env: Record<string, string>, connected: () => Promise<number>): Promise<ChildProcess> {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/crosscheck.mjs'), 'worker', ...SECOND_PROCESS_STAGES], {
    cwd: ROOT,
    env: { ...process.env, ...env, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const deadline = Date.now() + 60_000;
  while ((await connected()) < 2) {
    if (child.exitCode !== null) throw new Error(`the second worker process exited with ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error('the second worker process did not connect within a minute');
    await new Promise((r) => setTimeout(r, 200));
  }
  return child;
}


async function serveFeeds(feeds: string[]) {
  const server = http.createServer((req, res) => {
    const index = Number(/\/feed-(\d+)\.xml$/.exec(req.url ?? '')?.[1]);
    if (!Number.isInteger(index) || !feeds[index]) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(feeds[index]);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** One run of the corpus through the pipeline; returns articles per second. */
async function benchOnce(articles: number, redisUrl: string, postgresUrl: string, processes: 1 | 2): Promise<number> {
  const corpus = buildCorpus(articles);
  const feeds = feedsOf(corpus);
  const server = await serveFeeds(feeds);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'crosscheck-bench-'));
  const sourcesFile = path.join(dataDir, 'sources.yaml');
  writeFileSync(
    sourcesFile,
    feeds.map((_, f) => `- { id: feed-${f}, name: "Feed ${f}", kind: rss, url: "${server.url}/feed-${f}.xml", trust: ${30 + (f % 7) * 10}, category: news, owner: "Owner ${f % 60}" }`).join('\n'),
  );
  const databaseUrl = await createTestDatabase(postgresUrl);
  const settings = loadSettings({ DATA_DIR: dataDir, SOURCES_FILE: sourcesFile, REDIS_URL: redisUrl, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' });
  const stageMs: Record<string, number> = {};
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
  const system = await startSystem({
    settings,
    log: createLogger('warn'),
    fetchPolicy: { minDelayMs: 0, maxConcurrentPerHost: 16 },
    onJobTimed: (queue, ms) => (stageMs[queue] = (stageMs[queue] ?? 0) + ms),
  });
  const second =
    processes === 2
      ? await startSecondWorker({ DATA_DIR: path.join(dataDir, 'second'), REDIS_URL: redisUrl, DATABASE_URL: databaseUrl }, async () => (await system.bus.queues.extract.getWorkers()).length)
      : undefined;
  const started = performance.now();
  const summary = await runOnce(system, { timeoutMs: 60 * 60_000 });
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  if (second) await stopProcess(second);
  await system.stop();
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
  const total = Object.values(stageMs).reduce((a, b) => a + b, 0);
  console.log(
    JSON.stringify({
      bench: 'pipeline',
      database: 'postgres',
      corpus: 'realistic',
      workerProcesses: processes,
      feeds: feeds.length,
      stories: new Set(corpus.map((a) => a.story)).size,
      storySizes: sizeSpread(corpus),
      articles: summary.articles,
      events: summary.events,
      syndicatedCopies: summary.duplicates,
      claims: Object.values(summary.claimsByStatus).reduce((a, b) => a + b, 0),
      seconds: Number(seconds.toFixed(2)),
      articlesPerSec: Number((summary.articles / seconds).toFixed(1)),
      // With a second process, the stage times are this process's jobs only.
      stageTimeShare: Object.fromEntries(Object.entries(stageMs).map(([q, ms]) => [q, Number((ms / total).toFixed(3))])),
      stageSeconds: Object.fromEntries(Object.entries(stageMs).map(([q, ms]) => [q, Number((ms / 1000).toFixed(2))])),
      peakRssMb: Math.round(peakRss / 1048576),
    }),
  );
  const articlesPerSec = summary.articles / seconds;
  if (processes === 2) return articlesPerSec;
  // The same stages in this process without queue or database, on the same feeds.
  const ceiling = inProcessCeiling(feeds);
  const ceilingPerSec = ceiling.articles / ceiling.seconds;
  console.log(
    JSON.stringify({
      bench: 'pipeline-ceiling',
      stages: 'parse, extract, cluster (no verify, notify)',
      articles: ceiling.articles,
      events: ceiling.events,
      syndicatedCopies: ceiling.copies,
      seconds: Number(ceiling.seconds.toFixed(2)),
      articlesPerSec: Number(ceilingPerSec.toFixed(1)),
      endToEndShareOfCeiling: Number((articlesPerSec / ceilingPerSec).toFixed(3)),
    }),
  );
  return articlesPerSec;
}

const redisDir = mkdtempSync(path.join(os.tmpdir(), 'crosscheck-bench-redis-'));
const redis = await startPrivateRedis(redisDir, { persistent: false });
const postgres = await startTestPostgres();
try {
  // Each run on a Redis database of its own: job ids repeat from run to run (article ids start
  // again in each fresh database), and a kept finished job of the same id would swallow the new one.
  let run = 0;
  const redisOfRun = () => {
    const url = new URL(redis.url);
    url.pathname = `/${++run}`;
    return url.toString();
  };
  const onePerSize = [];
  for (const size of sizes) onePerSize.push(await benchOnce(size, redisOfRun(), postgres.url, 1));
  const two = await benchOnce(sizes[0], redisOfRun(), postgres.url, 2);
  console.log(
    JSON.stringify({
      bench: 'pipeline-two-processes',
      articles: sizes[0],
      secondProcessStages: SECOND_PROCESS_STAGES,
      oneProcessArticlesPerSec: Number(onePerSize[0].toFixed(1)),
      twoProcessesArticlesPerSec: Number(two.toFixed(1)),
      speedUp: Number((two / onePerSize[0]).toFixed(2)),
    }),
  );
} finally {
  await redis.stop();
  await postgres.stop();
  rmSync(redisDir, { recursive: true, force: true });
}
