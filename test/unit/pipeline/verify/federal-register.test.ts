// News claims about a rule matched to its Federal Register document, on the real documents of
// RIN 0938-AV34 (CMS's fiscal 2025 hospital inpatient payment rule: proposed rule, its correction,
// final rule, its correction; test/fixtures/regulatory/federal-register/fr_term_0938-AV34.json,
// origin in that folder's MANIFEST) parsed by the real parser. The news sentences are
// constructed: the corpus holds no news article about these rules. Trusts are invented.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseFederalRegister } from '../../../../src/pipeline/fetch/parse-federal-register';
import { extractClaims } from '../../../../src/pipeline/extract/claims';
import { findEntities } from '../../../../src/text/gazetteer';
import { assessEvent, type EventArticle } from '../../../../src/pipeline/verify/verify-event';
import { identifiersIn, matchRegisterDocument, registerDocumentOf, type RegisterDocument } from '../../../../src/pipeline/verify/federal-register';

const feed = parseFederalRegister(readFileSync(new URL('../../../fixtures/regulatory/federal-register/fr_term_0938-AV34.json', import.meta.url), 'utf8'), 'https://www.federalregister.gov/api/v1/documents.json');
const documents = new Map(feed.items.map((item) => [item.guid, item]));
const doc = (number: string): RegisterDocument => {
  const item = documents.get(number)!;
  return registerDocumentOf(item.title, item.summary, item.extra, item.publishedAt)!;
};
const claimOf = (text: string) => extractClaims(text, { entityNames: findEntities(text).map((m) => m.name) })[0];

const FINAL = 'The Centers for Medicare & Medicaid Services finalized its fiscal year 2025 hospital inpatient prospective payment system rates and policy changes for acute care hospitals.';
const PROPOSED = 'The Centers for Medicare & Medicaid Services proposed fiscal year 2025 rates for the hospital inpatient prospective payment system and the long-term care hospital payment system.';

describe('Federal Register matching', () => {
  it('reads identifiers the way news and documents write them', () => {
    expect(identifiersIn('the rule (RIN 0938-AV34), Docket No. EPA-HQ-OAR-2021-0317, amending 40 CFR part 60 (FR Doc. 2024-17021)')).toEqual({
      rins: ['0938-AV34'],
      dockets: ['EPA-HQ-OAR-2021-0317'],
      cfrParts: ['40 CFR 60'],
      documentNumbers: ['2024-17021'],
    });
  });

  it('matches a final-rule claim to the final rule, not the proposal or the corrections', () => {
    const claim = claimOf(FINAL);
    expect(claim).toMatchObject({ subject: { key: 'us-cms' }, predicate: 'approved' });
    const news = new Date('2024-08-01T20:00:00Z');
    const matched = ['2024-07567', '2024-12164', '2024-17021', '2024-22501', '2024-23737'].filter((n) => matchRegisterDocument(claim, news, doc(n)));
    expect(matched).toEqual(['2024-17021']);
    expect(matchRegisterDocument(claimOf(PROPOSED), new Date('2024-04-11T12:00:00Z'), doc('2024-07567'))?.reasons.join('; ')).toMatch(/agency Centers for Medicare & Medicaid Services; action: Proposed rule\. states "proposed"; shares the document's words/);
  });

  it('lets identifiers decide, and refuses another agency or a date far from the news', () => {
    const news = new Date('2024-08-01T20:00:00Z');
    expect(matchRegisterDocument(claimOf(`${FINAL.slice(0, -1)} under RIN 0938-AV34.`), news, doc('2024-17021'))?.reasons).toContain('RIN 0938-AV34');
    expect(matchRegisterDocument(claimOf(`${FINAL.slice(0, -1)} under RIN 0938-AV99.`), news, doc('2024-17021'))).toBeUndefined();
    const epa = claimOf('The Environmental Protection Agency finalized fiscal year 2025 hospital inpatient prospective payment system rates for acute care hospitals.');
    expect(matchRegisterDocument(epa, news, doc('2024-17021'))).toBeUndefined();
    expect(matchRegisterDocument(claimOf(FINAL), new Date('2023-08-01T20:00:00Z'), doc('2024-17021'))).toBeUndefined();
  });
});

let id = 0;
function article(over: Partial<EventArticle> & { sourceName: string; sourceTrust: number }): EventArticle {
  id++;
  return {
    id,
    title: '',
    summary: null,
    extra: null,
    origin: null,
    claimCandidates: [],
    duplicateOf: null,
    articleType: 'report',
    ownSourcing: false,
    publishedAt: new Date('2024-08-01T20:00:00Z'),
    fetchedAt: new Date('2024-08-01T21:00:00Z'),
    sourceId: `s${id}`,
    sourceCategory: 'news',
    sourceOwner: `${over.sourceName} owner`,
    ...over,
  } as EventArticle;
}
const news = () => article({ sourceName: 'Health Daily', sourceTrust: 60, claimCandidates: extractClaims(FINAL, { entityNames: [] }) as EventArticle['claimCandidates'] });
const registerArticle = (number: string, over: Partial<RegisterDocument & { action: string }> = {}) => {
  const item = documents.get(number)!;
  return article({ sourceName: 'Federal Register: CMS', sourceTrust: 95, sourceCategory: 'regulator', sourceOwner: 'Office of the Federal Register', title: item.title, extra: { ...item.extra, ...over }, publishedAt: item.publishedAt });
};
const ruleClaim = (result: ReturnType<typeof assessEvent>) => result.claims.find((c) => c.structure.predicate === 'approved')!;

describe('a Federal Register document as evidence (assessEvent)', () => {
  it('confirms a news claim about the rule it states, and says which document and why', () => {
    expect(ruleClaim(assessEvent([news()], new Map())).status).not.toBe('confirmed');
    const final = registerArticle('2024-17021');
    const claim = ruleClaim(assessEvent([news()], new Map(), [registerArticle('2024-07567'), final, registerArticle('2024-22501')]));
    expect(claim.status).toBe('confirmed');
    expect(claim.evidence.find((e) => e.articleId === final.id)).toMatchObject({ primary: true, stance: 'supports' });
    expect(claim.explanation.map((e) => e.detail).join('\n')).toMatch(/FR Doc\. 2024-17021 \(Final rule\., 2024-08-28\) states it: agency Centers for Medicare & Medicaid Services/);
    expect(claim.explanation.map((e) => e.detail).join('\n')).toMatch(/corrected by FR Doc\. 2024-22501 \(2024-10-02\)/);
  });

  it('takes the confirmation back when a later document withdraws the rule (constructed withdrawal)', () => {
    const withdrawal = registerArticle('2024-22765', { action: 'Final rule; withdrawal.', documentNumber: '2024-99999' } as never);
    const claim = ruleClaim(assessEvent([news()], new Map(), [registerArticle('2024-17021'), withdrawal]));
    expect(claim.status).not.toBe('confirmed');
    expect(claim.explanation.map((e) => e.detail).join('\n')).toMatch(/FR Doc\. 2024-17021 was withdrawn by FR Doc\. 2024-99999 \(2024-10-03\): it no longer confirms/);
  });
});
