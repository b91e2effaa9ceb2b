import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSessionSecret } from '../../src/web/session';
import { buildTestApi, seedReview, TEST_KEY, type TestApi } from '../support/api';
import { seedScenario } from '../support/api-scenario';

// The workspace's server side over the hand-checkable scenario (PGlite): pages answer, bad input
// is a 4xx page, the queue explains itself, and the signing secret outlives a restart.

describe('workspace pages', () => {
  let api: TestApi;
  let ids: Awaited<ReturnType<typeof seedScenario>>;
  beforeAll(async () => {
    api = await buildTestApi();
    ids = await seedScenario(api.db);
  });
  afterAll(async () => api?.close());

  const get = (url: string) => api.app.inject({ method: 'GET', url });

  it('serves every page as HTML without a key', async () => {
    for (const url of ['/', '/review', '/sources', '/entities', '/login', '/fragments/events', '/fragments/review']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toMatch(/^text\/html/);
    }
    const home = await get('/');
    const csp = String(home.headers['content-security-policy']);
    expect(/script-src ([^;]*)/.exec(csp)?.[1]).toBe("'self'");
    expect(home.headers['x-content-type-options']).toBe('nosniff');
    const sources = await get('/sources');
    expect(sources.body).toContain('HTTP 503 Service Unavailable');
    expect(sources.body).toMatch(/3 failures in a row/);
  });

  it('answers bad input with a 4xx page, never a 500', async () => {
    for (const [url, status] of [
      ['/claims/abc', 400],
      ['/events/0', 400],
      ['/events/99999999', 404],
      ['/?minConfidence=7', 400],
      ['/?since=2023-02-31', 400],
      ['/?cursor=garbage', 400],
      ['/entities?cursor=garbage', 400],
      ['/entities?kind=planet', 400],
    ] as const) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(status);
      expect(res.headers['content-type'], url).toMatch(/^text\/html/);
    }
    const bogus = await api.app.inject({ method: 'POST', url: '/login', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'key=%zz' });
    expect(bogus.statusCode).toBeGreaterThanOrEqual(400);
    expect(bogus.statusCode).toBeLessThan(500);
  });

  it('keeps the pages out of the OpenAPI document', async () => {
    const paths = Object.keys((await get('/openapi.json')).json().paths);
    // The contract's non-/api routes are documented too (links in emails, feeds out); no workspace page is.
    const contract = new Set(['/health', '/unsubscribe', '/confirm', '/feeds/events.xml', '/feeds/events.json']);
    expect(paths.filter((p) => !p.startsWith('/api/') && !contract.has(p))).toEqual([]);
    expect(paths).not.toContain('/review');
  });

  it('ranks the queue with reasons, and a review settles a claim whose evidence says nothing else', async () => {
    const disputed = ids.claims.c2; // disputed, not yet assessed: no evidence status to disagree with
    const before = await get('/review');
    expect(before.body).toContain(`/claims/${disputed.id}"`);
    expect(before.body).toMatch(/<li>disputed<\/li>/);
    await seedReview(api.db, { claimId: disputed.id, status: 'refuted', reviewer: 'abcdef01' });
    const after = await get('/review');
    expect(after.body).not.toContain(`/claims/${disputed.id}"`);
  });

  it('signs in with a write key only', async () => {
    const login = await get('/login');
    const token = /name="_csrf" value="([^"]+)"/.exec(login.body)![1];
    const cookies = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const post = (key: string) =>
      api.app.inject({ method: 'POST', url: '/login', headers: { cookie: cookies }, payload: { key, _csrf: token, next: '//evil.example/' } });
    const wrong = await post('not-a-key');
    expect(wrong.statusCode).toBe(403);
    expect(wrong.cookies.some((c) => c.name === 'cc_session')).toBe(false);
    const right = await post(TEST_KEY);
    expect(right.statusCode).toBe(303);
    // An off-site "next" is ignored: sign-in never redirects away from the workspace.
    expect(right.headers.location).toBe('/review');
    const session = right.cookies.find((c) => c.name === 'cc_session')!;
    expect(session.httpOnly).toBe(true);
    expect(session.sameSite).toBe('Lax');
    expect(session.secure).toBe(true); // the test app's public URL is https
  });
});

describe('session secret', () => {
  it('is created once in the data directory and read back after a restart', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'crosscheck-secret-'));
    try {
      const first = await loadSessionSecret(dir);
      expect(first).toMatch(/^[0-9a-f]{64}$/);
      expect(statSync(path.join(dir, 'session-secret')).mode & 0o777).toBe(0o600);
      expect(await loadSessionSecret(dir)).toBe(first);
      expect(await loadSessionSecret(undefined)).not.toBe(first);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
