import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { buildTestApi, databaseKinds, seedEvent, type TestApi } from '../support/api';
import { rawRequest } from '../support/raw-http';
import { startTcpProxy } from '../support/tcp-proxy';

// Input that once reached the database or the stack as a 500, outages that must be a 503, and
// requests Node's HTTP parser refuses, which must still answer in the API's error shape.

const nested = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

describe.each(databaseKinds(inject('postgresUrl')))('API robustness on $kind', ({ kind, postgresServerUrl }) => {
  let t: TestApi;

  beforeAll(async () => {
    t = await buildTestApi({ postgresServerUrl });
    await seedEvent(t.db, { title: 'One story', lastSeenAt: new Date('2024-05-01T00:00:00Z') });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses numbers that are not finite, naming the parameter', async () => {
    const cases: [string, string][] = [];
    for (const route of ['/api/events', '/api/claims', '/api/entities']) {
      for (const value of ['Infinity', '-Infinity', '1e999', '-1e999', '%2BInfinity']) {
        cases.push([`${route}?limit=${value}`, 'querystring/limit']);
      }
      cases.push([`${route}/Infinity`, 'params/id'], [`${route}/1e999`, 'params/id']);
    }
    cases.push(
      ['/api/events?minConfidence=1e999', 'querystring/minConfidence'],
      ['/api/events?minConfidence=-Infinity', 'querystring/minConfidence'],
      ['/api/claims?minConfidence=Infinity', 'querystring/minConfidence'],
      ['/api/claims?event=Infinity', 'querystring/event'],
    );
    for (const [url, name] of cases) {
      const res = await t.app.inject({ url });
      expect(res.statusCode, `${url}: ${res.body}`).toBe(400);
      expect(res.json().error.code, url).toBe('bad_request');
      expect(res.json().error.message, url).toContain(name);
    }
    // Text that merely spells Infinity is still text.
    expect((await t.app.inject({ url: '/api/events?q=Infinity' })).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/events?limit=1e1' })).statusCode).toBe(200);
  });

  it('refuses deeply nested JSON bodies with a 400 instead of overflowing the stack', async () => {
    for (const depth of [5_000, 33]) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/subscriptions',
        headers: { 'content-type': 'application/json' },
        payload: `{"email":"a@example.com","filters":${nested(depth)}}`,
      });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error).toEqual({ code: 'bad_request', message: 'body is nested deeper than 32 levels' });
    }
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/subscriptions',
      headers: { 'content-type': 'application/json' },
      payload: `{"email":"a@example.com","filters":{"q":"x\\u0000"}}`,
    });
    expect(res.json().error.message).toBe('body/filters/q must not contain NUL characters');
  });

  it('answers what the HTTP parser refuses in the error shape, over a real socket', async () => {
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    const port = (t.app.server.address() as AddressInfo).port;
    const cases: [string, number, string][] = [
      ['GET /api/events?q=a b HTTP/1.1\r\nHost: x\r\n\r\n', 400, 'bad_request'],
      ['POST /api/subscriptions HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n', 400, 'bad_request'],
      [`GET /api/events HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, 431, 'headers_too_large'],
      ['GARBAGE\r\n\r\n', 400, 'bad_request'],
    ];
    for (const [bytes, status, code] of cases) {
      const res = await rawRequest(port, bytes);
      expect(res.status, bytes.slice(0, 60)).toBe(status);
      const body = JSON.parse(res.body);
      expect(body.error.code).toBe(code);
      expect(body.error.message).toEqual(expect.any(String));
      expect(Object.keys(body)).toEqual(['error']);
    }
  });

  it('hides internals when a query fails for another reason', async () => {
    const broken = await buildTestApi({ postgresServerUrl });
    await broken.db.execute(sql`drop table events cascade`);
    try {
      const res = await broken.app.inject({ url: '/api/events' });
      expect(res.statusCode).toBe(500);
      expect(res.json()).toEqual({ error: { code: 'internal', message: 'internal error' } });
    } finally {
      await broken.close();
    }
  });

  it.runIf(kind === 'pglite')('answers 503 database_unavailable once the embedded database is closed', async () => {
    const closed = await buildTestApi();
    await closed.database.close();
    try {
      for (const url of ['/api/events', '/api/claims/1', '/api/entities', '/api/sources', '/api/status']) {
        const res = await closed.app.inject({ url });
        expect(res.statusCode, url).toBe(503);
        expect(res.json().error.code).toBe('database_unavailable');
        expect(res.headers['retry-after']).toBe('5');
      }
      const health = await closed.app.inject({ url: '/health' });
      expect(health.statusCode).toBe(503);
      expect(health.json()).toMatchObject({ status: 'unavailable', database: 'failed', redis: 'ok', error: { code: 'database_unavailable' } });
    } finally {
      await closed.close();
    }
  });

  it.runIf(kind === 'postgres')('answers 503 while Postgres is unreachable and recovers by itself', async () => {
    const server = new URL(postgresServerUrl!);
    const proxy = await startTcpProxy({ host: server.hostname, port: Number(server.port) });
    const viaProxy = new URL(postgresServerUrl!);
    viaProxy.port = String(proxy.port);
    const api = await buildTestApi({ postgresServerUrl: viaProxy.toString() });
    try {
      expect((await api.app.inject({ url: '/api/events' })).statusCode).toBe(200);
      await proxy.cut();
      // The list cache stops serving once it hears its listening connection drop.
      await vi.waitFor(() => expect(api.app.listCache.listening).toBe(false), { timeout: 10_000, interval: 20 });
      for (const url of ['/api/events', '/api/events/1', '/api/claims', '/api/entities/1', '/api/sources', '/api/status']) {
        const res = await api.app.inject({ url });
        expect(res.statusCode, `${url}: ${res.body}`).toBe(503);
        expect(res.json()).toEqual({
          error: { code: 'database_unavailable', message: 'the database is not reachable; try again shortly' },
        });
      }
      const health = await api.app.inject({ url: '/health' });
      expect(health.statusCode).toBe(503);
      expect(health.json().error.code).toBe('database_unavailable');
      await proxy.restore();
      expect((await api.app.inject({ url: '/api/events' })).statusCode).toBe(200);
      expect((await api.app.inject({ url: '/health' })).json()).toEqual({ status: 'ok', database: 'ok', redis: 'ok' });
    } finally {
      await api.close();
      await proxy.close();
    }
  });
});
