import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assessSentences, extractClaims } from '../../../../src/pipeline/extract/claims';
import { articleSignals, checkWorthinessScore, checkWorthinessThreshold, FEATURE_NAMES, useCheckWorthinessModel } from '../../../../src/pipeline/extract/check-worthiness';
import { fitModel } from '../../../../eval/claims-fit';

const stored = JSON.parse(readFileSync(new URL('../../../../src/pipeline/extract/check-worthiness-weights.json', import.meta.url), 'utf8'));

// Sentences of one real report (the Reuters WeWork story, test/fixtures/extract) and of a deals page.
const articles = JSON.parse(readFileSync(new URL('../../../fixtures/extract/benchmark-articles.json', import.meta.url), 'utf8')).articles as Record<string, { articleBody: string }>;
const body = (prefix: string) => Object.entries(articles).find(([id]) => id.startsWith(prefix))![1].articleBody;
const scored = (text: string) =>
  assessSentences(text, { entityNames: [] }).map((a) => ({ sentence: a.sentence, refused: a.refused, score: a.features ? checkWorthinessScore(a.features) : 0 }));

describe('check-worthiness model', () => {
  it('weighs every feature it computes, and the stored file names only those', () => {
    expect(Object.keys(stored.weights).sort()).toEqual([...FEATURE_NAMES].sort());
    expect(stored.about).toMatch(/dev part/);
    expect(checkWorthinessThreshold()).toBe(stored.threshold);
  });

  it('is what a refit on the dev part gives (the weights file is reproducible)', () => {
    const refit = fitModel();
    expect(refit.threshold).toBe(stored.threshold);
    expect(refit.bias).toBeCloseTo(stored.bias, 3);
    for (const name of FEATURE_NAMES) expect(refit.weights[name]).toBeCloseTo(stored.weights[name], 3);
  }, 60_000);

  it('scores a reported fact above the writer’s view in one real article', () => {
    const text = body('06e5123e');
    const sentences = scored(text);
    const fact = sentences.find((s) => s.sentence.startsWith('SoftBank agreed to inject $6.5 billion'));
    expect(fact!.score).toBeGreaterThanOrEqual(checkWorthinessThreshold());
    const view = scored(`${text} I think this is a genuinely remarkable turnaround and we love it.`).pop()!;
    expect(view.score).toBeLessThan(checkWorthinessThreshold());
  });

  it('reads a dated, sourced report and the writer’s evaluation apart with its few general features', () => {
    const text = body('06e5123e');
    const feature = (sentence: string, name: (typeof FEATURE_NAMES)[number]) =>
      assessSentences(`${text} ${sentence}`, { entityNames: [] }).pop()!.features![FEATURE_NAMES.indexOf(name)];
    const report = 'Regulators said on Tuesday that the company had paid a fine.';
    expect([feature(report, 'numberOrTime'), feature(report, 'sourced'), feature(report, 'evaluative')]).toEqual([1, 1, 0]);
    const view = 'Honestly, the new offices look amazing.';
    expect([feature(view, 'numberOrTime'), feature(view, 'sourced'), feature(view, 'evaluative')]).toEqual([0, 0, 1]);
  });

  it('reads the writer’s judgement of a deed or a feeling as evaluation, not a descriptive epithet of news', () => {
    const text = body('06e5123e');
    const evaluative = (sentence: string) => assessSentences(`${text} ${sentence}`, { entityNames: [] }).pop()!.features![FEATURE_NAMES.indexOf('evaluative')];
    // A Guardian editorial on Hong Kong and a Sputnik column on Prince Andrew (the claims set's dev-b part).
    expect(evaluative('The withdrawal of the bill was far too little, too late.')).toBe(1);
    expect(evaluative('Though many remain peaceful, a radical minority of protesters have responded with unacceptable violence.')).toBe(1);
    expect(evaluative('The answers he gave to the BBC interviewer were rife with implausibilities and contradictions.')).toBe(1);
    // A CNBC report on Emirates' Boeing order (dev-b).
    expect(evaluative('Boeing also managed to attract bids for some 60 of the embattled 737 Max jet from Turkish-based carrier SunExpress.')).toBe(0);
  });

  it('tells a page describing a product’s parts from a report by the share of its sentences that name them', () => {
    // Sentences of a SlashGear page on the Audi e-tron Sportback (the claims set's dev-b part).
    const audi = [
      'At the front, there’s Audi’s familiar Singleframe grille, with vertical struts in light platinum gray.',
      'It’s flanked by new digital matrix LED lights, the individual pixels of which can be more specifically controlled.',
      'Audi will have an S line model, which has 20-inch wheels and sport air suspension as standard.',
    ];
    expect(articleSignals(audi).productShare).toBe(1);
    const { productShare } = articleSignals(assessSentences(body('06e5123e'), { entityNames: [] }).map((a) => a.sentence));
    expect(productShare).toBeLessThan(0.1);
    expect(stored.weights.articleProduct).toBeLessThan(0);
  });

  it('decides by a replacement model until the stored one is restored', () => {
    const [fact] = scored('SoftBank agreed to inject $6.5 billion in debt and equity into WeWork on Tuesday, Reuters reported. It was the largest rescue of the year. Shares fell.');
    expect(fact.score).toBeGreaterThanOrEqual(checkWorthinessThreshold());
    try {
      useCheckWorthinessModel({ bias: -10, threshold: 0.5, weights: {} });
      expect(checkWorthinessThreshold()).toBe(0.5);
      expect(scored('SoftBank agreed to inject $6.5 billion in debt and equity into WeWork on Tuesday, Reuters reported.')[0].score).toBeLessThan(0.5);
    } finally {
      useCheckWorthinessModel();
    }
    expect(checkWorthinessThreshold()).toBe(stored.threshold);
  });

  it('refuses a quoted feeling outright, and keeps a quoted statement of fact to weigh', () => {
    const [feeling] = scored('“We were the better side for 90 minutes and we deserved it,” Croatia’s coach said on Tuesday.');
    expect(feeling.refused).toBe('quoted feeling');
    const [statement] = scored('“We received an inquiry from the office of the New York State Attorney General and are cooperating in the matter,” said a WeWork spokesperson.');
    expect(statement.refused).toBeUndefined();
  });

  it('judges a text of a sentence or two (a feed summary) by the fixed rules: it has no article signals to weigh', () => {
    expect(extractClaims('The New York State Attorney General is investigating WeWork.', { entityNames: [] })).toHaveLength(1);
    expect(extractClaims('Regulators should look hard at this deal between Amazon and Anthropic.', { entityNames: [] })).toEqual([]);
  });
});
