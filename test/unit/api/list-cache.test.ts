import Fastify from 'fastify';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ListCache } from '../../../src/api/list-cache';

// The cache's own rules, on a real Fastify route: what it stores, what it refuses to store, and
// what it lets go.

async function appWith(cache: ListCache, compute: (n: number) => unknown) {
  const app = Fastify();
  let computed = 0;
  app.get('/list', { schema: { querystring: { type: 'object', properties: { k: { type: 'string' } } } } }, async (request, reply) =>
    cache.serve(request, reply, JSON.stringify(request.query), async () => compute(++computed)),
  );
  await app.ready();
  return { app, computed: () => computed };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('ListCache', () => {
  it('does not keep a page whose query ran across a change', async () => {
    const cache = new ListCache();
    cache.setListening(true);
    const { app, computed } = await appWith(cache, (n) => {
      // The change is signalled while this request's query is still running.
      if (n === 1) cache.clear();
      return { n };
    });
    expect((await app.inject({ url: '/list' })).json()).toEqual({ n: 1 });
    expect((await app.inject({ url: '/list' })).json()).toEqual({ n: 2 });
    expect((await app.inject({ url: '/list' })).json()).toEqual({ n: 2 });
    expect(computed()).toBe(2);
    await app.close();
  });

  it('stores and serves nothing until it listens', async () => {
    const cache = new ListCache();
    const { app, computed } = await appWith(cache, (n) => ({ n }));
    await app.inject({ url: '/list' });
    const res = await app.inject({ url: '/list' });
    expect(res.json()).toEqual({ n: 2 });
    expect(res.headers.etag).toBeUndefined();
    cache.setListening(true);
    await app.inject({ url: '/list' });
    await app.inject({ url: '/list' });
    expect(computed()).toBe(3);
    cache.setListening(false);
    await app.inject({ url: '/list' });
    expect(computed()).toBe(4);
    await app.close();
  });

  it('lets the least recently served page go first when full, and no page outlives its age', async () => {
    vi.useFakeTimers({ toFake: ['performance'] });
    const cache = new ListCache({ entries: 2, bytes: 1_000_000, maxAgeMs: 5_000 });
    cache.setListening(true);
    const { app, computed } = await appWith(cache, (n) => ({ n }));
    const get = async (k: string) => (await app.inject({ url: `/list?k=${k}` })).json().n as number;
    expect([await get('a'), await get('b'), await get('a'), await get('c')]).toEqual([1, 2, 1, 3]);
    // b was served least recently, so it went when c came.
    expect(cache.size).toBe(2);
    expect(await get('a')).toBe(1);
    expect(await get('b')).toBe(4);
    vi.advanceTimersByTime(5_001);
    expect(await get('b')).toBe(5);
    expect(computed()).toBe(5);
    await app.close();
  });

  it('keeps within its byte budget', async () => {
    const cache = new ListCache({ entries: 100, bytes: 250, maxAgeMs: 5_000 });
    cache.setListening(true);
    // 100 characters of two bytes each: one page of about 215 bytes fits, two do not.
    const { app } = await appWith(cache, (n) => ({ n, text: 'é'.repeat(100) }));
    for (const k of ['a', 'b', 'c', 'd']) await app.inject({ url: `/list?k=${k}` });
    expect(cache.size).toBe(1);
    await app.close();
  });
});
