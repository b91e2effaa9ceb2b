import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildTestApi, databaseKinds, TEST_KEY, type TestApi } from '../support/api';
import { seedScenario } from '../support/api-scenario';
import { rawRequest } from '../support/raw-http';

// Malformed requests across every route: whatever arrives, the answer is a 4xx in the error shape
// (or the unsubscribe page), never a 5xx, never a stack trace.

const b64 = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
const NUMBERS = ['Infinity', '-Infinity', '%2BInfinity', 'NaN', '1e999', '-1e999', '-1', '0', '1.5', '9'.repeat(400), 'abc', '', '%00', '0x10', '1e-999', '%20', '[]'];
const CURSORS = ['garbage', '%25%25', b64({ t: 'x', i: 1 }), b64({ i: -1 }), b64('{"i":1e999}'), b64([1]), b64('null'), b64({ n: 'x'.repeat(2000), i: 1 }), 'A'.repeat(3000), b64({ t: '2023-02-31T00:00:00.000000Z', i: 1 })];
const TEXT = ['', '%00', 'a%00b', 'x'.repeat(600), '%E0%A4%A', "')%20or%201=1--", '(((', '%5C', '%F0%9F%98%80'];
const DATES = ['notadate', '2024-02-30', '0000-01-01', '99999-01-01', '2024-05-01T25:00', 'Infinity', '1e999', '9999-12-31T23:59:59-14:00'];
const IDS = [...NUMBERS, '99999999999999999999', 'Infinity', '1e3'];

function urlCases(): string[] {
  const urls: string[] = [];
  const query = (route: string, name: string, values: string[]) => values.forEach((v) => urls.push(`${route}?${name}=${v}`));
  for (const name of ['limit', 'minConfidence']) query('/api/events', name, NUMBERS);
  for (const name of ['since', 'until']) query('/api/events', name, DATES);
  for (const name of ['q', 'entity', 'source', 'status']) query('/api/events', name, TEXT);
  query('/api/events', 'cursor', CURSORS);
  for (const name of ['limit', 'minConfidence', 'event']) query('/api/claims', name, NUMBERS);
  query('/api/claims', 'cursor', CURSORS);
  query('/api/claims', 'status', TEXT);
  query('/api/entities', 'limit', NUMBERS);
  query('/api/entities', 'cursor', CURSORS);
  for (const name of ['q', 'kind']) query('/api/entities', name, TEXT);
  query('/unsubscribe', 'token', TEXT);
  for (const route of ['/api/events', '/api/claims', '/api/entities']) for (const id of IDS) urls.push(`${route}/${id}`);
  for (const id of TEXT) urls.push(`/api/sources/${id || '%20'}`);
  urls.push('/api/events?limit=1&limit=2', '/api/events?status[]=x', '/api/events?%=1', '/api/events/1/extra', '/%', '/api/events/%E0%A4%A');
  return urls;
}

interface Case {
  label: string;
  method?: 'GET' | 'POST' | 'DELETE' | 'PUT' | 'PATCH' | 'OPTIONS' | 'HEAD';
  url: string;
  headers?: Record<string, string>;
  payload?: string;
}

function writeCases(): Case[] {
  const json = { 'content-type': 'application/json' };
  const keyed = { ...json, authorization: `Bearer ${TEST_KEY}` };
  const bodies = ['{', '{"email":', 'null', '[]', '"x"', '1e999', '{"email":1e999}', `{"email":"a@b.co","filters":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}`, `[${'['.repeat(3000)}${']'.repeat(3000)}]`, '{"email":"a@b.co","filters":{"minConfidence":1e999}}', '{"email":"a@b.co","filters":{"statuses":"x"}}', '{"email":"\\u0000@b.co"}', '{"__proto__":{"x":1},"email":"a@b.co"}', `{"email":"${'a'.repeat(70000)}"}`];
  const cases: Case[] = [];
  for (const payload of bodies) {
    cases.push({ label: 'subscription body', method: 'POST', url: '/api/subscriptions', headers: json, payload });
    cases.push({ label: 'review body', method: 'POST', url: '/api/claims/1/reviews', headers: keyed, payload });
  }
  for (const type of ['application/xml', 'text/plain', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded', 'application/json; charset=utf-7', 'nonsense']) {
    cases.push({ label: `content type ${type}`, method: 'POST', url: '/api/subscriptions', headers: { 'content-type': type }, payload: 'email=a@b.co' });
  }
  for (const id of IDS) {
    cases.push({ label: 'review id', method: 'POST', url: `/api/claims/${id}/reviews`, headers: keyed, payload: '{"status":"confirmed"}' });
    cases.push({ label: 'subscription id', url: `/api/subscriptions/${id}`, headers: keyed });
    cases.push({ label: 'delete id', method: 'DELETE', url: `/api/subscriptions/${id}`, headers: keyed });
  }
  for (const auth of ['Bearer', 'Bearer ', 'Basic abc', `Bearer ${'k'.repeat(5000)}`, 'Bearer a b', 'Bearer %00']) {
    cases.push({ label: 'auth header', method: 'POST', url: '/api/claims/1/reviews', headers: { ...json, authorization: auth }, payload: '{"status":"confirmed"}' });
  }
  for (const method of ['PUT', 'PATCH', 'DELETE', 'POST'] as const) {
    for (const url of ['/health', '/api/status', '/api/events', '/api/sources', '/api/claims/1', '/openapi.json']) cases.push({ label: `method ${method}`, method, url });
  }
  cases.push({ label: 'unsubscribe post', method: 'POST', url: '/unsubscribe?token=nope', headers: { 'content-type': 'multipart/form-data' }, payload: '--' });
  return cases;
}

const RAW: string[] = [
  'GET /api/events?q=a b HTTP/1.1\r\nHost: x\r\n\r\n',
  'GET /api/events /x HTTP/1.1\r\nHost: x\r\n\r\n',
  'POST /api/subscriptions HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
  'POST /api/subscriptions HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n{}',
  'POST /api/subscriptions HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked, x\r\n\r\n',
  'POST /api/subscriptions HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n',
  'POST /api/subscriptions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n',
  `GET /api/events HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
  `GET /api/events HTTP/1.1\r\nHost: x\r\n${Array.from({ length: 3000 }, (_, i) => `X-${i}: y`).join('\r\n')}\r\n\r\n`,
  'G@T /api/events HTTP/1.1\r\nHost: x\r\n\r\n',
  'GET /api/events HTTP/9.9\r\nHost: x\r\n\r\n',
  'GET /api/events HTTP/1.1\r\nBad Header: x\r\n\r\n',
  'GET /api/events HTTP/1.1\r\nHost: x\r\nX: a\u0001b\r\n\r\n',
  '\u0000\u0001\u0002\r\n\r\n',
  `GET /${'a'.repeat(100_000)} HTTP/1.1\r\nHost: x\r\n\r\n`,
];

function expectClean(label: string, status: number, contentType: string | undefined, body: string) {
  expect(status, `${label}: ${body.slice(0, 200)}`).toBeLessThan(500);
  expect(body, label).not.toMatch(/\n\s+at |node_modules|\.ts:\d+|Error: /);
  if (status >= 400 && !String(contentType).includes('text/html')) {
    const parsed = JSON.parse(body);
    expect(Object.keys(parsed), label).toEqual(['error']);
    expect(Object.keys(parsed.error).sort(), label).toEqual(['code', 'message']);
    expect(typeof parsed.error.code, label).toBe('string');
    expect(typeof parsed.error.message, label).toBe('string');
  }
}

describe.each(databaseKinds(inject('postgresUrl')))('API fuzz on $kind', ({ postgresServerUrl }) => {
  let t: TestApi;
  beforeAll(async () => {
    const roomy = { max: 100_000, timeWindow: 60_000 };
    t = await buildTestApi({ postgresServerUrl, deps: { limits: { signups: roomy, writes: roomy, wrongKeys: { max: 100_000, windowMs: 60_000 } } } });
    await seedScenario(t.db);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers hundreds of malformed requests with 4xx in the error shape', async () => {
    const cases: Case[] = [...urlCases().map((url) => ({ label: url, url })), ...writeCases()];
    expect(cases.length).toBeGreaterThanOrEqual(300);
    const statuses = new Map<number, number>();
    for (const c of cases) {
      const res = await t.app.inject({ method: c.method ?? 'GET', url: c.url, headers: c.headers, payload: c.payload });
      statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
      expectClean(`${c.method ?? 'GET'} ${c.label.slice(0, 120)}`, res.statusCode, res.headers['content-type'] as string, res.body);
    }
    // The cases really are malformed: most are refused, not answered as if fine.
    expect(statuses.get(400) ?? 0).toBeGreaterThan(cases.length / 2);
  });

  it('answers what only a raw socket can send in the error shape', async () => {
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    const port = (t.app.server.address() as AddressInfo).port;
    for (const bytes of RAW) {
      const res = await rawRequest(port, bytes);
      expectClean(JSON.stringify(bytes.slice(0, 60)), res.status, res.headers['content-type'], res.body);
      expect(res.status, JSON.stringify(bytes.slice(0, 60))).toBeGreaterThanOrEqual(400);
    }
  });
});
