import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { sources } from '../../src/db/schema';
import { buildTestApi, databaseKinds, type TestApi } from '../support/api';
import { seedScenario, type Scenario } from '../support/api-scenario';

// Read routes over the seeded scenario: shapes, every filter, detail views, status, health and docs.

describe.each(databaseKinds(inject('postgresUrl')))('API reads on $kind', ({ postgresServerUrl }) => {
  let t: TestApi;
  let s: Scenario;

  beforeAll(async () => {
    t = await buildTestApi({ postgresServerUrl });
    s = await seedScenario(t.db);
  });
  afterAll(async () => {
    await t?.close();
  });

  const get = async (url: string) => {
    const res = await t.app.inject({ method: 'GET', url });
    expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
    return res.json();
  };
  const eventIds = async (query: string) =>
    (await get(`/api/events?${query}`)).items.map((e: { id: number }) => e.id);
  const claimIds = async (query: string) =>
    (await get(`/api/claims?${query}`)).items.map((c: { id: number }) => c.id);

  it('lists events newest first in the contract shape', async () => {
    const body = await get('/api/events');
    expect(body.nextCursor).toBeNull();
    expect(body.items.map((e: { id: number }) => e.id)).toEqual([s.events.probe.id, s.events.rumour.id, s.events.release.id]);
    expect(body.items[0]).toEqual({
      id: s.events.probe.id,
      title: 'FTC opens probe into OpenAI',
      firstSeenAt: '2024-05-02T08:00:00.000Z',
      lastSeenAt: '2024-05-03T12:00:00.000Z',
      articleCount: 3,
      originCount: 2,
      status: 'corroborated',
      confidence: 0.8,
      verifiedAt: null,
      entities: [
        { id: s.entities.ftc.id, name: 'Federal Trade Commission', kind: 'agency' },
        { id: s.entities.openai.id, name: 'OpenAI', kind: 'company' },
      ],
      sources: [
        { id: 'reuters', name: 'Reuters', trust: 90 },
        { id: 'wsj', name: 'The Wall Street Journal', trust: 85 },
        { id: 'techblog', name: 'Tech Blog', trust: 30 },
      ],
    });
    // Entities known only from the event's own keys are listed too.
    expect(body.items[2].entities).toEqual([{ id: s.entities.gpt5.id, name: 'GPT-5', kind: 'model' }]);
  });

  it('filters events by entity id, name, alias (any case) and entity keys', async () => {
    const { probe, release } = s.events;
    expect(await eventIds(`entity=${s.entities.openai.id}`)).toEqual([probe.id]);
    expect(await eventIds('entity=openai')).toEqual([probe.id]);
    expect(await eventIds('entity=OPEN%20AI')).toEqual([probe.id]);
    expect(await eventIds('entity=ftc')).toEqual([probe.id]);
    expect(await eventIds('entity=federal%20trade%20commission')).toEqual([probe.id]);
    expect(await eventIds('entity=gpt-5')).toEqual([release.id]);
    expect(await eventIds('entity=nobody')).toEqual([]);
  });

  it('filters events by status, minConfidence, source and full text', async () => {
    const { probe, rumour, release } = s.events;
    expect(await eventIds('status=corroborated')).toEqual([probe.id]);
    expect(await eventIds('status=refuted')).toEqual([]);
    expect(await eventIds('minConfidence=0.8')).toEqual([probe.id, release.id]);
    expect(await eventIds('minConfidence=0.9')).toEqual([release.id]);
    expect(await eventIds('source=wsj')).toEqual([probe.id]);
    expect(await eventIds('source=techblog')).toEqual([probe.id, rumour.id]);
    expect(await eventIds('source=retired')).toEqual([]);
    // Article titles count ("investigation" stems like "investigate"), as do phrases and the event title.
    expect(await eventIds('q=investigation')).toEqual([probe.id]);
    expect(await eventIds('q=%22consumer%20harm%22')).toEqual([probe.id]);
    expect(await eventIds('q=flagship%20GPT-5')).toEqual([release.id]);
    expect(await eventIds('q=microsoft%20-startup')).toEqual([]);
    expect(await eventIds('q=zebra')).toEqual([]);
    expect(await eventIds('status=corroborated&source=techblog&entity=openai&q=probe')).toEqual([probe.id]);
  });

  it('filters events by since and until on last seen', async () => {
    const { probe, rumour, release } = s.events;
    expect(await eventIds('since=2024-05-02')).toEqual([probe.id, rumour.id]);
    expect(await eventIds('since=2024-05-02T09:30:00Z')).toEqual([probe.id, rumour.id]);
    expect(await eventIds('since=2024-05-02T09:30:00.001Z')).toEqual([probe.id]);
    // A date alone as upper bound means through the end of that day; a date-time is inclusive.
    expect(await eventIds('until=2024-05-02')).toEqual([rumour.id, release.id]);
    expect(await eventIds('until=2024-05-02T09:30:00Z')).toEqual([rumour.id, release.id]);
    expect(await eventIds('until=2024-05-02T09:29:59Z')).toEqual([release.id]);
    expect(await eventIds('since=2024-05-01&until=2024-05-01')).toEqual([release.id]);
    expect(await eventIds('since=2024-05-02T11:30:00%2B02:00&until=2024-05-02T09:30')).toEqual([rumour.id]);
  });

  it('shows an event with its articles, claims and entities', async () => {
    const body = await get(`/api/events/${s.events.probe.id}`);
    expect(body.title).toBe('FTC opens probe into OpenAI');
    expect(body.entities.map((e: { name: string }) => e.name)).toEqual(['Federal Trade Commission', 'OpenAI']);
    expect(body.sources).toHaveLength(3);
    const { r1, w1, b1 } = s.articles;
    expect(body.articles.map((a: { id: number }) => a.id)).toEqual([r1.id, w1.id, b1.id]);
    expect(body.articles[2]).toEqual({
      id: s.articles.b1.id,
      url: s.articles.b1.url,
      title: 'OpenAI under scrutiny, WSJ says',
      sourceId: 'techblog',
      publishedAt: '2024-05-02T09:00:00.000Z',
      fetchedAt: expect.any(String),
      origin: 'The Wall Street Journal',
      duplicateOf: null,
      // Stored by the scenario directly, never clustered: no reason yet.
      clusterReason: null,
    });
    expect(body.claims.map((c: { id: number }) => c.id)).toEqual([s.claims.c1.id, s.claims.c2.id]);
    expect(body.claims[0].explanation).toHaveLength(2);
    expect(body.claims[0].evidenceCount).toBe(3);
  });

  it('lists claims with origins and explanation, filtered', async () => {
    const { c1, c2, c3, c4 } = s.claims;
    const body = await get('/api/claims');
    expect(body.items.map((c: { id: number }) => c.id)).toEqual([c4.id, c3.id, c2.id, c1.id]);
    expect(body.items[3]).toMatchObject({
      id: c1.id,
      eventId: s.events.probe.id,
      text: 'The FTC opened an investigation into OpenAI',
      status: 'corroborated',
      confidence: 0.8,
      origins: [
        { name: 'Reuters', trust: 90, articleCount: 1 },
        { name: 'The Wall Street Journal', trust: 85, articleCount: 2 },
      ],
      explanation: [
        { factor: 'independent_origins', effect: 0.35, detail: expect.stringContaining('2 independent origins') },
        { factor: 'hedging', effect: -0.05, detail: expect.any(String) },
      ],
      evidenceCount: 3,
    });
    expect(await claimIds(`event=${s.events.probe.id}`)).toEqual([c2.id, c1.id]);
    // c2 has no entity keys of its own, so its event's entities stand in.
    expect(await claimIds('entity=OpenAI')).toEqual([c4.id, c2.id, c1.id]);
    expect(await claimIds(`entity=${s.entities.microsoft.id}`)).toEqual([c3.id]);
    expect(await claimIds('entity=nobody')).toEqual([]);
    expect(await claimIds('status=disputed')).toEqual([c2.id]);
    expect(await claimIds('minConfidence=0.9')).toEqual([c4.id]);
    expect(await claimIds(`event=${s.events.probe.id}&minConfidence=0.5`)).toEqual([c1.id]);
  });

  it('pages claims by id without gaps', async () => {
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const body: { items: { id: number }[]; nextCursor: string | null } = await get(
        `/api/claims?limit=1${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...body.items.map((c) => c.id));
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(Object.values(s.claims).map((c) => c.id).sort((a, b) => b - a));
  });

  it('shows a claim with evidence, explanation and reviews', async () => {
    const body = await get(`/api/claims/${s.claims.c1.id}`);
    expect(body.explanation).toHaveLength(2);
    expect(body.evidence.map((e: { sourceId: string }) => e.sourceId)).toEqual(['reuters', 'wsj', 'techblog']);
    expect(body.evidence[2]).toEqual({
      articleId: s.articles.b1.id,
      sentence: 'The FTC has reportedly opened an investigation.',
      stance: 'supports',
      hedged: true,
      origin: 'The Wall Street Journal',
      primary: false,
      sourceId: 'techblog',
      sourceName: 'Tech Blog',
      sourceTrust: 30,
      url: s.articles.b1.url,
      title: 'OpenAI under scrutiny, WSJ says',
      publishedAt: '2024-05-02T09:00:00.000Z',
    });
    expect(body.reviews).toEqual([
      expect.objectContaining({ status: 'corroborated', note: 'matches the filing', reviewer: 'abcdef12', createdAt: '2024-05-03T13:00:00.000Z' }),
    ]);
  });

  it('lists and pages entities, and shows one with its events', async () => {
    const all = await get('/api/entities');
    expect(all.items.map((e: { name: string }) => e.name)).toEqual(['Federal Trade Commission', 'GPT-5', 'Microsoft', 'OpenAI']);
    expect(all.items[1]).toEqual({
      id: s.entities.gpt5.id,
      key: 'gpt-5',
      name: 'GPT-5',
      kind: 'model',
      aliases: [],
      parentId: s.entities.openai.id,
      source: 'registry',
    });
    expect((await get('/api/entities?kind=agency')).items.map((e: { key: string }) => e.key)).toEqual(['ftc']);
    expect((await get('/api/entities?q=open')).items.map((e: { key: string }) => e.key)).toEqual(['openai']);
    expect((await get('/api/entities?q=ftc')).items.map((e: { key: string }) => e.key)).toEqual(['ftc']);
    expect((await get('/api/entities?q=%25')).items).toEqual([]);

    const first = await get('/api/entities?limit=3');
    expect(first.items).toHaveLength(3);
    const second = await get(`/api/entities?limit=3&cursor=${first.nextCursor}`);
    expect(second.items.map((e: { name: string }) => e.name)).toEqual(['OpenAI']);
    expect(second.nextCursor).toBeNull();

    const openai = await get(`/api/entities/${s.entities.openai.id}`);
    expect(openai).toMatchObject({ name: 'OpenAI', kind: 'company', aliases: ['Open AI'], parentId: null });
    expect(openai.events.map((e: { id: number }) => e.id)).toEqual([s.events.probe.id]);
    expect(openai.events[0].sources).toHaveLength(3);
    const gpt5 = await get(`/api/entities/${s.entities.gpt5.id}`);
    expect(gpt5.events.map((e: { id: number }) => e.id)).toEqual([s.events.release.id]);
  });

  it('lists sources with fetch health, and one with its fetch log', async () => {
    const body = await get('/api/sources');
    expect(body.items.map((x: { id: string }) => x.id)).toEqual(['ftc', 'retired', 'reuters', 'techblog', 'wsj']);
    const blog = body.items.find((x: { id: string }) => x.id === 'techblog');
    expect(blog).toEqual({
      id: 'techblog',
      name: 'Tech Blog',
      kind: 'rss',
      url: 'https://techblog.example/feed',
      trust: 30,
      category: 'blog',
      owner: 'techblog',
      enabled: true,
      interval: '15m',
      intervalSeconds: 900,
      health: {
        lastFetchedAt: '2024-05-03T11:00:00.000Z',
        lastSuccessAt: '2024-05-02T11:00:00.000Z',
        lastErrorClass: 'HttpError',
        lastErrorMessage: 'HTTP 503 Service Unavailable',
        lastHttpStatus: 503,
        consecutiveFailures: 3,
        nextAttemptAt: '2024-05-03T13:00:00.000Z',
        articleCount: 2,
      },
    });
    expect(body.items.find((x: { id: string }) => x.id === 'wsj').interval).toBe('1h');
    expect(body.items.find((x: { id: string }) => x.id === 'retired').enabled).toBe(false);

    const reuters = await get('/api/sources/reuters');
    expect(reuters).toMatchObject({ trust: 90, category: 'wire', owner: 'Thomson Reuters', tags: ['wire', 'global'], country: 'GB' });
    expect(reuters.health.articleCount).toBe(2);
    expect(reuters.fetchLog).toHaveLength(20);
    expect(reuters.fetchLog[0]).toMatchObject({ startedAt: '2024-05-03T12:05:00.000Z', outcome: 'not_modified', httpStatus: 304 });
    const starts = reuters.fetchLog.map((f: { startedAt: string }) => f.startedAt);
    expect([...starts].sort().reverse()).toEqual(starts);
  });

  it('reports status counts and idles only when queues are empty, no failed job is still to be recovered and every enabled source was fetched', async () => {
    // Two failed jobs the recovery sweep gave up on: reported, but not work still to be done.
    t.fakes.queueCounts = { fetch: { waiting: 0, active: 0, delayed: 0, failed: 2, failedForGood: 2, completed: 9 } };
    const before = await get('/api/status');
    expect(before.counts).toEqual({
      sources: 5,
      enabledSources: 4,
      articles: 5,
      events: 3,
      claims: 4,
      claimsByStatus: { unverified: 1, single_origin: 0, corroborated: 1, confirmed: 1, disputed: 1, refuted: 0 },
    });
    expect(before.queues).toEqual(t.fakes.queueCounts);
    expect(before.sources).toEqual({ fetched: 3, neverFetched: 1, failing: 1 });
    expect(before.failedJobs).toEqual({ pending: 0, forGood: 2 });
    expect(before.idle).toBe(false); // the FTC source was never fetched

    await t.db.update(sources).set({ lastFetchedAt: new Date('2024-05-03T12:00:00Z') }).where(eq(sources.id, 'ftc'));
    try {
      expect((await get('/api/status')).idle).toBe(true);
      for (const busy of ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children']) {
        t.fakes.queueCounts = { fetch: { waiting: 0 }, verify: { [busy]: 1 } };
        expect((await get('/api/status')).idle, busy).toBe(false);
      }
      // A failed job the sweep will retry is work still to be done.
      t.fakes.queueCounts = { cluster: { failed: 3, failedForGood: 1 }, verify: { failed: 1 } };
      const failing = await get('/api/status');
      expect(failing).toMatchObject({ idle: false, failedJobs: { pending: 3, forGood: 1 } });
      t.fakes.queueCounts = new Error('redis down');
      const unknown = await get('/api/status');
      expect(unknown).toMatchObject({ idle: false, queues: {}, queuesError: 'queue counts unavailable' });
    } finally {
      t.fakes.queueCounts = {};
      await t.db.update(sources).set({ lastFetchedAt: null }).where(eq(sources.id, 'ftc'));
    }
  });

  it('answers /health, and 503 naming what failed', async () => {
    expect(await get('/health')).toEqual({ status: 'ok', database: 'ok', redis: 'ok' });
    t.fakes.redisUp = false;
    try {
      const res = await t.app.inject({ url: '/health' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toEqual({
        status: 'unavailable',
        database: 'ok',
        redis: 'failed',
        error: { code: 'redis_unavailable', message: 'Redis does not answer' },
      });
    } finally {
      t.fakes.redisUp = true;
    }
  });
});
