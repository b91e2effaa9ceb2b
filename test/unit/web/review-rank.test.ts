import { describe, expect, it } from 'vitest';
import type { ReviewCandidate } from '../../../src/db/queries/review-queue';
import { rankReviewQueue, scoreClaim } from '../../../src/web/review-rank';

const base: ReviewCandidate = {
  id: 1,
  eventId: 1,
  eventTitle: 'An event',
  text: 'A claim',
  status: 'corroborated',
  confidence: 0.7,
  originCount: 2,
  soleOrigin: null,
  articleCount: 2,
  supports: 2,
  denies: 0,
  reviewedStatus: null,
  evidenceStatus: 'corroborated',
  topEntity: null,
  topEntityArticles: 0,
};
const claim = (over: Partial<ReviewCandidate>): ReviewCandidate => ({ ...base, ...over });
const noAlerts = { all: false, statuses: [] };

describe('review queue ranking', () => {
  it('puts a widely carried single-origin claim about a much-named entity above a quiet corroborated one', () => {
    const quiet = claim({ id: 1 });
    const loud = claim({ id: 2, status: 'single_origin', originCount: 1, soleOrigin: 'Reuters', articleCount: 24, topEntity: 'OpenAI', topEntityArticles: 300 });
    const ranked = rankReviewQueue([quiet, loud], noAlerts);
    expect(ranked.map((r) => r.id)).toEqual([2, 1]);
    expect(ranked[0].reasons).toEqual(['24 articles carry the event', 'about OpenAI (named in 300 articles)', 'single origin: Reuters']);
  });

  it('ranks a recomputation that disagrees with an analyst above plain uncertainty, and says so', () => {
    const disagreeing = claim({ id: 1, status: 'confirmed', reviewedStatus: 'confirmed', evidenceStatus: 'refuted' });
    const singleOrigin = claim({ id: 2, status: 'single_origin', originCount: 1 });
    const [first] = rankReviewQueue([singleOrigin, disagreeing], noAlerts);
    expect(first.id).toBe(1);
    expect(first.reasons).toContain('an analyst said confirmed, the evidence now says refuted');
  });

  it('counts contradictory evidence and a disputed status as uncertainty', () => {
    const plain = scoreClaim(claim({}), 0, noAlerts);
    const contradicted = scoreClaim(claim({ status: 'disputed', evidenceStatus: 'disputed', supports: 3, denies: 1 }), 0, noAlerts);
    expect(contradicted.uncertainty).toBeGreaterThan(plain.uncertainty);
    expect(contradicted.reasons).toEqual(expect.arrayContaining(['contradictory evidence: 3 support, 1 deny', 'disputed']));
  });

  it('raises a status that an alert subscription would send', () => {
    const unwatched = scoreClaim(claim({ status: 'confirmed' }), 0, noAlerts);
    const watched = scoreClaim(claim({ status: 'confirmed' }), 0, { all: false, statuses: ['confirmed'] });
    expect(watched.importance).toBeGreaterThan(unwatched.importance);
    expect(watched.reasons).toContain('alerts would send it as confirmed');
    expect(scoreClaim(claim({ status: 'confirmed' }), 0, { all: true, statuses: [] }).importance).toBe(watched.importance);
  });

  it('keeps scores within 0..1 and breaks ties by the newer claim', () => {
    const ranked = rankReviewQueue([claim({ id: 5 }), claim({ id: 9 })], noAlerts);
    expect(ranked.map((r) => r.id)).toEqual([9, 5]);
    for (const r of ranked) {
      expect(r.score).toBeGreaterThan(0);
      expect(r.score).toBeLessThanOrEqual(1);
    }
  });
});
