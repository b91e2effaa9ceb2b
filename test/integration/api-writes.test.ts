import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ensureGeneratedKey } from '../../src/db/queries/api-keys';
import { reviewsOfClaim } from '../../src/db/queries/reviews';
import { apiKeys } from '../../src/db/schema';
import { buildTestApi, databaseKinds, TEST_KEY, type TestApi } from '../support/api';
import { seedScenario, type Scenario } from '../support/api-scenario';

// Writes: analyst reviews behind a bearer key, and subscriptions with their unsubscribe links.

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

describe.each(databaseKinds(inject('postgresUrl')))('API writes on $kind', ({ postgresServerUrl }) => {
  let t: TestApi;
  let s: Scenario;

  beforeAll(async () => {
    t = await buildTestApi({ postgresServerUrl });
    s = await seedScenario(t.db);
  });
  afterAll(async () => {
    await t?.close();
  });

  const review = (claimId: number, headers: Record<string, string>, payload: unknown = { status: 'confirmed', note: 'checked the filing' }) =>
    t.app.inject({ method: 'POST', url: `/api/claims/${claimId}/reviews`, headers, payload: payload as object });

  it('refuses reviews without a key (401) or with a wrong key (403)', async () => {
    const none = await review(s.claims.c2.id, {});
    expect(none.statusCode).toBe(401);
    expect(none.json().error.code).toBe('unauthorized');
    expect(none.headers['www-authenticate']).toBe('Bearer');
    expect((await review(s.claims.c2.id, { authorization: `Basic ${TEST_KEY}` })).statusCode).toBe(401);
    const wrong = await review(s.claims.c2.id, bearer('not-the-key'));
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().error.code).toBe('forbidden');
    // Authentication comes first: a stranger learns nothing about which claims exist.
    expect((await review(999999, {})).statusCode).toBe(401);
    expect((await t.app.inject({ url: `/api/claims/${s.claims.c2.id}` })).json().reviews).toEqual([]);
  });

  it('stores a review, names the reviewer by key hash and asks for re-assessment', async () => {
    const res = await review(s.claims.c2.id, bearer(TEST_KEY), { status: 'refuted', note: 'the company retracted the denial' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      claimId: s.claims.c2.id,
      status: 'refuted',
      note: 'the company retracted the denial',
      reviewer: expect.stringMatching(/^[0-9a-f]{8}$/),
      createdAt: expect.any(String),
      reassessment: 'queued',
    });
    expect(t.fakes.reviewed).toContain(s.claims.c2.id);
    // The reviewer the API answered is the one stored, and it is not a piece of the key.
    const { reviewer } = res.json();
    expect((await reviewsOfClaim(t.db, s.claims.c2.id)).map((r) => r.reviewer)).toEqual([reviewer]);
    expect(TEST_KEY).not.toContain(reviewer);

    const second = await review(s.claims.c2.id, bearer(TEST_KEY), { status: 'disputed' });
    expect(second.statusCode).toBe(201);
    expect(second.json().note).toBeNull();
    // One key, one reviewer.
    expect(second.json().reviewer).toBe(reviewer);
    const detail = (await t.app.inject({ url: `/api/claims/${s.claims.c2.id}` })).json();
    expect(detail.reviews.map((r: { status: string }) => r.status)).toEqual(['disputed', 'refuted']);
  });

  it('accepts a key whose hash was stored on first start, naming the reviewer by that hash', async () => {
    const generated = await ensureGeneratedKey(t.db);
    expect(generated).toEqual(expect.any(String));
    const [{ keyHash }] = await t.db.select({ keyHash: apiKeys.keyHash }).from(apiKeys);
    const res = await review(s.claims.c3.id, bearer(generated!));
    expect(res.statusCode).toBe(201);
    expect(res.json().reviewer).toBe(keyHash.slice(0, 8));
    const configured = await review(s.claims.c3.id, bearer(TEST_KEY));
    expect(configured.json().reviewer).not.toBe(res.json().reviewer);
  });

  it('keeps the review when re-assessment cannot be queued', async () => {
    t.fakes.reviewFails = true;
    try {
      const res = await review(s.claims.c4.id, bearer(TEST_KEY));
      expect(res.statusCode).toBe(201);
      expect(res.json().reassessment).toBe('failed');
    } finally {
      t.fakes.reviewFails = false;
    }
  });

  it('validates reviews and answers 404 for a missing claim', async () => {
    const missing = await review(999999, bearer(TEST_KEY));
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error).toEqual({ code: 'not_found', message: 'claim 999999 does not exist' });
    const cases: [unknown, string][] = [
      [{ status: 'probably' }, 'body/status must be equal to one of the allowed values'],
      [{ note: 'no verdict' }, "body must have required property 'status'"],
      [{ status: 'confirmed', note: 'x'.repeat(5000) }, 'body/note'],
      [{ status: 'confirmed', note: 'a\u0000b' }, 'body/note must not contain NUL characters'],
    ];
    for (const [payload, message] of cases) {
      const res = await review(s.claims.c1.id, bearer(TEST_KEY), payload);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.message).toContain(message);
    }
    expect((await review(0, bearer(TEST_KEY))).statusCode).toBe(400);
  });

  it('creates, shows, unsubscribes and deletes a subscription', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/subscriptions',
      payload: { email: 'ana@example.org', kind: 'alert', filters: { entities: ['OpenAI'], statuses: ['confirmed'], minConfidence: 0.7 } },
    });
    expect(created.statusCode, created.body).toBe(201);
    const sub = created.json();
    expect(sub).toMatchObject({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      email: 'ana@example.org',
      kind: 'alert',
      frequency: 'immediate',
      filters: { entities: ['OpenAI'], statuses: ['confirmed'], minConfidence: 0.7 },
      // Without a write key: waiting for the emailed confirmation.
      state: 'pending',
      unsubscribedAt: null,
    });
    expect(sub.secret).toBeUndefined();
    const token = new URL(sub.unsubscribeUrl).searchParams.get('token') ?? '';
    expect(sub.unsubscribeUrl.startsWith('https://crosscheck.example/unsubscribe?token=')).toBe(true);
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);

    const digest = await t.app.inject({ method: 'POST', url: '/api/subscriptions', payload: { email: 'bo@example.org' } });
    expect(digest.json()).toMatchObject({ kind: 'digest', frequency: 'daily', filters: {} });

    expect((await t.app.inject({ url: `/api/subscriptions/${sub.id}` })).statusCode).toBe(401);
    expect((await t.app.inject({ url: `/api/subscriptions/${sub.id}`, headers: bearer('nope') })).statusCode).toBe(403);
    const shown = await t.app.inject({ url: `/api/subscriptions/${sub.id}`, headers: bearer(TEST_KEY) });
    expect(shown.json()).toMatchObject({ ...sub, lastSentAt: null, health: { state: 'pending', consecutiveFailures: 0 } });
    // The one message a pending sign-up gets: its confirmation.
    expect(shown.json().deliveries).toMatchObject([{ kind: 'confirmation', status: 'pending' }]);

    // Following the link only asks (mail scanners follow links): a form that posts back to it.
    const page = await t.app.inject({ url: `/unsubscribe?token=${token}` });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('ana@example.org');
    expect(page.body).toContain(`<form method="post" action="?token=${token}">`);
    expect(page.body).not.toContain('<script');
    const untouched = (await t.app.inject({ url: `/api/subscriptions/${sub.id}`, headers: bearer(TEST_KEY) })).json();
    expect(untouched.unsubscribedAt).toBeNull();

    const confirm = () =>
      t.app.inject({
        method: 'POST',
        url: `/unsubscribe?token=${token}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html,application/xhtml+xml,*/*;q=0.8' },
        payload: 'List-Unsubscribe=One-Click',
      });
    const confirmed = await confirm();
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.headers['content-type']).toContain('text/html');
    expect(confirmed.body).toContain('Unsubscribed');
    expect(confirmed.body).toContain('ana@example.org');
    const after = (await t.app.inject({ url: `/api/subscriptions/${sub.id}`, headers: bearer(TEST_KEY) })).json();
    expect(after.unsubscribedAt).toEqual(expect.any(String));
    // Confirming again changes nothing, not even the time; the link now says it is done.
    expect((await confirm()).statusCode).toBe(200);
    const again = (await t.app.inject({ url: `/api/subscriptions/${sub.id}`, headers: bearer(TEST_KEY) })).json();
    expect(again.unsubscribedAt).toBe(after.unsubscribedAt);
    const done = await t.app.inject({ url: `/unsubscribe?token=${token}` });
    expect(done.body).toContain('Already unsubscribed');
    expect(done.body).not.toContain('<form');

    expect((await t.app.inject({ method: 'DELETE', url: `/api/subscriptions/${sub.id}` })).statusCode).toBe(401);
    const deleted = await t.app.inject({ method: 'DELETE', url: `/api/subscriptions/${sub.id}`, headers: bearer(TEST_KEY) });
    expect(deleted.statusCode).toBe(204);
    expect(deleted.body).toBe('');
    const gone = await t.app.inject({ method: 'DELETE', url: `/api/subscriptions/${sub.id}`, headers: bearer(TEST_KEY) });
    expect(gone.statusCode).toBe(404);
    expect((await t.app.inject({ url: `/api/subscriptions/${sub.id}`, headers: bearer(TEST_KEY) })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/api/subscriptions/not-a-uuid', headers: bearer(TEST_KEY) })).statusCode).toBe(400);
  });

  it('supports RFC 8058 one-click unsubscribe and explains unknown tokens', async () => {
    const sub = (await t.app.inject({ method: 'POST', url: '/api/subscriptions', payload: { email: 'cy@example.org' } })).json();
    const token = new URL(sub.unsubscribeUrl).searchParams.get('token');
    const form = await t.app.inject({
      method: 'POST',
      url: `/unsubscribe?token=${token}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(form.statusCode, form.body).toBe(200);
    expect(form.json()).toEqual({ unsubscribed: true });
    const multipart = await t.app.inject({
      method: 'POST',
      url: `/unsubscribe?token=${token}`,
      headers: { 'content-type': 'multipart/form-data; boundary=x' },
      payload: '--x\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--x--\r\n',
    });
    expect(multipart.statusCode, multipart.body).toBe(200);

    const unknownGet = await t.app.inject({ url: '/unsubscribe?token=nope' });
    expect(unknownGet.statusCode).toBe(404);
    expect(unknownGet.body).toContain('unsubscribe link is unknown');
    const unknownPost = await t.app.inject({ method: 'POST', url: '/unsubscribe?token=nope' });
    expect(unknownPost.statusCode).toBe(404);
    expect(unknownPost.json().error).toEqual({ code: 'not_found', message: 'unknown unsubscribe token; no subscription was changed' });
  });

  it('validates subscriptions', async () => {
    const cases: [unknown, string][] = [
      [{ email: 'not-an-email' }, 'body/email must match format "email"'],
      [{}, 'body must have exactly one of email and webhookUrl'],
      [{ email: 'a@example.org', webhookUrl: 'https://hooks.example/x' }, 'body must have exactly one of email and webhookUrl'],
      [{ email: 'a@example.org', timezone: 'Mars/Olympus' }, 'body/timezone "Mars/Olympus" is not an IANA time zone'],
      [{ email: 'a@example.org', sendAt: '25:00' }, 'body/sendAt must match pattern'],
      [{ email: 'a@example.org', kind: 'alert', frequency: 'daily' }, 'body/frequency of an alert must be immediate'],
      [{ email: 'a@example.org', kind: 'weekly' }, 'body/kind'],
      [{ email: 'a@example.org', frequency: 'yearly' }, 'body/frequency'],
      [{ email: 'a@example.org', filters: { minConfidence: 3 } }, 'body/filters/minConfidence must be <= 1'],
      [{ email: 'a@example.org', filters: { statuses: ['maybe'] } }, 'body/filters/statuses/0'],
      [{ email: 'a@example.org', filters: { entities: [{ id: 1 }] } }, 'body/filters/entities/0 must be string'],
    ];
    for (const [payload, message] of cases) {
      // With a key, so the sign-up rate limit (tested below) stays out of the way.
      const res = await t.app.inject({ method: 'POST', url: '/api/subscriptions', payload: payload as object, headers: bearer(TEST_KEY) });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error).toEqual({ code: 'bad_request', message: expect.stringContaining(message) });
    }
  });

  it('rate-limits sign-ups without a key per client address and per subscribed address', async () => {
    const signUp = (email: string, remoteAddress: string, headers: Record<string, string> = {}) =>
      t.app.inject({ method: 'POST', url: '/api/subscriptions', payload: { email }, remoteAddress, headers });
    for (let i = 0; i < 5; i++) expect((await signUp(`ip${i}@example.org`, '192.0.2.10')).statusCode).toBe(201);
    const sixth = await signUp('ip5@example.org', '192.0.2.10');
    expect(sixth.statusCode).toBe(429);
    expect(sixth.json().error.code).toBe('too_many_requests');
    // Another client is not held back by the first one's limit, but one address is limited from anywhere.
    for (let i = 0; i < 3; i++) expect((await signUp('target@example.org', `192.0.2.${20 + i}`)).statusCode).toBe(201);
    expect((await signUp('Target@example.org', '192.0.2.30')).statusCode).toBe(429);
    // A write key is not limited.
    expect((await signUp('target@example.org', '192.0.2.10', bearer(TEST_KEY))).statusCode).toBe(201);
  });
});
