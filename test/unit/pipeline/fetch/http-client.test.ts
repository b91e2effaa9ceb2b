import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { closeHttpAgents, DEFAULT_FETCH_LIMITS, fetchUrl, USER_AGENT, type FetchUrlOptions } from '../../../../src/pipeline/fetch/http-client';
import { classifyNetworkError, parseRetryAfter } from '../../../../src/pipeline/fetch/http-status';
import { startLocalServer, type LocalServer } from '../../../support/local-http-server';

const FEED = '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>';
const seenHeaders: Record<string, string | string[] | undefined>[] = [];
let server: LocalServer;

const options = (extra: Partial<FetchUrlOptions> = {}): FetchUrlOptions => ({
  limits: { ...DEFAULT_FETCH_LIMITS, totalTimeoutMs: 5_000, connectTimeoutMs: 2_000 },
  allowPrivateAddresses: true,
  userAgent: USER_AGENT,
  ...extra,
});
const get = (pathname: string, extra?: Partial<FetchUrlOptions>) => fetchUrl(`${server.origin}${pathname}`, options(extra));

beforeAll(async () => {
  server = await startLocalServer((req, res) => {
    seenHeaders.push(req.headers);
    const url = new URL(req.url ?? '/', 'http://x');
    const hop = (status: number, location: string) => {
      res.writeHead(status, { location });
      res.end();
    };
    switch (url.pathname) {
      case '/feed':
        if (req.headers['if-none-match'] === '"v1"') return void res.writeHead(304, { etag: '"v1"' }).end();
        return void res.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"v1"', 'last-modified': 'Tue, 01 Jul 2025 10:00:00 GMT' }).end(FEED);
      case '/gzip':
        return void res.writeHead(200, { 'content-encoding': 'gzip' }).end(zlib.gzipSync(FEED));
      case '/deflate':
        return void res.writeHead(200, { 'content-encoding': 'deflate' }).end(zlib.deflateSync(FEED));
      case '/deflate-raw':
        return void res.writeHead(200, { 'content-encoding': 'deflate' }).end(zlib.deflateRawSync(FEED));
      case '/br':
        return void res.writeHead(200, { 'content-encoding': 'br' }).end(zlib.brotliCompressSync(FEED));
      case '/compress':
        return void res.writeHead(200, { 'content-encoding': 'compress' }).end('xx');
      case '/big-declared':
        res.writeHead(200, { 'content-length': String(50 * 1024 * 1024) });
        return void res.write('x');
      case '/p1':
        return hop(301, '/p2');
      case '/p2':
        return hop(308, `${server.origin}/feed`);
      case '/t1':
        return hop(301, '/t2');
      case '/t2':
        return hop(302, '/feed');
      case '/loop-a':
        return hop(302, '/loop-b');
      case '/loop-b':
        return hop(302, '/loop-a');
      case '/chain': {
        const n = Number(url.searchParams.get('n'));
        return hop(302, n > 0 ? `/chain?n=${n - 1}` : '/feed');
      }
      case '/no-location':
        return void res.writeHead(302).end();
      case '/to-ftp':
        return hop(301, 'ftp://example.com/feed');
      case '/status': {
        const status = Number(url.searchParams.get('code'));
        const headers: Record<string, string> = {};
        if (url.searchParams.has('retry')) headers['retry-after'] = url.searchParams.get('retry')!;
        return void res.writeHead(status, headers).end('error page');
      }
      case '/cf-challenge':
        res.writeHead(403, { server: 'cloudflare', 'cf-ray': '8a1b2c3d4e5f-FRA', 'content-type': 'text/html' });
        return void res.end('<!DOCTYPE html><html><head><title>Just a moment...</title></head><body><script src="/cdn-cgi/challenge-platform/h/g/orchestrate/chl_page/v1"></script></body></html>');
      case '/cf-403-plain':
        res.writeHead(403, { server: 'cloudflare', 'cf-ray': '8a1b2c3d4e5f-FRA' });
        return void res.end('<html><body>Forbidden by the site owner</body></html>');
      case '/hang':
        return; // never answers
      default:
        return void res.writeHead(404).end('not found');
    }
  });
});

afterAll(async () => {
  await server.close();
  await closeHttpAgents();
});

describe('fetchUrl: requests and bodies', () => {
  it('sends an honest User-Agent, Accept and Accept-Encoding, and returns the body and validators', async () => {
    const result = await get('/feed', { accept: 'application/rss+xml' });
    expect(result).toMatchObject({ kind: 'ok', status: 200, etag: '"v1"', lastModified: 'Tue, 01 Jul 2025 10:00:00 GMT', redirected: false });
    if (result.kind !== 'ok') throw new Error('unreachable');
    expect(result.body.toString()).toBe(FEED);
    const headers = seenHeaders.at(-1)!;
    expect(headers['user-agent']).toBe('Crosscheck/0.1 (+https://github.com/crosscheck/crosscheck; news and regulatory feed reader)');
    expect(headers['accept']).toBe('application/rss+xml');
    expect(headers['accept-encoding']).toBe('gzip, deflate, br');
  });

  it('makes a conditional GET and reports 304 as not_modified', async () => {
    const result = await get('/feed', { etag: '"v1"', lastModified: 'Tue, 01 Jul 2025 10:00:00 GMT' });
    expect(result).toMatchObject({ kind: 'not_modified', status: 304 });
    expect(seenHeaders.at(-1)!['if-none-match']).toBe('"v1"');
    expect(seenHeaders.at(-1)!['if-modified-since']).toBe('Tue, 01 Jul 2025 10:00:00 GMT');
  });

  it.each(['/gzip', '/deflate', '/deflate-raw', '/br'])('decompresses %s', async (pathname) => {
    const result = await get(pathname);
    expect(result.kind).toBe('ok');
    if (result.kind === 'ok') expect(result.body.toString()).toBe(FEED);
  });

  it('refuses an encoding it cannot decode', async () => {
    expect(await get('/compress')).toMatchObject({ kind: 'failure', errorClass: 'network', message: expect.stringContaining('"compress"') });
  });

  it('stops at a Content-Length over the limit without reading the body', async () => {
    const result = await get('/big-declared', { limits: { ...options().limits, maxBodyBytes: 1024 * 1024 } });
    expect(result).toMatchObject({ kind: 'failure', errorClass: 'too_large', transient: false });
    if (result.kind === 'failure') expect(result.message).toContain('1048576');
  });
});

describe('fetchUrl: redirects', () => {
  it('follows a permanent chain and reports the final URL as permanent', async () => {
    const result = await get('/p1');
    expect(result).toMatchObject({ kind: 'ok', url: `${server.origin}/feed`, redirected: true, permanentRedirect: true });
  });

  it('does not call a chain with a temporary hop permanent', async () => {
    expect(await get('/t1')).toMatchObject({ kind: 'ok', url: `${server.origin}/feed`, permanentRedirect: false });
  });

  it('detects a loop', async () => {
    expect(await get('/loop-a')).toMatchObject({ kind: 'failure', errorClass: 'redirect_loop', transient: false });
  });

  it('stops after maxRedirects distinct hops', async () => {
    // n=4 is five redirects: exactly the default limit.
    expect(await get('/chain?n=4')).toMatchObject({ kind: 'ok' });
    expect(await get('/chain?n=5')).toMatchObject({ kind: 'failure', errorClass: 'too_many_redirects' });
    const result = await get('/chain?n=4', { limits: { ...options().limits, maxRedirects: 3 } });
    expect(result).toMatchObject({ kind: 'failure', errorClass: 'too_many_redirects' });
    if (result.kind === 'failure') expect(result.message).toContain('more than 3 times');
  });

  it('fails clearly on a redirect without Location or to another scheme', async () => {
    expect(await get('/no-location')).toMatchObject({ kind: 'failure', httpStatus: 302, message: expect.stringContaining('without a Location') });
    expect(await get('/to-ftp')).toMatchObject({ kind: 'failure', message: expect.stringContaining('only http and https') });
  });
});

describe('fetchUrl: statuses', () => {
  it.each([
    ['/status?code=429&retry=120', { errorClass: 'rate_limited', transient: true, retryAfterSeconds: 120, httpStatus: 429 }],
    ['/status?code=503&retry=30', { errorClass: 'rate_limited', transient: true, retryAfterSeconds: 30 }],
    ['/status?code=503', { errorClass: 'http_5xx', transient: true, httpStatus: 503 }],
    ['/status?code=500', { errorClass: 'http_5xx', transient: true }],
    ['/status?code=404', { errorClass: 'http_4xx', transient: false, httpStatus: 404 }],
    ['/status?code=410', { errorClass: 'http_4xx', transient: false, httpStatus: 410 }],
    ['/status?code=408', { errorClass: 'http_4xx', transient: true }],
    ['/status?code=403', { errorClass: 'http_4xx', transient: false }],
    ['/cf-challenge', { errorClass: 'blocked', httpStatus: 403 }],
    ['/cf-403-plain', { errorClass: 'http_4xx', httpStatus: 403 }],
  ])('%s', async (pathname, expected) => {
    expect(await get(pathname)).toMatchObject({ kind: 'failure', ...expected });
  });

  it('reads an HTTP-date Retry-After', async () => {
    // Only Date is frozen (sockets and timers stay real), so the answer is exact, not a window.
    vi.useFakeTimers({ toFake: ['Date'], now: Date.UTC(2026, 0, 1, 12, 0, 0) });
    try {
      const at = new Date(Date.now() + 90_000).toUTCString();
      const result = await get(`/status?code=429&retry=${encodeURIComponent(at)}`);
      expect(result).toMatchObject({ kind: 'failure', errorClass: 'rate_limited', retryAfterSeconds: 90 });
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('fetchUrl: network failures and guards', () => {
  it('classifies a refused connection', async () => {
    const closed = await startLocalServer(() => undefined);
    await closed.close();
    expect(await fetchUrl(`${closed.origin}/`, options())).toMatchObject({ kind: 'failure', errorClass: 'connect', transient: true });
  });

  it('classifies an unknown host as dns', async () => {
    expect(await fetchUrl('http://no-such-host.invalid/feed', options())).toMatchObject({ kind: 'failure', errorClass: 'dns' });
  });

  it('ends a server that never answers at the total timeout', async () => {
    const result = await get('/hang', { limits: { ...options().limits, totalTimeoutMs: 300 } });
    expect(result).toMatchObject({ kind: 'failure', errorClass: 'timeout', transient: true });
    if (result.kind === 'failure') expect(result.message).toContain('300 ms');
  });

  it('returns a result, not an exception, when the caller cancels', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    expect(await get('/hang', { signal: controller.signal })).toMatchObject({ kind: 'failure', errorClass: 'network', message: expect.stringContaining('cancelled') });
  });

  it('refuses loopback by literal and by name unless private addresses are allowed', async () => {
    expect(await get('/feed', { allowPrivateAddresses: false })).toMatchObject({ kind: 'failure', errorClass: 'forbidden_address', transient: false });
    const byName = await fetchUrl(`http://localhost:${server.port}/feed`, options({ allowPrivateAddresses: false }));
    expect(byName).toMatchObject({ kind: 'failure', errorClass: 'forbidden_address' });
    expect(await fetchUrl(`http://localhost:${server.port}/feed`, options())).toMatchObject({ kind: 'ok' });
  });

  it('rejects URLs it must not fetch', async () => {
    expect(await fetchUrl('file:///etc/passwd', options())).toMatchObject({ kind: 'failure', message: expect.stringContaining('only http and https') });
    expect(await fetchUrl('not a url', options())).toMatchObject({ kind: 'failure', message: expect.stringContaining('not a valid URL') });
  });

  it('classifies an untrusted certificate as tls', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'crosscheck-tls-'));
    try {
      execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-keyout', `${dir}/key.pem`, '-out', `${dir}/cert.pem`], { stdio: 'ignore' });
      const tlsServer = https.createServer({ key: readFileSync(`${dir}/key.pem`), cert: readFileSync(`${dir}/cert.pem`) }, (_req, res) => res.end(FEED));
      await new Promise<void>((resolve) => tlsServer.listen(0, '127.0.0.1', resolve));
      const { port } = tlsServer.address() as AddressInfo;
      const result = await fetchUrl(`https://127.0.0.1:${port}/feed`, options());
      tlsServer.close();
      expect(result).toMatchObject({ kind: 'failure', errorClass: 'tls', transient: false });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('parseRetryAfter and classifyNetworkError', () => {
  it('parses seconds and dates and ignores junk', () => {
    const now = new Date('2025-07-01T10:00:00Z');
    expect(parseRetryAfter('60', now)).toBe(60);
    expect(parseRetryAfter('Tue, 01 Jul 2025 10:02:00 GMT', now)).toBe(120);
    expect(parseRetryAfter('Tue, 01 Jul 2025 09:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });

  it('finds the cause inside wrapped errors', () => {
    const wrapped = (code: string) => Object.assign(new Error('outer', { cause: Object.assign(new Error('inner'), { code }) }), { code: 'UND_ERR_SOCKET' });
    expect(classifyNetworkError(wrapped('EAI_AGAIN')).errorClass).toBe('dns');
    expect(classifyNetworkError(wrapped('CERT_HAS_EXPIRED')).errorClass).toBe('tls');
    expect(classifyNetworkError(wrapped('ETIMEDOUT')).errorClass).toBe('timeout');
    expect(classifyNetworkError(wrapped('ECONNRESET')).errorClass).toBe('connect');
    expect(classifyNetworkError(new AggregateError([Object.assign(new Error('x'), { code: 'ECONNREFUSED' })])).errorClass).toBe('connect');
    expect(classifyNetworkError(new Error('odd')).errorClass).toBe('network');
  });

  it('calls a bug in the program internal, not a network failure, and does not retry it', () => {
    // A real TypeError, as reading a property of undefined throws it.
    const bug = (() => {
      try {
        return (undefined as unknown as { length: number }).length;
      } catch (err) {
        return err;
      }
    })();
    expect(classifyNetworkError(bug)).toMatchObject({ errorClass: 'internal', transient: false, detail: expect.stringMatching(/^TypeError: /) });
    expect(classifyNetworkError(new RangeError('Invalid time value'))).toMatchObject({ errorClass: 'internal', transient: false });
    // A network cause beneath still wins: it says what actually happened.
    expect(classifyNetworkError(new TypeError('fetch failed', { cause: Object.assign(new Error('x'), { code: 'ECONNRESET' }) })).errorClass).toBe('connect');
  });
});
