import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { estimateJaccard, isSyndicatedCopy, shingleSignature, titleSimilarity, wordShingles } from '../../../src/text/similarity';
import { contentTerms } from '../../../src/text/tokens';
import { corpusPath } from '../../../harness/corpus';

const pairs = JSON.parse(readFileSync(new URL('../../fixtures/cluster/extraction-pairs.json', import.meta.url), 'utf8')).pairs as {
  url: string;
  groundTruth: string;
  readabilityJs: string;
}[];
const articles = JSON.parse(readFileSync(new URL('../../fixtures/extract/benchmark-articles.json', import.meta.url), 'utf8')).articles as Record<
  string,
  { articleBody: string }
>;
const body = (prefix: string) => Object.entries(articles).find(([id]) => id.startsWith(prefix))![1].articleBody;

// Exact Jaccard of the two texts' shingle sets, as the signatures are built from them: the quantity MinHash estimates.
function exactShingleJaccard(a: string, b: string): number {
  const [sa, sb] = [new Set(wordShingles(a)), new Set(wordShingles(b))];
  const shared = [...sa].filter((s) => sb.has(s)).length;
  return shared / (sa.size + sb.size - shared);
}

describe('headline similarity (UCI News Aggregator headlines)', () => {
  it('scores two outlets’ headlines on one story above headlines on different stories', () => {
    const sameStory = titleSimilarity('ECB unlikely to end sterilisation of SMP purchases - traders', 'ECB unlikely to end sterilization of SMP purchases: traders');
    const sameStory2 = titleSimilarity('Pizza chain Sbarro files for bankruptcy', 'Sbarro Files For Second Bankruptcy Protection');
    const different = titleSimilarity('American Airlines, JetBlue End Partnership Agreement', 'Metro-North worker killed by train');
    expect(sameStory).toBeGreaterThan(0.6);
    expect(sameStory2).toBeGreaterThan(0.5);
    expect(different).toBe(0);
  });

  it('is symmetric and 1 for identical headlines', () => {
    const a = 'Mt. Gox files for US bankruptcy to halt class action';
    const b = 'Bitcoin exchange Mt. Gox files for US bankruptcy protection';
    expect(titleSimilarity(a, b)).toBeCloseTo(titleSimilarity(b, a), 12);
    expect(titleSimilarity(a, a)).toBeCloseTo(1, 12);
  });

  it('stems, drops stop words and possessives', () => {
    expect(contentTerms("OpenAI's new models are launching")).toEqual(['openai', 'model', 'launch']);
  });
});

describe('MinHash near-duplicate detection', () => {
  it('estimates shingle Jaccard within 0.1 on real article pairs', () => {
    const texts = [...pairs.map((p) => [p.groundTruth, p.readabilityJs]), [body('06e5123e'), body('1ace8c85')]];
    for (const [a, b] of texts) {
      expect(Math.abs(estimateJaccard(shingleSignature(a), shingleSignature(b)) - exactShingleJaccard(a, b))).toBeLessThan(0.1);
    }
  });

  it('recognises one article extracted by two different extractors as a copy', () => {
    for (const p of pairs) expect(isSyndicatedCopy(p.groundTruth, p.readabilityJs), p.url).toBe(true);
  });

  it('does not take different outlets’ reports of one event for copies', () => {
    // WeWork/NYAG: Reuters via VentureBeat, TechCrunch's rewrite, The Real Deal's story.
    expect(isSyndicatedCopy(body('06e5123e'), body('1ace8c85'))).toBe(false);
    expect(isSyndicatedCopy(body('06e5123e'), body('bc13ff87'))).toBe(false);
  });

  it('shingles the normalised words five at a time, a shorter text as one shingle', () => {
    expect(wordShingles('OpenAI’s board fired Sam Altman on Friday.')).toEqual([
      'openai board fired sam altman',
      'board fired sam altman on',
      'fired sam altman on friday',
    ]);
    expect(wordShingles('Apple buys a startup')).toEqual(['apple buys a startup']);
    expect(wordShingles(' … ')).toEqual([]);
  });

  it('gives stable signatures and handles texts shorter than a shingle', () => {
    expect(shingleSignature('Apple buys a startup')).toEqual(shingleSignature('Apple buys a startup'));
    expect(shingleSignature('Apple buys a startup')).toHaveLength(128);
    expect(shingleSignature('   ')).toEqual([]);
    expect(estimateJaccard([], [])).toBe(0);
  });
});

// WikiRef220 has no licence: read from the shared corpus at run time, never copied.
const WIKIREF = corpusPath('near-duplicates/wikiref220');
describe.skipIf(!existsSync(WIKIREF))('WikiRef220 (read at run time)', () => {
  const read = (name: string) => readFileSync(`${WIKIREF}/articles/${name}`, 'utf8');

  it('detects the labelled near-duplicate pair', () => {
    expect(isSyndicatedCopy(read('cypriot.financial.crisis.36.txt'), read('cypriot.financial.crisis.37.txt'))).toBe(true);
  });

  it('keeps distinct articles on one topic apart', () => {
    expect(isSyndicatedCopy(read('ParisAttacks2015.16.txt'), read('ParisAttacks2015.8.txt'))).toBe(false);
    expect(isSyndicatedCopy(read('malaysia.airlines.flight.245.txt'), read('malaysia.airlines.flight.278.txt'))).toBe(false);
  });
});
