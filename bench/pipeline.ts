// End-to-end pipeline benchmark: a realistic corpus (bench/realistic-corpus.ts: stories of
// their own real text, event sizes from 1 to 200 in a long tail, one in eight members a
// syndicated copy) served as 100 feeds on loopback, the whole pipeline on a real Redis and a
// real PostgreSQL, figures as JSON lines on stdout.
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

const sizes = (process.env.BENCH_SIZES ?? '1000,10000').split(',').map(Number);

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

async function benchOnce(articles: number, redisUrl: string, postgresUrl: string) {
  const corpus = buildCorpus(articles);
  const feeds = feedsOf(corpus);
  const server = await serveFeeds(feeds);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'crosscheck-bench-'));
  const sourcesFile = path.join(dataDir, 'sources.yaml');
  writeFileSync(
    sourcesFile,
    feeds.map((_, f) => `- { id: feed-${f}, name: "Feed ${f}", kind: rss, url: "${server.url}/feed-${f}.xml", trust: ${30 + (f % 7) * 10}, category: news, owner: "Owner ${f % 60}" }`).join('\n'),
  );
  const settings = loadSettings({ DATA_DIR: dataDir, SOURCES_FILE: sourcesFile, REDIS_URL: redisUrl, DATABASE_URL: await createTestDatabase(postgresUrl), LOG_LEVEL: 'warn' });
  const stageMs: Record<string, number> = {};
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
  const system = await startSystem({
    settings,
    log: createLogger('warn'),
    fetchPolicy: { minDelayMs: 0, maxConcurrentPerHost: 16 },
    onJobTimed: (queue, ms) => (stageMs[queue] = (stageMs[queue] ?? 0) + ms),
  });
  const started = performance.now();
  const summary = await runOnce(system, { timeoutMs: 60 * 60_000 });
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  await system.stop();
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
  const total = Object.values(stageMs).reduce((a, b) => a + b, 0);
  console.log(
    JSON.stringify({
      bench: 'pipeline',
      database: 'postgres',
      corpus: 'realistic',
      feeds: feeds.length,
      stories: new Set(corpus.map((a) => a.story)).size,
      storySizes: sizeSpread(corpus),
      articles: summary.articles,
      events: summary.events,
      syndicatedCopies: summary.duplicates,
      claims: Object.values(summary.claimsByStatus).reduce((a, b) => a + b, 0),
      seconds: Number(seconds.toFixed(2)),
      articlesPerSec: Number((summary.articles / seconds).toFixed(1)),
      stageTimeShare: Object.fromEntries(Object.entries(stageMs).map(([q, ms]) => [q, Number((ms / total).toFixed(3))])),
      stageSeconds: Object.fromEntries(Object.entries(stageMs).map(([q, ms]) => [q, Number((ms / 1000).toFixed(2))])),
      peakRssMb: Math.round(peakRss / 1048576),
    }),
  );
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
      endToEndShareOfCeiling: Number((summary.articles / seconds / ceilingPerSec).toFixed(3)),
    }),
  );
}

const redisDir = mkdtempSync(path.join(os.tmpdir(), 'crosscheck-bench-redis-'));
const redis = await startPrivateRedis(redisDir, { persistent: false });
const postgres = await startTestPostgres();
try {
  for (const size of sizes) await benchOnce(size, redis.url, postgres.url);
} finally {
  await redis.stop();
  await postgres.stop();
  rmSync(redisDir, { recursive: true, force: true });
}
