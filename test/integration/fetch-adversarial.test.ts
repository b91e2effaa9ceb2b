import type { ServerResponse } from 'node:http';
import zlib from 'node:zlib';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { SourceSchema, type Source } from '../../src/config/sources';
import { fetchPage } from '../../src/pipeline/fetch/fetch-page';
import { fetchSource, type FetchSourceDeps } from '../../src/pipeline/fetch/fetch-source';
import { closeHttpAgents } from '../../src/pipeline/fetch/http-client';
import { createHostGate } from '../../src/pipeline/fetch/politeness';
import { RobotsCache } from '../../src/pipeline/fetch/robots';
import { startLocalServer, type LocalServer } from '../support/local-http-server';

// Hostile and broken servers, each on a real loopback socket, fetched through fetchSource.

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const rssDoc = (title: string, items: string[]) =>
  `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>${title}</title><link>https://example.com/</link>${items.join('')}</channel></rss>`;
const rssItem = (n: number) =>
  `<item><title>Story ${n}</title><link>https://example.com/story/${n}</link><guid>story-${n}</guid><pubDate>Tue, 01 Jul 2025 10:00:00 GMT</pubDate><description>Summary of story ${n}</description></item>`;
const FEED = rssDoc('Adversarial feed', [rssItem(1), rssItem(2)]);
const CP1252_FEED = iconv.encode(
  '<rss version="2.0"><channel><title>Café – “quoted” €</title><item><title>Résumé</title><link>https://example.com/r</link></item></channel></rss>',
  'windows-1252',
);
const LARGE_ITEMS = 50_000;
// About 1 MB: near four times a 256 KiB limit, a tenth of the default 10 MiB one.
const SIZED_ITEMS = 5_000;
const SIZED_LIMIT = 256 * 1024;

let server: LocalServer;
let gzipBomb: Buffer;
let largeFeed: string;
let sizedFeed: string;
let flakyCalls = 0;
const warnings: unknown[][] = [];

const deps = (): FetchSourceDeps => ({
  gate: createHostGate({ maxConcurrentPerHost: 8, minDelayMs: 0 }),
  robotsCache: new RobotsCache(),
  log: { warn: (...args: unknown[]) => void warnings.push(args), info: () => undefined } as unknown as FetchSourceDeps['log'],
});
const source = (pathname: string, extra: Partial<z.input<typeof SourceSchema>> = {}, origin = server.origin): Source => SourceSchema.parse({
  id: `test${pathname.replace(/[^a-z0-9]+/gi, '-')}`.toLowerCase(),
  name: `Test ${pathname}`,
  kind: 'rss',
  url: `${origin}${pathname}`,
  trust: 50,
  category: 'news',
  owner: 'test',
  ...extra,
});

/** Gzips `totalBytes` of zeros chunk by chunk, so the uncompressed gigabyte never exists in memory. */
async function makeGzipBomb(totalBytes: number): Promise<Buffer> {
  const gzip = zlib.createGzip({ level: zlib.constants.Z_BEST_SPEED });
  const out: Buffer[] = [];
  gzip.on('data', (chunk: Buffer) => out.push(chunk));
  const ended = new Promise((resolve) => gzip.on('end', resolve));
  const zeros = Buffer.alloc(1024 * 1024);
  for (let written = 0; written < totalBytes; written += zeros.length) {
    if (!gzip.write(zeros)) await new Promise((resolve) => gzip.once('drain', resolve));
  }
  gzip.end();
  await ended;
  return Buffer.concat(out);
}

function writeForever(res: ServerResponse, chunk: Buffer): void {
  let open = true;
  res.on('close', () => (open = false));
  const pump = () => {
    while (open && res.write(chunk));
    if (open) res.once('drain', pump);
  };
  pump();
}

beforeAll(async () => {
  gzipBomb = await makeGzipBomb(1024 * 1024 * 1024);
  largeFeed = rssDoc('Large feed', Array.from({ length: LARGE_ITEMS }, (_, i) => rssItem(i)));
  sizedFeed = rssDoc('Sized feed', Array.from({ length: SIZED_ITEMS }, (_, i) => rssItem(i)));
  server = await startLocalServer((req, res) => {
    const url = new URL(req.url ?? '/', server.origin);
    const redirect = (status: number, location: string) => void res.writeHead(status, { location }).end();
    switch (url.pathname) {
      case '/feed.xml':
        if (req.headers['if-none-match'] === '"rev-7"') return void res.writeHead(304, { etag: '"rev-7"' }).end();
        return void res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag: '"rev-7"' }).end(FEED);
      case '/drip': {
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        res.write('<');
        const timer = setInterval(() => res.write(' '), 2_000);
        return void res.on('close', () => clearInterval(timer));
      }
      case '/endless':
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        return writeForever(res, Buffer.alloc(64 * 1024, 'a'));
      case '/bomb':
        return void res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': 'gzip' }).end(gzipBomb);
      case '/loop-a':
        return redirect(302, '/loop-b');
      case '/loop-b':
        return redirect(302, '/loop-a');
      case '/moved-1':
        return redirect(301, '/moved-2');
      case '/moved-2':
        return redirect(301, '/feed.xml');
      case '/rate-limited':
        return void res.writeHead(429, { 'retry-after': '120' }).end('slow down');
      case '/flaky':
        flakyCalls += 1;
        if (flakyCalls === 1) return void res.writeHead(500).end('internal error');
        return void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(FEED);
      case '/as-text':
        return void res.writeHead(200, { 'content-type': 'text/plain' }).end(FEED);
      case '/homepage':
        return void res.writeHead(200, { 'content-type': 'text/html' }).end('<!DOCTYPE html><html><head><title>Home</title></head><body><h1>Welcome</h1></body></html>');
      case '/cp1252-header':
        return void res.writeHead(200, { 'content-type': 'application/rss+xml; charset=windows-1252' }).end(CP1252_FEED);
      case '/cp1252-bare':
        return void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(CP1252_FEED);
      case '/sized': {
        // Two writes: chunked, no Content-Length to refuse up front, so only counting the body can stop it.
        const half = Math.floor(sizedFeed.length / 2);
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        res.write(sizedFeed.slice(0, half));
        return void res.end(sizedFeed.slice(half));
      }
      case '/large':
        return void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(largeFeed);
      case '/slow':
        return void setTimeout(() => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(FEED), 1_500);
      case '/robots.txt':
        return void res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nDisallow: /private/\n\nUser-agent: crosscheck\nDisallow: /members/\n');
      case '/news': {
        const page = Number(url.searchParams.get('page') ?? '1');
        const stories = [1, 2].map((n) => `<li class="story"><a href="/story/${page}-${n}">Story ${page}.${n}</a></li>`).join('');
        return void res.writeHead(200, { 'content-type': 'text/html' }).end(`<html><head><title>News</title></head><body><ul>${stories}</ul><a class="next" href="/news?page=${page + 1}">Next</a></body></html>`);
      }
      case '/api/v1/documents.json': {
        const page = Number(url.searchParams.get('page') ?? '1');
        const doc = { document_number: `2025-0${page}`, title: `Rule ${page}`, type: 'Rule', html_url: `https://www.federalregister.gov/d/2025-0${page}`, publication_date: '2025-07-01' };
        const next = new URL(url);
        next.searchParams.set('page', String(page + 1));
        return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ count: 100, results: [doc], next_page_url: next.href }));
      }
      default:
        return void res.writeHead(404).end('not found');
    }
  });
}, 60_000);

afterAll(async () => {
  await server.close();
  await closeHttpAgents();
});

describe('fetchSource against hostile servers', () => {
  it('ends a slow drip (a byte every 2 s) at the total timeout', async () => {
    const outcome = await fetchSource(source('/drip', { limits: { connectTimeout: 1, totalTimeout: 1.5, maxBodyBytes: 1_000_000, maxRedirects: 5 } }), {}, deps());
    expect(outcome).toMatchObject({ kind: 'failure', errorClass: 'timeout', transient: true });
  });

  it('stops an endless body at the size limit (or the deadline, whichever comes first)', async () => {
    const outcome = await fetchSource(source('/endless', { limits: { maxBodyBytes: 2 * 1024 * 1024, totalTimeout: 20 } }), {}, deps());
    expect(outcome.kind).toBe('failure');
    if (outcome.kind === 'failure') expect(['too_large', 'timeout']).toContain(outcome.errorClass);
  });

  it('stops a finite, fast body at the size limit, where a larger limit reads it whole', async () => {
    expect(Buffer.byteLength(sizedFeed)).toBeGreaterThan(2 * SIZED_LIMIT);
    // Sixty seconds for a body served in one go: the deadline cannot be what stops it.
    const limits = { maxBodyBytes: SIZED_LIMIT, totalTimeout: 60 };
    const limited = await fetchSource(source('/sized', { limits }), {}, deps());
    expect(limited).toMatchObject({ kind: 'failure', errorClass: 'too_large', transient: false });
    if (limited.kind === 'failure') expect(limited.message).toContain(`maxBodyBytes ${SIZED_LIMIT}`);
    const whole = await fetchSource(source('/sized', { limits: { totalTimeout: 60 } }), {}, deps());
    expect(whole.kind === 'ok' && whole.feed.items.length).toBe(SIZED_ITEMS);
  });

  it('refuses a gzip bomb on its decompressed size without holding it in memory', async () => {
    expect(gzipBomb.length).toBeLessThan(10 * 1024 * 1024);
    const before = process.memoryUsage().rss;
    const outcome = await fetchSource(source('/bomb'), {}, deps());
    const grownMb = (process.memoryUsage().rss - before) / 1024 / 1024;
    expect(outcome).toMatchObject({ kind: 'failure', errorClass: 'too_large', transient: false });
    if (outcome.kind === 'failure') expect(outcome.message).toMatch(/decompressed body exceeds 10485760 bytes/);
    // The bomb inflates to 1 GiB; stopping at 10 MiB keeps growth to a small multiple of that.
    expect(grownMb).toBeLessThan(200);
  });

  it('detects a redirect loop', async () => {
    expect(await fetchSource(source('/loop-a'), {}, deps())).toMatchObject({ kind: 'failure', errorClass: 'redirect_loop' });
  });

  it('reports the end of a 301 chain as the moved URL', async () => {
    const outcome = await fetchSource(source('/moved-1'), {}, deps());
    expect(outcome).toMatchObject({ kind: 'ok', movedTo: `${server.origin}/feed.xml` });
  });

  it('answers a repeated fetch with its ETag as not modified', async () => {
    const first = await fetchSource(source('/feed.xml'), {}, deps());
    expect(first).toMatchObject({ kind: 'ok', etag: '"rev-7"' });
    const second = await fetchSource(source('/feed.xml'), { etag: first.kind === 'ok' ? first.etag : undefined }, deps());
    expect(second).toEqual({ kind: 'not_modified', httpStatus: 304 });
  });

  it('passes on Retry-After from a 429', async () => {
    const outcome = await fetchSource(source('/rate-limited'), {}, deps());
    expect(outcome).toMatchObject({ kind: 'failure', errorClass: 'rate_limited', retryAfterSeconds: 120, transient: true, httpStatus: 429 });
  });

  it('treats a 500 as transient and recovers on the next call', async () => {
    expect(await fetchSource(source('/flaky'), {}, deps())).toMatchObject({ kind: 'failure', errorClass: 'http_5xx', transient: true });
    const again = await fetchSource(source('/flaky'), {}, deps());
    expect(again).toMatchObject({ kind: 'ok' });
    if (again.kind === 'ok') expect(again.feed.items).toHaveLength(2);
  });

  it('parses a feed served as text/plain', async () => {
    const outcome = await fetchSource(source('/as-text'), {}, deps());
    expect(outcome).toMatchObject({ kind: 'ok', feed: { title: 'Adversarial feed' } });
  });

  it('calls an HTML page where a feed should be not_a_feed', async () => {
    expect(await fetchSource(source('/homepage'), {}, deps())).toMatchObject({ kind: 'failure', errorClass: 'not_a_feed', transient: false });
  });

  it.each(['/cp1252-header', '/cp1252-bare'])('decodes a windows-1252 feed without an XML declaration (%s)', async (pathname) => {
    const outcome = await fetchSource(source(pathname), {}, deps());
    expect(outcome.kind).toBe('ok');
    if (outcome.kind !== 'ok') return;
    expect(outcome.feed.title).toBe('Café – “quoted” €');
    expect(outcome.feed.items[0].title).toBe('Résumé');
  });

  it(`reads a ${LARGE_ITEMS}-item feed and reports peak memory`, async () => {
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
    const baseline = peak;
    const outcome = await fetchSource(source('/large', { limits: { maxBodyBytes: 64 * 1024 * 1024 } }), {}, deps());
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
    console.log(JSON.stringify({ test: 'large-feed', items: LARGE_ITEMS, bodyMb: mb(Buffer.byteLength(largeFeed)), baselineRssMb: mb(baseline), peakRssMb: mb(peak) }));
    expect(outcome.kind).toBe('ok');
    if (outcome.kind === 'ok') {
      expect(outcome.feed.items).toHaveLength(LARGE_ITEMS);
      expect(outcome.feed.items[LARGE_ITEMS - 1].url).toBe(`https://example.com/story/${LARGE_ITEMS - 1}`);
    }
  });

  it('keeps other sources flowing while one is slow', async () => {
    const shared = deps();
    const finished: string[] = [];
    const slow = fetchSource(source('/slow'), {}, shared).then((outcome) => (finished.push('slow'), outcome));
    await sleep(50);
    const fast = fetchSource(source('/feed.xml'), {}, shared).then((outcome) => (finished.push('fast'), outcome));
    const [slowOutcome, fastOutcome] = await Promise.all([slow, fast]);
    expect(finished).toEqual(['fast', 'slow']);
    expect(slowOutcome.kind).toBe('ok');
    expect(fastOutcome.kind).toBe('ok');
  });
});

describe('fetchSource address guard', () => {
  it('refuses a source whose name resolves to loopback', async () => {
    const outcome = await fetchSource(source('/feed.xml', {}, `http://localhost:${server.port}`), {}, deps());
    expect(outcome).toMatchObject({ kind: 'failure', errorClass: 'forbidden_address', transient: false });
    if (outcome.kind === 'failure') expect(outcome.message).toMatch(/localhost resolves to .*loopback/);
  });

  it('allows a source configured on a loopback address', async () => {
    expect(await fetchSource(source('/feed.xml'), {}, deps())).toMatchObject({ kind: 'ok' });
  });

  it('allows a source by hostname on a private network when the file says privateNetwork', async () => {
    const local = source('/feed.xml', { privateNetwork: true }, `http://localhost:${server.port}`);
    expect(await fetchSource(local, {}, deps())).toMatchObject({ kind: 'ok' });
  });

  it('refuses an item page on a loopback address when its source is public, and allows it for a local source', async () => {
    const page = `${server.origin}/homepage`;
    const fromPublic = await fetchPage(page, { sourceUrl: 'https://news.example/feed.xml', gate: createHostGate({ minDelayMs: 0 }) });
    expect(fromPublic).toMatchObject({ kind: 'failure', errorClass: 'forbidden_address' });
    const fromLocal = await fetchPage(page, { sourceUrl: `${server.origin}/feed.xml`, gate: createHostGate({ minDelayMs: 0 }) });
    expect(fromLocal).toMatchObject({ kind: 'ok' });
  });
});

describe('fetchSource: robots.txt and paging', () => {
  const listing = { item: 'li.story', nextPage: 'a.next' };

  it('refuses an html page robots.txt disallows for our user agent', async () => {
    const outcome = await fetchSource(source('/members/news', { kind: 'html', selectors: listing }), {}, deps());
    expect(outcome).toMatchObject({ kind: 'failure', errorClass: 'robots', transient: false });
    if (outcome.kind === 'failure') expect(outcome.message).toContain('/robots.txt line 5');
  });

  it('follows html next-page links up to maxPages', async () => {
    const outcome = await fetchSource(source('/news?page=1', { kind: 'html', selectors: { ...listing, maxPages: 3 } }), {}, deps());
    expect(outcome.kind).toBe('ok');
    if (outcome.kind !== 'ok') return;
    expect(outcome.feed.items.map((item) => item.title)).toEqual(['Story 1.1', 'Story 1.2', 'Story 2.1', 'Story 2.2', 'Story 3.1', 'Story 3.2']);
  });

  it('allows html fetching when robots.txt is unreachable, and logs it', async () => {
    const broken = await startLocalServer((req, res) => {
      if (req.url === '/robots.txt') return void res.writeHead(503).end('down');
      res.writeHead(200, { 'content-type': 'text/html' }).end('<ul><li class="story"><a href="/a">A</a></li></ul>');
    });
    try {
      warnings.length = 0;
      const outcome = await fetchSource(source('/list', { kind: 'html', selectors: listing }, broken.origin), {}, deps());
      expect(outcome).toMatchObject({ kind: 'ok' });
      expect(warnings.some(([, message]) => typeof message === 'string' && message.includes('robots.txt unavailable'))).toBe(true);
    } finally {
      await broken.close();
    }
  });

  it('follows Federal Register next_page_url up to maxPages', async () => {
    const fr = source('/api/v1/documents.json', { kind: 'federal-register', category: 'regulator', federalRegister: { agencies: ['environmental-protection-agency'], maxPages: 2 } });
    const outcome = await fetchSource(fr, {}, deps());
    expect(outcome.kind).toBe('ok');
    if (outcome.kind !== 'ok') return;
    expect(outcome.feed.items.map((item) => item.title)).toEqual(['Rule 1', 'Rule 2']);
  });
});
