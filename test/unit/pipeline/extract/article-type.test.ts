import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { articleTypeOf, hasOwnSourcing, originates } from '../../../../src/pipeline/extract/article-type';

const articles = JSON.parse(readFileSync(new URL('../../../fixtures/extract/benchmark-articles.json', import.meta.url), 'utf8')).articles as Record<
  string,
  { articleBody: string }
>;
const body = (prefix: string) => Object.entries(articles).find(([id]) => id.startsWith(prefix))![1].articleBody;

describe('articleTypeOf', () => {
  it('reads real news reports as reports (Reuters via VentureBeat, TechCrunch, SpaceNews)', () => {
    for (const id of ['06e5123e', '1ace8c85', 'd1c57d78']) expect(articleTypeOf({ title: 'A news story', text: body(id) })).toBe('report');
  });

  it('takes the source and the title’s own words (constructed titles)', () => {
    expect(articleTypeOf({ title: 'Federal Register notice', text: 'Rule text.', officialRegister: true })).toBe('official_document');
    expect(articleTypeOf({ title: 'Opinion: Amazon should let Anthropic go', text: body('06e5123e') })).toBe('analysis');
    expect(articleTypeOf({ title: 'What is Claude? Everything you need to know', text: body('06e5123e') })).toBe('explainer');
    expect(articleTypeOf({ title: 'Acme launches X', text: 'NEW YORK, March 1, 2024 /PRNewswire/ -- Acme (NYSE: ACM) today announced X.' })).toBe('press_release');
    expect(articleTypeOf({ title: 'Morning roundup', text: 'Bloomberg reports A. Reuters reported B. According to Axios, C.' })).toBe('aggregator_summary');
  });

  it('lets only reports, press releases and official documents originate', () => {
    expect(['report', 'press_release', 'official_document'].every((t) => originates(t as never))).toBe(true);
    expect(['analysis', 'explainer', 'aggregator_summary'].some((t) => originates(t as never))).toBe(false);
  });
});

describe('hasOwnSourcing', () => {
  it('sees people who spoke to this outlet, and not a report that only cites another', () => {
    // Real: "said a WeWork spokesperson when contacted by Reuters" is Reuters' own sourcing.
    expect(hasOwnSourcing('The company confirmed the inquiry, a spokesperson told Reuters on Monday.', ['Reuters'])).toBe(true);
    expect(hasOwnSourcing(body('1ace8c85'), ['TechCrunch'])).toBe(false);
    expect(hasOwnSourcing('Documents reviewed by The Verge show the plan.', ['The Verge'])).toBe(true);
  });
});
