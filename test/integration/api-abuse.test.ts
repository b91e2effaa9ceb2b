import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApi, TEST_KEY, type TestApi } from '../support/api';
import { renderPage } from '../support/chromium';

// Abuse controls: security headers on every answer, a CORS policy from CORS_ORIGINS, rate limits on
// writes and sign-ups, and wrong write keys slowed down. On PGlite: none of this touches the database kind.

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

describe('API abuse controls', () => {
  let t: TestApi;
  let token: string;

  beforeAll(async () => {
    t = await buildTestApi({
      deps: {
        corsOrigins: ['https://desk.example'],
        limits: { signups: { max: 3, timeWindow: 3_600_000 }, writes: { max: 4, timeWindow: 3_600_000 }, wrongKeys: { max: 3, windowMs: 3_600_000 } },
      },
    });
    const sub = await t.app.inject({ method: 'POST', url: '/api/subscriptions', payload: { email: 'ana@example.org' } });
    token = new URL(sub.json().unsubscribeUrl).searchParams.get('token')!;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('sends security headers on JSON, errors, /docs and /unsubscribe, with a CSP that forbids inline script', async () => {
    for (const url of ['/api/events', '/api/nothing', '/api/events/0', '/docs', '/docs/static/swagger-ui-bundle.js', `/unsubscribe?token=${token}`, '/openapi.json']) {
      const res = await t.app.inject({ url });
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['x-frame-options'], url).toBe('DENY');
      const csp = String(res.headers['content-security-policy']);
      expect(csp, url).toContain("script-src 'self'");
      expect(csp, url).toContain("frame-ancestors 'none'");
      expect(csp, url).toContain("img-src 'self' data:");
      expect(csp, url).not.toContain('unsafe-inline');
    }
  });

  it('serves /docs so that Swagger UI runs in a real browser under its CSP', async () => {
    const docs = await t.app.inject({ url: '/docs' });
    expect(docs.body).not.toMatch(/<script(?![^>]*\bsrc=)/);
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    const port = (t.app.server.address() as AddressInfo).port;
    const page = await renderPage(`http://127.0.0.1:${port}/docs`);
    // Rendered by the bundle from /openapi.json: only possible when its scripts were allowed to run.
    expect(page.dom).toContain('opblock-summary-path');
    expect(page.dom).toContain('/api/events/{id}');
    expect(page.console.filter((line) => /Content Security Policy|Refused/.test(line))).toEqual([]);
  });

  it('answers preflights from allowed origins only', async () => {
    const preflight = (origin: string) =>
      t.app.inject({
        method: 'OPTIONS',
        url: '/api/claims/1/reviews',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
      });
    const allowed = await preflight('https://desk.example');
    expect(allowed.statusCode).toBe(204);
    expect(allowed.headers['access-control-allow-origin']).toBe('https://desk.example');
    expect(allowed.headers['access-control-allow-methods']).toContain('POST');
    expect(String(allowed.headers['access-control-allow-headers']).toLowerCase()).toContain('authorization');
    const other = await preflight('https://evil.example');
    expect(other.statusCode).toBe(204);
    expect(Object.keys(other.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
    const get = await t.app.inject({ url: '/api/events', headers: { origin: 'https://desk.example' } });
    expect(get.headers['access-control-allow-origin']).toBe('https://desk.example');
    const stranger = await t.app.inject({ url: '/api/events', headers: { origin: 'https://evil.example' } });
    expect(Object.keys(stranger.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
  });

  it('sends no CORS headers at all without CORS_ORIGINS', async () => {
    const plain = await buildTestApi();
    try {
      const res = await plain.app.inject({
        method: 'OPTIONS',
        url: '/api/events',
        headers: { origin: 'https://desk.example', 'access-control-request-method': 'GET' },
      });
      expect(res.statusCode).toBe(204);
      expect(Object.keys(res.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
    } finally {
      await plain.close();
    }
  });

  it('limits sign-ups per address with a 429 and Retry-After in the error shape', async () => {
    // One sign-up happened in beforeAll; the limit is three.
    for (const n of [2, 3]) {
      const ok = await t.app.inject({ method: 'POST', url: '/api/subscriptions', payload: { email: `n${n}@example.org` } });
      expect(ok.statusCode, ok.body).toBe(201);
    }
    const limited = await t.app.inject({ method: 'POST', url: '/api/subscriptions', payload: { email: 'n4@example.org' } });
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('too_many_requests');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Another address is not affected.
    const elsewhere = await t.app.inject({ method: 'POST', url: '/api/subscriptions', remoteAddress: '10.0.0.9', payload: { email: 'x@example.org' } });
    expect(elsewhere.statusCode).toBe(201);
  });

  it('limits writes per address, reads not at all', async () => {
    const from = { remoteAddress: '10.0.0.20' };
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      statuses.push((await t.app.inject({ method: 'POST', url: '/unsubscribe?token=nope', ...from })).statusCode);
    }
    expect(statuses).toEqual([404, 404, 404, 404, 429, 429]);
    for (let i = 0; i < 10; i++) expect((await t.app.inject({ url: '/api/events', ...from })).statusCode).toBe(200);
  });

  it('slows an address after repeated wrong keys, never one using the right key', async () => {
    const keyed = (key: string, remoteAddress: string) =>
      t.app.inject({ url: '/api/subscriptions/00000000-0000-4000-8000-000000000000', headers: bearer(key), remoteAddress });
    // The right key, more often than the wrong-key limit: never slowed.
    for (let i = 0; i < 6; i++) expect((await keyed(TEST_KEY, '10.0.0.30')).statusCode).toBe(404);
    const wrong: number[] = [];
    for (let i = 0; i < 5; i++) wrong.push((await keyed(`guess-${i}`, '10.0.0.31')).statusCode);
    expect(wrong).toEqual([403, 403, 403, 429, 429]);
    const blocked = await keyed(`guess-x`, '10.0.0.31');
    expect(blocked.json().error).toEqual({ code: 'too_many_requests', message: expect.stringContaining('wrong keys') });
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(3000);
    // While blocked the key is not even looked at, so guessing learns nothing; other addresses go on.
    expect((await keyed(TEST_KEY, '10.0.0.31')).statusCode).toBe(429);
    expect((await keyed(TEST_KEY, '10.0.0.32')).statusCode).toBe(404);
    // Mistakes followed by the right key start afresh.
    for (let i = 0; i < 2; i++) expect((await keyed('typo', '10.0.0.33')).statusCode).toBe(403);
    expect((await keyed(TEST_KEY, '10.0.0.33')).statusCode).toBe(404);
    for (let i = 0; i < 2; i++) expect((await keyed('typo', '10.0.0.33')).statusCode).toBe(403);
  });
});
