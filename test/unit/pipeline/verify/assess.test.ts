// Constructed evidence sets for the status rules of DESIGN.md; the sources are invented.
import { describe, expect, it } from 'vitest';
import { assessClaim, type Assessment, type EvidenceInput } from '../../../../src/pipeline/verify/assess';

let n = 0;
function ev(over: Partial<EvidenceInput> & Pick<EvidenceInput, 'sourceName' | 'sourceOwner' | 'sourceTrust'>): EvidenceInput {
  n++;
  return {
    articleId: `a${n}`,
    sourceId: over.sourceName.toLowerCase().replace(/\W+/g, '-'),
    sourceCategory: 'news',
    hedged: false,
    stance: 'supports',
    primary: false,
    ...over,
  };
}
const wsj = () => ev({ sourceName: 'The Wall Street Journal', sourceOwner: 'News Corp', sourceTrust: 85 });
const barrons = () => ev({ sourceName: "Barron's", sourceOwner: 'News Corp.', sourceTrust: 80 });
const reuters = () => ev({ sourceName: 'Reuters', sourceOwner: 'Thomson Reuters', sourceTrust: 90, sourceCategory: 'wire' });
const blog = (i: number, attributedTo: string, hedged = false) =>
  ev({ sourceName: `Tech Blog ${i}`, sourceOwner: `Blog Owner ${i}`, sourceTrust: 50 + i, sourceCategory: 'blog', attributedTo, hedged });
const sumOfEffects = (a: Assessment) => a.explanation.reduce((sum, e) => sum + e.effect, 0);

describe('independence', () => {
  it('counts five blogs rewriting one WSJ scoop as one origin: single_origin', () => {
    const spellings = ['WSJ', 'The Wall Street Journal', 'Wall Street Journal', 'the Wall Street Journal', 'WSJ'];
    const result = assessClaim(spellings.map((s, i) => blog(i + 1, s)));
    expect(result.status).toBe('single_origin');
    // No registry trust given: the best relay's trust stands in, and the origin is marked as not seen directly.
    expect(result.origins).toEqual([
      { name: 'The Wall Street Journal', trust: 55, articleCount: 5, seenDirectly: false, relayedBy: [51, 52, 53, 54, 55].map((t, i) => ({ sourceId: `tech-blog-${i + 1}`, trust: t })) },
    ]);
    expect(result.explanation.find((e) => e.factor === 'independence')?.detail).toMatch(
      /5 article\(s\), 1 independent origin\(s\): The Wall Street Journal \(trust 55, not seen directly\) — relayed by 5 article\(s\) from outlets of trust 51–55/,
    );
  });

  it('gives an origin seen only through relays its own registry trust, weighted by the relays’ trust', () => {
    const viaBlogs = assessClaim([1, 2].map((i) => ({ ...blog(i, 'WSJ'), sourceTrust: 25, originTrust: 85 })));
    const viaWire = assessClaim([{ ...reuters(), attributedTo: 'WSJ', originTrust: 85 }]);
    expect(viaBlogs.origins[0]).toMatchObject({ name: 'The Wall Street Journal', trust: 85, seenDirectly: false });
    expect(viaBlogs.status).toBe('single_origin');
    // Relays of trust 25 leave 0.625 of the weight; a wire of trust 90 leaves 0.95.
    expect(viaBlogs.explanation.find((e) => e.factor === 'origin')?.effect).toBeCloseTo(0.85 * 0.625, 5);
    expect(viaWire.explanation.find((e) => e.factor === 'origin')?.effect).toBeCloseTo(0.85 * 0.95, 5);
    expect(assessClaim([wsj()]).explanation.find((e) => e.factor === 'origin')?.effect).toBeCloseTo(0.85, 5);
  });

  it('never lets analysis, explainers or summaries originate', () => {
    const opinion = { ...reuters(), sourceName: 'Opinion Weekly', sourceOwner: 'Opinion Weekly Inc', originates: false };
    const result = assessClaim([wsj(), opinion]);
    expect(result.origins).toHaveLength(2);
    expect(result.status).toBe('unverified'); // one article of one origin, no attribution: the opinion piece adds nothing
    expect(result.explanation.find((e) => e.factor === 'independence')?.detail).toMatch(/1 independent origin\(s\).*repeats only/);
  });

  it('folds the WSJ’s own article into the origin its rewriters cite', () => {
    const result = assessClaim([wsj(), blog(1, 'WSJ'), blog(2, 'Wall Street Journal')]);
    expect(result.origins).toHaveLength(1);
    expect(result.status).toBe('single_origin');
  });

  it('collapses sources with one owner (WSJ and Barron’s), then corroborates with Reuters', () => {
    const sameOwner = assessClaim([wsj(), barrons()]);
    expect(sameOwner.origins).toHaveLength(1);
    expect(sameOwner.status).toBe('single_origin');
    const withReuters = assessClaim([wsj(), barrons(), reuters()]);
    expect(withReuters.origins.map((o) => o.name).sort()).toEqual(['Reuters', 'The Wall Street Journal']);
    expect(withReuters.status).toBe('corroborated');
  });

  it('counts syndicated copies as one origin with their original', () => {
    const copies = [1, 2, 3].map((i) => ({ ...blog(i, ''), attributedTo: undefined, syndicationGroup: 'syn-1' }));
    const result = assessClaim([{ ...reuters(), syndicationGroup: 'syn-1' }, ...copies]);
    expect(result.origins).toHaveLength(1);
    expect(result.origins[0]).toMatchObject({ name: 'Reuters', articleCount: 4 });
    expect(result.status).toBe('single_origin');
  });

  it('joins a dateline-attributed copy with the wire’s own article', () => {
    const result = assessClaim([reuters(), { ...blog(1, 'Reuters') }]);
    expect(result.origins).toHaveLength(1);
  });
});

describe('status rules', () => {
  it('confirms on the regulator’s own document', () => {
    const ftc = ev({ sourceName: 'FTC press releases', sourceOwner: 'Federal Trade Commission', sourceTrust: 95, sourceCategory: 'regulator', primary: true });
    const result = assessClaim([blog(1, 'Reuters', true), ftc]);
    expect(result.status).toBe('confirmed');
    expect(result.confidence).toBeGreaterThanOrEqual(0.9);
  });

  it('disputes when a credible source denies what another reports', () => {
    const denial = ev({ sourceName: 'Bloomberg', sourceOwner: 'Bloomberg L.P.', sourceTrust: 85, stance: 'denies' });
    const result = assessClaim([wsj(), denial]);
    expect(result.status).toBe('disputed');
    expect(result.confidence).toBeLessThanOrEqual(0.5);
    expect(result.explanation.find((e) => e.factor === 'denial')?.effect).toBeLessThan(0);
  });

  it('refutes on the named company’s own denial', () => {
    const company = ev({ sourceName: 'OpenAI blog', sourceOwner: 'OpenAI', sourceTrust: 80, sourceCategory: 'company', primary: true, stance: 'denies' });
    const result = assessClaim([wsj(), reuters(), company]);
    expect(result.status).toBe('refuted');
    expect(result.confidence).toBeLessThanOrEqual(0.1);
  });

  it('refutes when the origin retracts its own report', () => {
    const report = { ...wsj(), publishedAt: new Date('2025-03-01T10:00:00Z') };
    const retraction = { ...wsj(), stance: 'denies' as const, publishedAt: new Date('2025-03-02T10:00:00Z') };
    const result = assessClaim([report, blog(1, 'WSJ'), retraction]);
    expect(result.status).toBe('refuted');
    expect(result.explanation.find((e) => e.factor === 'status')?.detail).toMatch(/retracted/);
  });

  it('leaves one unattributed article unverified, and one attributed article single_origin', () => {
    expect(assessClaim([reuters()]).status).toBe('unverified');
    expect(assessClaim([blog(1, 'Bloomberg')]).status).toBe('single_origin');
  });

  it('leaves claims carried only by low-trust sources unverified, however many', () => {
    const lowTrust = [1, 2, 3].map((i) => ev({ sourceName: `Content farm ${i}`, sourceOwner: `Farm ${i}`, sourceTrust: 20, sourceCategory: 'aggregator' }));
    const result = assessClaim(lowTrust);
    expect(result.origins).toHaveLength(3);
    expect(result.status).toBe('unverified');
    expect(result.confidence).toBeLessThanOrEqual(0.3);
  });

  it('keeps the latest analyst review and flags a recomputation that disagrees', () => {
    const evidence = [wsj(), reuters()];
    const reviews = [
      { status: 'confirmed' as const, createdAt: new Date('2025-01-01T00:00:00Z') },
      { status: 'disputed' as const, createdAt: new Date('2025-02-01T00:00:00Z'), note: 'company contests the figure' },
    ];
    const result = assessClaim(evidence, reviews);
    expect(result.status).toBe('disputed');
    expect(result.confidence).toBeLessThanOrEqual(0.5);
    const review = result.explanation.find((e) => e.factor === 'analyst_review');
    expect(review?.detail).toMatch(/set disputed: company contests the figure/);
    expect(result.reviewConflict).toEqual({ verdict: 'disputed', evidence: 'corroborated', reason: '2 independent credible origins support it' });
    expect(assessClaim(evidence, [{ status: 'corroborated', createdAt: new Date() }]).reviewConflict).toBeUndefined();
  });

  it('is unverified with no evidence at all', () => {
    expect(assessClaim([])).toMatchObject({ status: 'unverified', confidence: 0, origins: [] });
  });
});

describe('confidence', () => {
  it('is the noisy-OR of independent origins’ trust, not a count of articles', () => {
    const two = assessClaim([ev({ sourceName: 'A', sourceOwner: 'A', sourceTrust: 70 }), ev({ sourceName: 'B', sourceOwner: 'B', sourceTrust: 50 })]);
    expect(two.confidence).toBeCloseTo(1 - 0.3 * 0.5, 12);
    const copies = assessClaim([1, 2, 3, 4, 5].map((i) => blog(i, 'WSJ')));
    const one = assessClaim([blog(5, 'WSJ')]);
    expect(copies.confidence).toBeCloseTo(one.confidence, 12);
  });

  it('discounts an origin that only hedges, and shows the discount', () => {
    const plain = assessClaim([blog(1, 'Bloomberg'), blog(2, 'Bloomberg')]);
    const hedged = assessClaim([blog(1, 'Bloomberg', true), blog(2, 'Bloomberg', true)]);
    expect(hedged.confidence).toBeLessThan(plain.confidence);
    expect(hedged.explanation.find((e) => e.factor === 'hedging')?.effect).toBeLessThan(0);
  });

  it('can be traced: the explanation’s effects add up to it', () => {
    const cases = [
      [wsj(), barrons(), reuters()],
      [blog(1, 'WSJ', true), reuters(), ev({ sourceName: 'Bloomberg', sourceOwner: 'Bloomberg', sourceTrust: 85, stance: 'denies' })],
      [ev({ sourceName: 'SEC', sourceOwner: 'SEC', sourceTrust: 95, sourceCategory: 'regulator', primary: true })],
      [reuters()],
    ];
    for (const evidence of cases) {
      const result = assessClaim(evidence);
      expect(sumOfEffects(result)).toBeCloseTo(result.confidence, 12);
      expect(result.confidence).toBeGreaterThanOrEqual(0);
      expect(result.confidence).toBeLessThanOrEqual(1);
    }
    const reviewed = assessClaim([wsj(), reuters()], [{ status: 'refuted', createdAt: new Date() }]);
    expect(sumOfEffects(reviewed)).toBeCloseTo(reviewed.confidence, 12);
  });
});

describe('owners recorded in sources.yaml', () => {
  it('take precedence over the gazetteer for an attributed outlet (constructed)', () => {
    const cnbcSource = ev({ sourceName: 'CNBC – Technology', sourceOwner: 'Example Holdings', sourceTrust: 75 });
    const result = assessClaim([cnbcSource, blog(1, 'CNBC')]);
    expect(result.origins).toHaveLength(1);
    expect(result.origins[0]).toMatchObject({ name: 'CNBC', articleCount: 2 });
  });
});
