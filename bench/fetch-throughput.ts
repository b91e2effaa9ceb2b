// Fetch-stage throughput: 100 generated RSS feeds of N items each, served gzip-compressed over
// loopback, fetched and parsed with fetchSource at a fixed concurrency.
//
//   npx tsx bench/fetch-throughput.ts [--items 20,200,1000] [--feeds 100] [--concurrency 16]
//
// Prints one JSON line per item count. All feeds share one host (127.0.0.1), so the politeness
// gate is opened to the bench's concurrency with no delay; real hosts get 2 and 1 s.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import zlib from 'node:zlib';
import { fetchSource } from '../src/pipeline/fetch/fetch-source';
import { closeHttpAgents } from '../src/pipeline/fetch/http-client';
import { createHostGate } from '../src/pipeline/fetch/politeness';
import { SourceSchema } from '../src/config/sources';

const { values } = parseArgs({
  options: {
    items: { type: 'string', default: '20,200,1000' },
    feeds: { type: 'string', default: '100' },
    concurrency: { type: 'string', default: '16' },
  },
});
const itemCounts = values.items.split(',').map(Number);
const feedCount = Number(values.feeds);
const concurrency = Number(values.concurrency);

function feedXml(feed: number, items: number): string {
  const entries: string[] = [];
  for (let i = 0; i < items; i++) {
    entries.push(
      `<item><title>Feed ${feed} story ${i}: regulator opens inquiry</title><link>https://news${feed}.example/story/${i}</link>` +
        `<guid>https://news${feed}.example/story/${i}</guid><pubDate>Tue, 01 Jul 2025 10:${String(i % 60).padStart(2, '0')}:00 GMT</pubDate>` +
        `<description>&lt;p&gt;Summary of story ${i} from feed ${feed}, with &lt;b&gt;markup&lt;/b&gt; to strip.&lt;/p&gt;</description></item>`,
    );
  }
  return `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Feed ${feed}</title><link>https://news${feed}.example/</link>${entries.join('')}</channel></rss>`;
}

async function runOnce(items: number): Promise<Record<string, number | string>> {
  const bodies = Array.from({ length: feedCount }, (_, feed) => zlib.gzipSync(feedXml(feed, items)));
  const server = http.createServer((req, res) => {
    const feed = Number(req.url?.match(/^\/feed\/(\d+)\.xml$/)?.[1]);
    const body = bodies[feed];
    if (!body) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', 'content-encoding': 'gzip', 'content-length': body.length }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const sources = bodies.map((_, feed) =>
    SourceSchema.parse({
      id: `bench-${feed}`,
      name: `Bench ${feed}`,
      kind: 'rss',
      url: `http://127.0.0.1:${port}/feed/${feed}.xml`,
      trust: 50,
      category: 'news',
      owner: `owner-${feed}`,
      limits: { maxBodyBytes: 64 * 1024 * 1024 },
    }),
  );
  const deps = { gate: createHostGate({ maxConcurrentPerHost: concurrency, minDelayMs: 0 }), log: { warn: () => undefined, info: () => undefined } as never };

  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 10);
  let next = 0;
  let itemsParsed = 0;
  let failures = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < sources.length) {
        const outcome = await fetchSource(sources[next++], {}, deps);
        if (outcome.kind === 'ok') itemsParsed += outcome.feed.items.length;
        else failures += 1;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    bench: 'fetch',
    feeds: feedCount,
    items: itemsParsed,
    itemsPerFeed: items,
    concurrency,
    failures,
    seconds: round(seconds),
    feedsPerSec: round(feedCount / seconds),
    itemsPerSec: Math.round(itemsParsed / seconds),
    peakRssMb: Math.round(peakRss / 1024 / 1024),
  };
}

for (const items of itemCounts) console.log(JSON.stringify(await runOnce(items)));
await closeHttpAgents();
