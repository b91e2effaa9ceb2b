// End-to-end pipeline benchmark: a generated corpus of 100 feeds served on loopback, the whole
// pipeline on a real Redis and a real PostgreSQL, figures as JSON lines on stdout.
//
// Items are built from real text: headlines from the UCI News Aggregator sample (demo/corpus)
// and bodies from WikiRef220 articles (evaluation-only, read from the shared corpus at run
// time). A quarter of the items re-publish another feed's story, half of those as near-verbatim
// syndicated copies, so clustering and syndication detection have real work to do.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { loadSettings } from '../src/config/env';
import { createLogger } from '../src/logger';
import { runOnce } from '../src/runtime/once';
import { startSystem } from '../src/runtime/system';
import { DEMO_CORPUS } from '../src/runtime/demo-server';
import { startPrivateRedis } from '../src/services/redis-server';
import { corpusPath } from '../harness/corpus';
import { createTestDatabase, startTestPostgres } from '../harness/postgres-server';
import { random } from '../harness/random';

const FEEDS = 100;
const sizes = (process.env.BENCH_SIZES ?? '1000,10000').split(',').map(Number);


const escapeXml = (text: string) => text.replace(/[<>&]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;' })[c]!);

function buildFeeds(articles: number): string[] {
  const titles = (parseCsv(readFileSync(path.join(DEMO_CORPUS, 'uci-news-aggregator-first-999.csv')), { columns: true }) as { TITLE: string }[]).map((r) => r.TITLE);
  const dir = corpusPath('near-duplicates/wikiref220/articles');
  const bodies = readdirSync(dir).map((f) => readFileSync(path.join(dir, f), 'utf8').split(/\n+/).filter((p) => p.length > 40));
  const next = random(42);
  const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)];
  const stories: { title: string; paragraphs: string[] }[] = [];
  const items: string[][] = Array.from({ length: FEEDS }, () => []);
  const now = Date.now();
  for (let i = 0; i < articles; i++) {
    const feed = i % FEEDS;
    let story: { title: string; paragraphs: string[] };
    let paragraphs: string[];
    if (stories.length > 10 && next() < 0.25) {
      story = pick(stories);
      // Half of the re-published stories are syndicated copies, the rest rewrites of the lead.
      paragraphs = next() < 0.5 ? story.paragraphs : story.paragraphs.slice(0, 2).concat(pick(bodies).slice(0, 3));
    } else {
      const body = pick(bodies);
      const start = Math.floor(next() * Math.max(1, body.length - 6));
      const slice = body.slice(start, start + 6 + Math.floor(next() * 6));
      // A headline of its own per story: a UCI headline's opening words and the lead's first words.
      const lead = (slice[0] ?? '').split(/\s+/).slice(0, 8).join(' ');
      story = { title: `${pick(titles).split(/\s+/).slice(0, 4).join(' ')}: ${lead}`, paragraphs: slice };
      stories.push(story);
      paragraphs = story.paragraphs;
    }
    const date = new Date(now - Math.floor(next() * 48 * 3_600_000)).toUTCString();
    items[feed].push(
      `<item><title>${escapeXml(story.title)}</title><link>https://feed${feed}.example.org/a/${i}</link><guid>item-${i}</guid><pubDate>${date}</pubDate>` +
        `<description>${escapeXml(paragraphs[0] ?? '')}</description><content:encoded><![CDATA[${paragraphs.map((p) => `<p>${escapeXml(p)}</p>`).join('')}]]></content:encoded></item>`,
    );
  }
  return items.map(
    (list, f) =>
      `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Feed ${f}</title><link>https://feed${f}.example.org/</link><description>bench</description>${list.join('')}</channel></rss>`,
  );
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

async function benchOnce(articles: number, redisUrl: string, postgresUrl: string) {
  const feeds = buildFeeds(articles);
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
      feeds: FEEDS,
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
