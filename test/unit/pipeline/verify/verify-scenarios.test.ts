// Scenarios through the real verify path (assessEvent) on claims extracted from real text: the
// WeWork/NYAG story (VentureBeat's copy of the Reuters scoop, TechCrunch's rewrite) in
// test/fixtures/extract/benchmark-articles.json. Sources, trusts and dates are invented.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findEntities } from '../../../../src/text/gazetteer';
import { extractClaims } from '../../../../src/pipeline/extract/claims';
import { namesOfText } from '../../../../src/pipeline/extract/understand-text';
import { assessEvent, type EventArticle } from '../../../../src/pipeline/verify/verify-event';

const bodies = JSON.parse(readFileSync(new URL('../../../fixtures/extract/benchmark-articles.json', import.meta.url), 'utf8')).articles as Record<string, { articleBody: string }>;
const body = (prefix: string) => Object.entries(bodies).find(([id]) => id.startsWith(prefix))![1].articleBody;
const candidatesOf = (text: string) => extractClaims(text, { entityNames: findEntities(text).map((m) => m.name) });
const scoop = body('06e5123e'); // "(Reuters) — The New York State Attorney General (NYAG) is investigating WeWork, according to two people…"
const rewrite = body('1ace8c85'); // TechCrunch: "WeWork is reportedly being investigated by the New York State Attorney General." … "According to Reuters…"

let id = 0;
const texts = new Map<number, string>();
function article(over: Partial<EventArticle> & { text: string; sourceName: string; sourceTrust: number }): EventArticle {
  id++;
  const { text, ...rest } = over;
  texts.set(id, text);
  return {
    id,
    title: '',
    origin: null,
    claimCandidates: candidatesOf(text),
    duplicateOf: null,
    articleType: 'report',
    ownSourcing: false,
    publishedAt: new Date(Date.UTC(2019, 10, 18, id)),
    fetchedAt: new Date(Date.UTC(2026, 0, 1)),
    summary: null,
    extra: null,
    sourceId: `s${id}`,
    sourceCategory: 'news',
    sourceOwner: `${over.sourceName} owner`,
    ...rest,
  } as EventArticle;
}
const investigation = (result: ReturnType<typeof assessEvent>) => result.claims.find((c) => c.structure.predicate === 'investigated' && c.structure.subject?.key === 'us-nyag')!;
const noReviews = new Map();

describe('verify scenarios on real text', () => {
  it('keeps one scoop echoed by many outlets single_origin at any relay trust, and says why', () => {
    for (const trust of [25, 55, 90]) {
      const reuters = article({ text: scoop, sourceName: 'Reuters', sourceTrust: 90, sourceCategory: 'wire', origin: 'Reuters' });
      const relays = [1, 2, 3, 4].map((i) => article({ text: rewrite, sourceName: `Relay ${i}`, sourceTrust: trust, origin: 'Reuters' }));
      // A day later, the same claim with no attribution and no sourcing of its own: derived, not corroboration.
      const unattributed = article({ text: 'The New York State Attorney General is investigating WeWork.', sourceName: 'Late Blog', sourceTrust: trust });
      const claim = investigation(assessEvent([reuters, ...relays, unattributed], noReviews));
      expect(claim.status).toBe('single_origin');
      expect(claim.origins).toHaveLength(1);
      expect(claim.origins[0]).toMatchObject({ name: 'Reuters', seenDirectly: true });
      expect(claim.explanation[0].detail).toMatch(/1 independent origin\(s\): Reuters \(trust 90\) — relayed by 5 article\(s\) from outlets of trust \d+/);
      expect(claim.explanation[0].detail).toMatch(/1 article\(s\) repeat an earlier report, or one another article credits, without sourcing of their own/);
    }
  });

  it('counts an earlier article that states the claim without attribution for the origin a later one names', () => {
    // Published an hour before the credited account; the claim is the scoop's, so this article relays it.
    const early = article({ text: 'The New York State Attorney General is investigating WeWork.', sourceName: 'Early Blog', sourceTrust: 60, publishedAt: new Date(Date.UTC(2019, 10, 17)) });
    // Crediting its own outlet in its dateline names no one else's report.
    const selfCredit = article({ text: 'The New York State Attorney General is investigating WeWork.', sourceName: 'Daily Post', sourceTrust: 60, origin: 'The Daily Post' });
    const credited = article({ text: rewrite, sourceName: 'Relay', sourceTrust: 40, origin: 'Reuters' });
    const claim = investigation(assessEvent([early, selfCredit, credited], noReviews));
    expect(claim.status).toBe('single_origin');
    expect(claim.origins.map((o) => o.name)).toEqual(['Reuters']);
    // With sourcing of its own, the early article is an origin of its own.
    const sourced = investigation(assessEvent([{ ...early, ownSourcing: true }, credited], noReviews));
    expect(sourced.origins.map((o) => o.name).sort()).toEqual(['Early Blog', 'Reuters']);
  });

  it('counts a study’s author and the journal that published it as one origin, also where an article quoting the author does not say so', () => {
    // Constructed: one outlet says whose study it is, another quotes the author bare, a third credits the journal.
    const withResearch = (text: string) => extractClaims(text, namesOfText('', text).attributionContext);
    const claimOf = (result: ReturnType<typeof assessEvent>) => result.claims.find((c) => /water vapour/.test(c.text))!;
    const explained = article({
      text: 'NASA scientists detected water vapour above Enceladus for the first time, said study lead author Maria Gonzalez, a planetary scientist at NASA. The study was published on Monday in the journal Nature Geoscience.',
      sourceName: 'Science Daily',
      sourceTrust: 70,
    });
    const bare = article({ text: 'NASA scientists detected water vapour above Enceladus for the first time, Maria Gonzalez said.', sourceName: 'City Paper', sourceTrust: 70 });
    const journal = article({ text: 'NASA scientists detected water vapour above Enceladus for the first time, according to the journal Nature Geoscience.', sourceName: 'Space Post', sourceTrust: 70 });
    const events = [explained, bare, journal].map((a) => ({ ...a, claimCandidates: withResearch(a.summary ?? texts.get(a.id)!) }));
    const claim = claimOf(assessEvent(events, noReviews));
    expect(claim.origins.map((o) => o.name)).toEqual(['Nature Geoscience']);
    expect(claim.status).not.toBe('corroborated');
    // Without the article that says whose study it is, the author is an origin by name.
    expect(claimOf(assessEvent(events.slice(1), noReviews)).origins.map((o) => o.name)).toContain('Maria Gonzalez');
  });

  it('counts what a study’s author did for the study, also where an outlet interviewed the author', () => {
    // Constructed: the author's part in the study, told to a second outlet, is still the study's account.
    const withResearch = (text: string) => extractClaims(text, namesOfText('', text).attributionContext);
    const explained = article({
      text: 'NASA scientists detected water vapour above Enceladus for the first time, said study lead author Maria Gonzalez, a planetary scientist at NASA. The study was published on Monday in the journal Nature Geoscience.',
      sourceName: 'Science Daily',
      sourceTrust: 70,
    });
    const journal = article({ text: 'Maria Gonzalez referred the samples to the Jet Propulsion Laboratory in 2017, according to the journal Nature Geoscience.', sourceName: 'Space Post', sourceTrust: 70 });
    const interview = article({ text: 'Maria Gonzalez referred the samples to the Jet Propulsion Laboratory in 2017. “It was a surprise,” Gonzalez told City Daily.', sourceName: 'City Daily', sourceTrust: 70, ownSourcing: true });
    const events = [explained, journal, interview].map((a) => ({ ...a, claimCandidates: withResearch(texts.get(a.id)!) }));
    const claimOf = (result: ReturnType<typeof assessEvent>) => result.claims.find((c) => /referred the samples/.test(c.text) && c.evidence.length > 1)!;
    const claim = claimOf(assessEvent(events, noReviews));
    expect(claim.evidence.map((e) => e.articleId).sort()).toEqual([journal.id, interview.id]);
    expect(claim.origins.map((o) => o.name)).toEqual(['Nature Geoscience']);
    expect(claim.status).not.toBe('corroborated');
    // Without the article that says whose study it is, the interview is the outlet's own sourcing.
    expect(claimOf(assessEvent(events.slice(1), noReviews)).origins.map((o) => o.name).sort()).toEqual(['City Daily', 'Nature Geoscience']);
  });

  it('corroborates when a second outlet has sourcing of its own', () => {
    const reuters = article({ text: scoop, sourceName: 'Reuters', sourceTrust: 90, sourceCategory: 'wire', origin: 'Reuters' });
    const own = article({ text: 'The New York State Attorney General is investigating WeWork, a person briefed on the inquiry told The Daily.', sourceName: 'The Daily', sourceTrust: 70, ownSourcing: true });
    const claim = investigation(assessEvent([reuters, own], noReviews));
    expect(claim.status).toBe('corroborated');
    expect(claim.origins.map((o) => o.name).sort()).toEqual(['Reuters', 'The Daily']);
  });

  it('never lets an opinion piece corroborate', () => {
    const reuters = article({ text: scoop, sourceName: 'Reuters', sourceTrust: 90, sourceCategory: 'wire', origin: 'Reuters' });
    const opinion = article({ text: 'The New York State Attorney General is investigating WeWork.', sourceName: 'Op-Ed Weekly', sourceTrust: 80, articleType: 'analysis', ownSourcing: true });
    expect(investigation(assessEvent([reuters, opinion], noReviews)).status).not.toBe('corroborated');
  });

  it('disputes on a denial by the named subject, with both sides as evidence', () => {
    const reuters = article({ text: scoop, sourceName: 'Reuters', sourceTrust: 90, sourceCategory: 'wire', origin: 'Reuters' });
    const other = article({ text: 'The New York State Attorney General is investigating WeWork, a person briefed on the inquiry told The Daily.', sourceName: 'The Daily', sourceTrust: 70, ownSourcing: true });
    const denial = article({ text: 'The office of the New York State Attorney General denied that it is investigating WeWork.', sourceName: 'Wire Two', sourceTrust: 80, ownSourcing: true });
    const claim = investigation(assessEvent([reuters, other, denial], noReviews));
    expect(claim.status).toBe('disputed');
    expect(claim.evidence.map((e) => e.stance).sort()).toEqual(['denies', 'supports', 'supports']);
  });

  it('confirms only by a regulator’s own action, never by its category', () => {
    const reuters = article({ text: scoop, sourceName: 'Reuters', sourceTrust: 90, sourceCategory: 'wire', origin: 'Reuters' });
    const regulatorAboutOthers = article({ text: 'WeWork sued Acme Landlords over unpaid rent in Manhattan last year.', sourceName: 'Federal Trade Commission', sourceTrust: 95, sourceCategory: 'regulator', sourceOwner: 'Federal Trade Commission' });
    const result = assessEvent([reuters, regulatorAboutOthers], noReviews);
    expect(result.claims.find((c) => c.structure.predicate === 'sued')?.status).not.toBe('confirmed');
    const own = article({ text: 'The New York State Attorney General is investigating WeWork and its former chief executive.', sourceName: 'New York State Attorney General', sourceTrust: 95, sourceCategory: 'regulator', sourceOwner: 'New York State Attorney General' });
    expect(investigation(assessEvent([reuters, own], noReviews)).status).toBe('confirmed');
  });

  it('keeps an analyst verdict through recomputation and flags the disagreement', () => {
    const reuters = article({ text: scoop, sourceName: 'Reuters', sourceTrust: 90, sourceCategory: 'wire', origin: 'Reuters' });
    const first = investigation(assessEvent([reuters], noReviews));
    const reviews = new Map([[first.key, [{ status: 'refuted' as const, note: 'the office says no inquiry', reviewer: 'analyst1', createdAt: new Date('2019-11-20T00:00:00Z') }]]]);
    const again = investigation(assessEvent([reuters, article({ text: rewrite, sourceName: 'Relay', sourceTrust: 60, origin: 'Reuters' })], reviews));
    expect(again.status).toBe('refuted');
    expect(again.explanation.some((e) => e.factor === 'review_conflict' && /evidence now says single_origin/.test(e.detail))).toBe(true);
  });
});

describe('a claim that names no one', () => {
  // Two reports of one crash (constructed from the shape of the MH370 reports): the count
  // sentences name no one, and each article is about Boeing.
  const report = (count: string, wording: string) =>
    `Boeing said on Monday it had lost contact with a test aircraft over the Pacific. Boeing confirmed on Tuesday that the aircraft had left Seattle on March 8. ${wording} with ${count} people on board.`;
  it('is matched with the same claim of another article about the same entity, and says so', () => {
    const a = article({ text: report('12', 'The plane disappeared four hours after take-off'), sourceName: 'Daily A', sourceTrust: 60 });
    const b = article({ text: report('12', 'The jet vanished four hours after take-off'), sourceName: 'Daily B', sourceTrust: 60 });
    const claims = assessEvent([a, b], noReviews).claims;
    const count = claims.find((c) => /people on board/.test(c.text))!;
    expect(count.structure.subject).toBeNull();
    expect(new Set(count.evidence.map((e) => e.articleId)).size).toBe(2);
    expect(count.explanation.find((f) => f.factor === 'about')?.detail).toMatch(/about Boeing/);
  });
  it('is disputed by the other article when the head counts disagree', () => {
    const a = article({ text: report('12', 'The plane disappeared four hours after take-off'), sourceName: 'Daily A', sourceTrust: 60 });
    const b = article({ text: report('40', 'The jet vanished four hours after take-off'), sourceName: 'Daily B', sourceTrust: 60 });
    const count = assessEvent([a, b], noReviews).claims.find((c) => /12 people on board/.test(c.text))!;
    expect(count.evidence.find((e) => e.articleId === b.id)?.stance).toBe('denies');
    expect(count.status).toBe('disputed');
  });
});
