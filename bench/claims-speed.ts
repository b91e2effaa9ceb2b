// Claim extraction and verification cost, as JSON lines:
//   extraction per 800-word article (real text: the article-extraction-benchmark bodies in
//   test/fixtures/extract, cut or joined to 800 words), page fetch excluded, one core;
//   verification of one 200-article event (assessEvent, the database left out).
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { findEntities } from '../src/text/gazetteer';
import { extractClaims } from '../src/pipeline/extract/claims';
import { articleTypeOf } from '../src/pipeline/extract/article-type';
import { assessEvent, type EventArticle } from '../src/pipeline/verify/verify-event';

const bodies = Object.values(
  JSON.parse(readFileSync(new URL('../test/fixtures/extract/benchmark-articles.json', import.meta.url), 'utf8')).articles as Record<string, { articleBody: string }>,
).map((a) => a.articleBody);
const allWords = bodies.join('\n\n').split(/(?<=\s)/);
const texts = bodies.map((_, i) => allWords.slice((i * 800) % Math.max(1, allWords.length - 800), ((i * 800) % Math.max(1, allWords.length - 800)) + 800).join(''));

const extract = (text: string) => {
  const entityNames = findEntities(text).map((m) => m.name);
  return { claims: extractClaims(text, { entityNames }), type: articleTypeOf({ title: '', text }) };
};
for (const t of texts) extract(t); // warm caches and the JIT
const rounds = 5;
const start = performance.now();
let claims = 0;
for (let r = 0; r < rounds; r++) for (const t of texts) claims += extract(t).claims.length;
const perArticle = (performance.now() - start) / (rounds * texts.length);
console.log(JSON.stringify({ bench: 'claims-extraction', words: 800, articles: texts.length, msPerArticle: Number(perArticle.toFixed(2)), targetMs: 20, claimsPerArticle: Number((claims / (rounds * texts.length)).toFixed(1)) }));

const candidates = texts.map((t) => extract(t).claims);
const articles: EventArticle[] = Array.from({ length: 200 }, (_, i) => ({
  id: i + 1,
  title: '',
  origin: i % 3 === 0 ? 'Reuters' : null,
  claimCandidates: candidates[i % candidates.length],
  duplicateOf: i % 7 === 0 && i > 0 ? i : null,
  articleType: 'report',
  ownSourcing: i % 5 === 0,
  publishedAt: new Date(Date.UTC(2024, 0, 1, 0, i)),
  fetchedAt: new Date(Date.UTC(2026, 0, 1)),
  summary: null,
  extra: null,
  sourceId: `s${i % 40}`,
  sourceName: `Source ${i % 40}`,
  sourceTrust: 30 + (i % 60),
  sourceCategory: 'news',
  sourceOwner: `Owner ${i % 30}`,
}));
// The first run is the one that counts: verification caches sentence pairs it has compared, so a
// second run of the same event measures the caches. It includes loading the word vectors.
const t0 = performance.now();
const result = assessEvent(articles, new Map());
const cold = performance.now() - t0;
const t1 = performance.now();
assessEvent(articles, new Map());
const warm = performance.now() - t1;
console.log(JSON.stringify({ bench: 'claims-verification', articles: 200, claims: result.claims.length, ms: Number(cold.toFixed(1)), repeatMs: Number(warm.toFixed(1)), targetMs: 1000 }));
