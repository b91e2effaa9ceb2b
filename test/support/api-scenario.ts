import type { Db } from '../../src/db/client';
import {
  linkEntity,
  seedArticle,
  seedClaim,
  seedEntity,
  seedEvent,
  seedEvidence,
  seedFetch,
  seedReview,
  seedSource,
} from './api';

// A small, hand-checkable world: one story carried by a wire, a paper and a blog that cites the paper,
// one blog-only rumour, and one company announcement known only through the event's entity keys.

const at = (iso: string) => new Date(iso);

/** Seeds the scenario and returns the ids tests assert against. */
export async function seedScenario(db: Db) {
  await seedSource(db, {
    id: 'reuters',
    name: 'Reuters',
    category: 'wire',
    trust: 90,
    owner: 'Thomson Reuters',
    lastFetchedAt: at('2024-05-03T12:05:00Z'),
    lastSuccessAt: at('2024-05-03T12:05:00Z'),
    lastHttpStatus: 200,
    config: { tags: ['wire', 'global'], country: 'GB', language: 'en' },
  });
  await seedSource(db, {
    id: 'wsj',
    name: 'The Wall Street Journal',
    trust: 85,
    owner: 'News Corp',
    intervalSeconds: 3600,
    lastFetchedAt: at('2024-05-03T12:00:00Z'),
    lastSuccessAt: at('2024-05-03T12:00:00Z'),
  });
  await seedSource(db, {
    id: 'techblog',
    name: 'Tech Blog',
    category: 'blog',
    trust: 30,
    lastFetchedAt: at('2024-05-03T11:00:00Z'),
    lastSuccessAt: at('2024-05-02T11:00:00Z'),
    lastErrorClass: 'HttpError',
    lastErrorMessage: 'HTTP 503 Service Unavailable',
    lastHttpStatus: 503,
    consecutiveFailures: 3,
    nextAttemptAt: at('2024-05-03T13:00:00Z'),
  });
  await seedSource(db, { id: 'ftc', name: 'FTC press releases', kind: 'federal-register', category: 'regulator', trust: 95, owner: 'FTC' });
  await seedSource(db, { id: 'retired', enabled: false });

  const openai = await seedEntity(db, { key: 'openai', name: 'OpenAI', aliases: ['Open AI'] });
  const ftc = await seedEntity(db, { key: 'ftc', name: 'Federal Trade Commission', kind: 'agency', aliases: ['FTC'] });
  const microsoft = await seedEntity(db, { key: 'microsoft', name: 'Microsoft' });
  const gpt5 = await seedEntity(db, { key: 'gpt-5', name: 'GPT-5', kind: 'model', parentId: openai.id });

  const probe = await seedEvent(db, {
    title: 'FTC opens probe into OpenAI',
    firstSeenAt: at('2024-05-02T08:00:00Z'),
    lastSeenAt: at('2024-05-03T12:00:00Z'),
    articleCount: 3,
    originCount: 2,
    status: 'corroborated',
    confidence: 0.8,
  });
  const rumour = await seedEvent(db, {
    title: 'Microsoft weighs new AI investment',
    lastSeenAt: at('2024-05-02T09:30:00Z'),
    status: 'unverified',
    confidence: 0.2,
  });
  const release = await seedEvent(db, {
    title: 'OpenAI unveils GPT-5',
    lastSeenAt: at('2024-05-01T15:00:00Z'),
    status: 'confirmed',
    confidence: 0.95,
    entityKeys: ['gpt-5'],
  });

  const r1 = await seedArticle(db, { sourceId: 'reuters', eventId: probe.id, title: 'Regulators investigate OpenAI over consumer harm' });
  const w1 = await seedArticle(db, { sourceId: 'wsj', eventId: probe.id, title: 'FTC launches investigation of ChatGPT maker' });
  const b1 = await seedArticle(db, {
    sourceId: 'techblog',
    eventId: probe.id,
    title: 'OpenAI under scrutiny, WSJ says',
    origin: 'The Wall Street Journal',
    publishedAt: at('2024-05-02T09:00:00Z'),
  });
  const b2 = await seedArticle(db, { sourceId: 'techblog', eventId: rumour.id, title: 'Microsoft reportedly eyes AI startup' });
  const r2 = await seedArticle(db, { sourceId: 'reuters', eventId: release.id, title: 'New flagship model launched' });
  for (const [article, entity] of [[r1, openai], [r1, ftc], [w1, openai], [w1, ftc], [b1, openai], [b2, microsoft]] as const) {
    await linkEntity(db, article.id, entity.id);
  }

  const c1 = await seedClaim(db, {
    eventId: probe.id,
    text: 'The FTC opened an investigation into OpenAI',
    status: 'corroborated',
    confidence: 0.8,
    entityKeys: ['openai', 'ftc'],
    origins: [
      { name: 'Reuters', trust: 90, articleCount: 1 },
      { name: 'The Wall Street Journal', trust: 85, articleCount: 2 },
    ],
    explanation: [
      { factor: 'independent_origins', effect: 0.35, detail: '2 independent origins: Reuters, The Wall Street Journal' },
      { factor: 'hedging', effect: -0.05, detail: '1 of 3 supporting sentences is hedged ("reportedly")' },
    ],
  });
  const c2 = await seedClaim(db, { eventId: probe.id, text: 'OpenAI denies wrongdoing', status: 'disputed', confidence: 0.4 });
  const c3 = await seedClaim(db, {
    eventId: rumour.id,
    text: 'Microsoft plans a new AI investment',
    confidence: 0.2,
    entityKeys: ['microsoft'],
  });
  const c4 = await seedClaim(db, {
    eventId: release.id,
    text: 'OpenAI released GPT-5',
    status: 'confirmed',
    confidence: 0.95,
    entityKeys: ['gpt-5', 'openai'],
  });
  await seedEvidence(db, { claimId: c1.id, articleId: b1.id, sentence: 'The FTC has reportedly opened an investigation.', stance: 'supports', hedged: true, origin: 'The Wall Street Journal' });
  await seedEvidence(db, { claimId: c1.id, articleId: r1.id, sentence: 'The FTC opened an investigation into OpenAI.', stance: 'supports', hedged: false });
  await seedEvidence(db, { claimId: c1.id, articleId: w1.id, sentence: 'The agency opened an investigation into OpenAI.', stance: 'supports', hedged: false });
  await seedReview(db, { claimId: c1.id, status: 'corroborated', note: 'matches the filing', reviewer: 'abcdef12', createdAt: at('2024-05-03T13:00:00Z') });

  for (let i = 0; i < 25; i++) {
    await seedFetch(db, {
      sourceId: 'reuters',
      startedAt: new Date(Date.UTC(2024, 4, 3, 12, 5) - i * 900_000),
      durationMs: 120 + i,
      outcome: i % 5 === 0 ? 'not_modified' : 'ok',
      httpStatus: i % 5 === 0 ? 304 : 200,
      itemsFound: 10,
      itemsNew: i % 5 === 0 ? 0 : 1,
    });
  }

  return {
    entities: { openai, ftc, microsoft, gpt5 },
    events: { probe, rumour, release },
    articles: { r1, w1, b1, b2, r2 },
    claims: { c1, c2, c3, c4 },
  };
}

export type Scenario = Awaited<ReturnType<typeof seedScenario>>;
