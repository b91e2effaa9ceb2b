import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { events } from '../../src/db/schema';
import { buildTestApi, databaseKinds, seedArticle, seedEvent, seedSource, type TestApi } from '../support/api';

// What every client relies on beyond the data: keyset paging, 400s for bad input (never 500),
// a 503 that says nothing about internals, and the OpenAPI document.

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe.each(databaseKinds(inject('postgresUrl')))('API contract on $kind', ({ postgresServerUrl }) => {
  let t: TestApi;
  let ids: number[];

  beforeAll(async () => {
    t = await buildTestApi({ postgresServerUrl });
    await seedSource(t.db, { id: 'wire' });
    ids = [];
    const base = Date.UTC(2023, 5, 1);
    for (let i = 0; i < 40; i++) {
      // Groups of five share a timestamp, so the id must break ties.
      const event = await seedEvent(t.db, {
        title: `Story ${i}`,
        lastSeenAt: new Date(base - Math.floor(i / 5) * 60_000),
        status: i % 2 ? 'confirmed' : 'unverified',
      });
      await seedArticle(t.db, { sourceId: 'wire', eventId: event.id, title: `Story ${i}` });
      ids.push(event.id);
    }
    // Three events a few microseconds apart, below what a JavaScript Date can hold.
    for (const [n, id] of ids.slice(10, 13).entries()) {
      await t.db
        .update(events)
        .set({ lastSeenAt: sql`${`2023-06-01T00:00:00.00000${n + 1}Z`}::timestamptz` })
        .where(eq(events.id, id));
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  const walk = async (query: string, limit: number) => {
    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const url: string = `/api/events?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await t.app.inject({ url });
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      expect(body.items.length).toBeLessThanOrEqual(limit);
      seen.push(...body.items.map((e: { id: number }) => e.id));
      cursor = body.nextCursor;
      pages += 1;
    } while (cursor && pages < 100);
    return seen;
  };

  it('pages events by (last seen, id) without duplicates or gaps, microseconds included', async () => {
    const all = (await t.app.inject({ url: '/api/events?limit=200' })).json().items.map((e: { id: number }) => e.id);
    expect(all).toHaveLength(40);
    expect(all.slice(0, 3)).toEqual([ids[12], ids[11], ids[10]]);
    expect(all.slice(3, 8)).toEqual([ids[4], ids[3], ids[2], ids[1], ids[0]]);
    for (const limit of [1, 3, 7, 40]) expect(await walk('', limit)).toEqual(all);
    const confirmed = (await t.app.inject({ url: '/api/events?limit=200&status=confirmed' })).json().items;
    expect(confirmed).toHaveLength(20);
    expect(await walk('status=confirmed', 4)).toEqual(confirmed.map((e: { id: number }) => e.id));
  });

  it('answers 400 naming the parameter for every kind of bad input', async () => {
    const validEventCursor = encode({ t: '2023-06-01T00:00:00.000000Z', i: 5 });
    const cases: [string, string][] = [
      ['/api/events?limit=-1', 'querystring/limit must be >= 1'],
      ['/api/events?limit=0', 'querystring/limit'],
      ['/api/events?limit=201', 'querystring/limit must be <= 200'],
      ['/api/events?limit=ten', 'querystring/limit must be integer'],
      ['/api/events?minConfidence=2', 'querystring/minConfidence must be <= 1'],
      ['/api/events?minConfidence=-0.5', 'querystring/minConfidence'],
      ['/api/events?minConfidence=high', 'querystring/minConfidence'],
      ['/api/events?since=notadate', 'querystring/since'],
      ['/api/events?until=2024-02-30', 'querystring/until'],
      ['/api/events?since=2024-13-01', 'querystring/since'],
      ['/api/events?since=2024-05-01T25:00:00Z', 'querystring/since'],
      ['/api/events?status=likely', 'querystring/status must be equal to one of the allowed values'],
      ['/api/events?q=', 'querystring/q'],
      ['/api/events?cursor=garbage', 'querystring/cursor'],
      ['/api/events?cursor=%25%25%25', 'querystring/cursor'],
      [`/api/events?cursor=${encode({ t: 'yesterday', i: 1 })}`, 'querystring/cursor'],
      [`/api/events?cursor=${encode({ t: '2023-06-01T00:00:00.000000Z', i: -3 })}`, 'querystring/cursor'],
      [`/api/events?cursor=${encode([1, 2])}`, 'querystring/cursor'],
      // Well-formed but not a day Postgres knows, or not a four-digit year.
      [`/api/events?cursor=${encode({ t: '2023-02-31T00:00:00.000000Z', i: 1 })}`, 'querystring/cursor'],
      [`/api/events?cursor=${encode({ t: '0000-01-01T00:00:00.000000Z', i: 1 })}`, 'querystring/cursor'],
      ['/api/events?since=9999-12-31T23:59:59-14:00', 'querystring/since'],
      ['/api/events?until=9999-12-31T23:00:00-05:00', 'querystring/until'],
      [`/api/events?cursor=${encode({ i: 5 })}`, 'querystring/cursor'],
      [`/api/claims?cursor=${validEventCursor}`, 'querystring/cursor'],
      ['/api/events/abc', 'params/id must be integer'],
      ['/api/events/0', 'params/id'],
      ['/api/events/1.5', 'params/id'],
      ['/api/events/99999999999999999999', 'params/id'],
      ['/api/claims?event=abc', 'querystring/event'],
      ['/api/claims?minConfidence=2', 'querystring/minConfidence'],
      ['/api/claims?limit=1000', 'querystring/limit'],
      ['/api/claims?cursor=xyz', 'querystring/cursor'],
      ['/api/claims/abc', 'params/id'],
      ['/api/entities?kind=alien', 'querystring/kind'],
      ['/api/entities?cursor=garbage', 'querystring/cursor'],
      ['/api/entities/-1', 'params/id'],
      ['/api/events?source=%00', 'querystring/source must not contain NUL characters'],
      ['/api/entities?q=a%00b', 'querystring/q must not contain NUL characters'],
      ['/unsubscribe', "querystring must have required property 'token'"],
    ];
    for (const [url, message] of cases) {
      const res = await t.app.inject({ url });
      expect(res.statusCode, `${url}: ${res.body}`).toBe(400);
      expect(res.json().error.code, url).toBe('bad_request');
      expect(res.json().error.message, url).toContain(message);
    }
    // The valid cursor shape is accepted where it belongs.
    expect((await t.app.inject({ url: `/api/events?cursor=${validEventCursor}` })).statusCode).toBe(200);
  });

  it('never answers 500 to odd but well-formed input', async () => {
    const odd = [
      "/api/events?q=(((%20%26%20%7C%20!%3A*'",
      '/api/events?q=%22unclosed',
      "/api/events?entity=%27%20or%201%3D1%20--",
      '/api/events?entity=%25',
      '/api/events?entity=0',
      '/api/events/%E0%A4%A',
      `/api/sources/${'x'.repeat(300)}`,
      '/api/entities?q=%5C',
      '/api/events?since=2024-05-01T10:00:00.123456789%2B05:30',
      '/api/events?until=9999-12-31',
      '/api/events/123456789',
      '/api/sources/%F0%9F%98%80',
    ];
    for (const url of odd) {
      const res = await t.app.inject({ url });
      expect(res.statusCode, `${url}: ${res.body}`).toBeLessThan(500);
    }
  });

  it('answers unknown routes, bad JSON and bad media types with the error shape', async () => {
    const unknown = await t.app.inject({ url: '/api/nothing?x=1' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toEqual({ error: { code: 'not_found', message: 'no route GET /api/nothing' } });
    const missing = await t.app.inject({ url: '/api/events/999999' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({ error: { code: 'not_found', message: 'event 999999 does not exist' } });

    const badJson = await t.app.inject({
      method: 'POST',
      url: '/api/subscriptions',
      headers: { 'content-type': 'application/json' },
      payload: '{"email":',
    });
    expect(badJson.statusCode).toBe(400);
    expect(badJson.json().error.code).toBe('bad_request');
    const badType = await t.app.inject({
      method: 'POST',
      url: '/api/subscriptions',
      headers: { 'content-type': 'application/xml' },
      payload: '<email>a@b.c</email>',
    });
    expect(badType.statusCode).toBe(415);
    expect(badType.json().error.code).toBe('unsupported_media_type');
    const longParam = await t.app.inject({ url: `/api/sources/${'x'.repeat(300)}` });
    expect(longParam.statusCode).toBe(414);
    expect(longParam.json().error.code).toBe('uri_too_long');
    const badEncoding = await t.app.inject({ url: '/api/events/%E0%A4%A' });
    expect(badEncoding.statusCode).toBe(400);
    expect(badEncoding.json().error.code).toBe('bad_request');
  });

  it('serves the OpenAPI document listing every route, and the docs UI', async () => {
    const res = await t.app.inject({ url: '/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    const operations = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(operations.sort()).toEqual(
      [
        'GET /health',
        'GET /api/status',
        'GET /api/events',
        'GET /api/events/{id}',
        'POST /api/events/{id}/merge',
        'POST /api/events/{id}/split',
        'GET /api/claims',
        'GET /api/claims/{id}',
        'POST /api/claims/{id}/reviews',
        'GET /api/entities',
        'GET /api/entities/{id}',
        'POST /api/entities/candidates/{id}/accept',
        'POST /api/entities/candidates/{id}/reject',
        'GET /api/sources',
        'GET /api/sources/{id}',
        'POST /api/subscriptions',
        'GET /api/subscriptions/{id}',
        'DELETE /api/subscriptions/{id}',
        'GET /api/subscriptions/{id}/preview',
        'POST /api/subscriptions/{id}/send',
        'GET /unsubscribe',
        'POST /unsubscribe',
        'GET /confirm',
        'POST /confirm',
        'GET /feeds/events.xml',
        'GET /feeds/events.json',
      ].sort(),
    );
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(['Event', 'Claim', 'ClaimDetail', 'Entity', 'Error']));
    expect(doc.paths['/api/claims/{id}/reviews'].post.security).toEqual([{ bearerAuth: [] }]);
    const params = doc.paths['/api/events'].get.parameters.map((p: { name: string }) => p.name);
    expect(params.sort()).toEqual(['cursor', 'entity', 'limit', 'minConfidence', 'q', 'since', 'source', 'status', 'until'].sort());

    const docs = await t.app.inject({ url: '/docs' });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('swagger-ui');
  });

  it('answers 503 without internals when the database is gone', async () => {
    const broken = await buildTestApi({ postgresServerUrl });
    await broken.database.close();
    try {
      const res = await broken.app.inject({ url: '/api/events' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toEqual({ error: { code: 'database_unavailable', message: 'the database is not reachable; try again shortly' } });
      const health = await broken.app.inject({ url: '/health' });
      expect(health.statusCode).toBe(503);
      expect(health.json()).toMatchObject({ database: 'failed', redis: 'ok' });
    } finally {
      await broken.close();
    }
  });
});
