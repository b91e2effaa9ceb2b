import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findEntities } from '../../../../src/text/gazetteer';
import { claimKey, extractClaims, MAX_CLAIMS_PER_ARTICLE, sameClaim } from '../../../../src/pipeline/extract/claims';

const articles = JSON.parse(readFileSync(new URL('../../../fixtures/extract/benchmark-articles.json', import.meta.url), 'utf8')).articles as Record<
  string,
  { articleBody: string }
>;
const body = (prefix: string) => Object.entries(articles).find(([id]) => id.startsWith(prefix))![1].articleBody;
const pairs = JSON.parse(readFileSync(new URL('../../../fixtures/verify/claim-pairs.json', import.meta.url), 'utf8')) as {
  same: { a: string; b: string; refs: string[] }[];
  different: { a: string; b: string; refs: string[] }[];
};
const claimsOf = (prefix: string, title?: string) => {
  const text = body(prefix);
  return extractClaims(text, { title, entityNames: findEntities(text).map((m) => m.name) });
};

describe('extractClaims on real articles', () => {
  it('leads with the Reuters scoop, hedged and attributed (VentureBeat copy of Reuters)', () => {
    const claims = claimsOf('06e5123e');
    expect(claims[0].text.startsWith('The New York State Attorney General (NYAG) is investigating WeWork')).toBe(true);
    expect(claims[0]).toMatchObject({ hedged: true, stance: 'supports', attribution: { origin: 'Reuters', cue: 'dateline' } });
    expect(claims[0].entityKeys).toEqual(expect.arrayContaining(['us-nyag', 'wework']));
    expect(claims[0].sentence.startsWith('(Reuters) —')).toBe(true);
    expect(claims[0].normalized).toMatch(/^the new york state attorney general nyag is investigating wework/);
  });

  it('keeps to the cap, skips non-answers and never counts an outlet as the subject', () => {
    const claims = claimsOf('06e5123e');
    expect(claims.length).toBeLessThanOrEqual(MAX_CLAIMS_PER_ARTICLE);
    expect(claims.map((c) => c.text)).not.toContain('A spokesperson for the NYAG declined to comment.');
    for (const c of claims) {
      expect(c.entityKeys.length).toBeGreaterThan(0);
      expect(c.entityKeys).not.toContain('reuters');
    }
  });

  it('puts the headline first and attributes TechCrunch’s rewrite to Reuters', () => {
    const claims = claimsOf('1ace8c85', 'New York State Attorney General reportedly investigating WeWork');
    expect(claims[0]).toMatchObject({ sentence: 'New York State Attorney General reportedly investigating WeWork', hedged: true });
    const reuters = claims.find((c) => c.text.startsWith('According to Reuters'));
    expect(reuters?.attribution).toEqual({ origin: 'Reuters', cue: 'according to' });
    // The headline and the first sentence make one claim: it is taken once.
    expect(claims.some((c) => c.text.startsWith('WeWork is reportedly being investigated'))).toBe(false);
  });

  it('requires one of the given entity names', () => {
    expect(extractClaims(body('06e5123e'), { entityNames: ['SoftBank'] }).every((c) => c.entityKeys.includes('softbank'))).toBe(true);
  });
});

describe('extractClaims filters (constructed)', () => {
  const opts = { entityNames: ['OpenAI', 'Acme Robotics'] };
  it('skips questions, boilerplate and fragments', () => {
    expect(extractClaims('Will OpenAI release GPT-5 this year at its developer event?', opts)).toEqual([]);
    expect(extractClaims('Subscribe to our newsletter for more OpenAI news every single day.', opts)).toEqual([]);
    expect(extractClaims('OpenAI did.', opts)).toEqual([]);
  });

  it('matches names the gazetteer does not know and keys them by slug', () => {
    const [claim] = extractClaims('Acme Robotics announced a $20 million funding round on Tuesday.', opts);
    expect(claim.entityKeys).toEqual(['acme-robotics']);
  });
});

describe('sameClaim across articles of one event (hand-labelled real pairs)', () => {
  // Measured at SAME_CLAIM_THRESHOLD: 14/18 same-claim pairs matched, 1/23 different pairs.
  it('matches paraphrases and keeps different claims apart', () => {
    const truePositives = pairs.same.filter((p) => sameClaim(p.a, p.b)).length;
    const falsePositives = pairs.different.filter((p) => sameClaim(p.a, p.b)).length;
    expect(truePositives / pairs.same.length).toBeGreaterThanOrEqual(0.72);
    expect(truePositives / (truePositives + falsePositives)).toBeGreaterThanOrEqual(0.9);
  });

  it('matches the Reuters scoop with TechCrunch’s hedged rewrite', () => {
    const [vb, tc] = [pairs.same[0].a, pairs.same[0].b];
    expect(pairs.same[0].refs).toEqual(['vb:0', 'tc:0']);
    expect(sameClaim(vb, tc)).toBe(true);
  });
});

describe('claimKey', () => {
  it('is shared by copies that differ in dateline, attribution and word order (constructed)', () => {
    expect(claimKey('(Reuters) - OpenAI is raising $6 billion.')).toBe(claimKey('OpenAI is raising $6 billion, Bloomberg reported.'));
    expect(claimKey('On Tuesday, OpenAI launched GPT-5.')).toBe(claimKey('OpenAI launched GPT-5 on Tuesday.'));
    expect(claimKey('OpenAI is raising $6 billion.')).not.toBe(claimKey('OpenAI is raising $10 billion.'));
  });
});
