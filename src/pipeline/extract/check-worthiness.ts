// Whether a sentence is a check-worthy claim, as a score: a logistic model over a few general
// sentence features (what the sentence states, who says so, in whose voice, and what kind of
// article it is in), with weights fitted on the development part of the labelled claims set only
// (eval/claims-fit.ts writes check-worthiness-weights.json; the test part is never seen by the
// fit). The hard rules of claims.ts (questions, headings, advertising, non-answers, quote tails,
// the writer's modal guesses) still decide first; the model weighs the softer signals
// (evaluation, first person, quotes, facts stated, sourcing, a product page) against each other,
// which fixed rules cannot do without being fitted to the phrases they were written for.
import { readFileSync } from 'node:fs';
import type { ClaimStructure } from './claim-structure';

// Cue lists are general English, not phrases of any labelled article. The model weighs a few
// broad marks only (what kind of statement, from whom, in what kind of article): with 38 features,
// word-level cues among them, the fit did no better on held-out dev articles and worse on others.
const FIRST_OR_SECOND_PERSON = /\b(?:I|we|my|our|us|you|your|me)\b/;
// Subjective words (in the manner of the MPQA subjectivity lexicon's strong cues): the writer's evaluation.
const EVALUATIVE = new RegExp(
  String.raw`\b(?:great|greatest|best|worst|amazing|awesome|incredible|gorgeous|beautiful|stylish|stunning|brilliant|excellent|fantastic|wonderful|terrible|awful|horrible|impressive|remarkabl[ey]|striking(?:ly)?|perfect|lovely|nice|cool|fun|exciting|disappointing|mixed|unfortunately|fortunately|sadly|happily|surprisingly|unsurprisingly|interestingly|ironically|obviously|clearly|genuinely|frankly|arguably|certainly|truly|really|simply|essentially|basically|no doubt|of course|in fact|indeed|love|loved|hate|enjoy|favou?rite|worth|must-have|consistent|slim|significant(?:ly)?|huge|massive|tough|hard|easy|better|worse|` +
    // The writer's judgement of a deed or a feeling ascribed to someone: "rightly repelled", "far too
    // little, too late", "extremely proud", "expressed confidence". Descriptive epithets of news
    // ("the popular dance competition", "the embattled 737 Max") are not judgements and stay out.
    String.raw`rightly|wrongly|unacceptabl[ey]|disturbing|troubling|alarming(?:ly)?|shocking|crucial|vital|much-needed|sexy|unmistakabl[ey]|handsome|luxurious|sophisticated|proud|pleased|confident|confidence|thrilled|delighted|dramatic(?:ally)?|rife|implausib\w*|absurd|ridiculous|bizarre|odd|strange|weird|sad|shame|outrageous|notorious|lofty|revolutionary|mundane|too little|too late|extremely|incredibly|absolutely|totally|hardly|hopefully|thankfully|luckily|superb|outstanding|excessive|brutal(?:ity)?|sordid|catastrophic|epic|priceless|ridicule|derision|disgust)\b`,
  'i',
);
const PAST_OR_PERFECT = /\b(?:was|were|had|has been|have been|did|said|told|took|gave|made|found|won|lost|beat|left|came|went|became|held|fell|rose|grew|paid|sent|met|ran|hit|\p{Ll}{3,}ed)\b/u;
const REPORTING_VERB = /\b(?:said|says|told|tells|reported|reports|announced|confirmed|stated|according to|wrote|added|denied|disclosed|revealed|cited|citing)\b/i;
// Time anchors of news: a weekday, "last week", "this year", "on Tuesday", "earlier this month".
const TIME_ANCHOR = /\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tonight|last (?:week|month|year|night)|this (?:week|month|year|morning)|earlier (?:this|today)|(?:jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2})\b/i;
const NUMBER = /\d/;
// Parts and specifications of a product: a review or a launch page describes them sentence after
// sentence, and a description of a product is no claim to check.
const PRODUCT_SPEC = /\b(?:features|featuring|comes? (?:with|standard)|equipped|boasts|powered by|keyboard|screen|display|roof|suspension|wheels|battery|engine|seats|seating|cabin|interior|grille|headlights?|taillights?|processor|storage|horsepower|torque|mph|\d+-inch|inches|trims?|bumper|diffuser|speakers?|earbuds|chassis|coupe|wagon|LED)\b/i;

const unquote = (text: string) => text.replace(/[“"][^”"]*[”"]/g, ' ');

/** What the feature function reads besides the sentence itself. */
export interface SentenceSignals {
  structure: ClaimStructure;
  attributed: boolean;
  /** What the whole article is like (see articleSignals). */
  article: ArticleSignals;
}
// Hedging, the sentence's position and the fixed rules' verdicts were weighed once and did not
// help on held-out articles: the features leave them out.

/** Shares of an article's sentences with the marks of news and of personal writing. */
export interface ArticleSignals {
  sentences: number;
  pastShare: number;
  personalShare: number;
  productShare: number;
}

/** The article-level signals of its sentences: a review or a deals list reads differently from a report. */
export function articleSignals(sentences: string[]): ArticleSignals {
  let past = 0;
  let personal = 0;
  let product = 0;
  for (const sentence of sentences) {
    const unquoted = unquote(sentence);
    if (PAST_OR_PERFECT.test(unquoted)) past++;
    if (FIRST_OR_SECOND_PERSON.test(unquoted)) personal++;
    if (PRODUCT_SPEC.test(unquoted)) product++;
  }
  const n = sentences.length || 1;
  return { sentences: sentences.length, pastShare: past / n, personalShare: personal / n, productShare: product / n };
}

/** Feature names, in the order of the vector (the weights file keys its weights by these names). */
export const FEATURE_NAMES = [
  'numberOrTime',
  'sourced',
  'pastOrPerfect',
  'firstOrSecondPerson',
  'evaluative',
  'quotedShare',
  'articlePast',
  'articlePersonal',
  'articleProduct',
] as const;
export type FeatureName = (typeof FEATURE_NAMES)[number];

/** The feature vector of one sentence (values in [0, 1], ordered as FEATURE_NAMES). */
export function checkWorthinessFeatures(text: string, signals: SentenceSignals): number[] {
  const { structure } = signals;
  const unquoted = unquote(text);
  const quotedShare = text.length ? 1 - unquoted.trim().length / text.length : 0;
  const values: Record<FeatureName, number> = {
    // A fact someone could look up: an amount, a date, a figure outside quotes or a time anchor.
    numberOrTime: Number(structure.amounts.length > 0 || structure.dates.length > 0 || NUMBER.test(unquoted) || TIME_ANCHOR.test(text)),
    // Who says so: an attribution the extractor found, or a reporting verb with an unnamed source.
    sourced: Number(signals.attributed || REPORTING_VERB.test(unquoted)),
    pastOrPerfect: Number(PAST_OR_PERFECT.test(unquoted)),
    firstOrSecondPerson: Number(FIRST_OR_SECOND_PERSON.test(unquoted)),
    evaluative: Number(EVALUATIVE.test(unquoted)),
    quotedShare: Math.max(0, Math.min(1, quotedShare)),
    articlePast: signals.article.pastShare,
    articlePersonal: signals.article.personalShare,
    articleProduct: signals.article.productShare,
  };
  return FEATURE_NAMES.map((name) => values[name]);
}

/** The stored model: weights by feature name, a bias and the decision threshold, with how they were produced. */
export interface CheckWorthinessModel {
  about: string;
  bias: number;
  threshold: number;
  weights: Record<string, number>;
}

let model: { bias: number; threshold: number; weights: number[] } | undefined;
function loadModel() {
  if (model) return model;
  const stored = JSON.parse(readFileSync(new URL('./check-worthiness-weights.json', import.meta.url), 'utf8')) as CheckWorthinessModel;
  // A feature missing from the file weighs nothing; a file naming an unknown feature is out of date.
  const unknown = Object.keys(stored.weights).filter((name) => !(FEATURE_NAMES as readonly string[]).includes(name));
  if (unknown.length) throw new Error(`check-worthiness-weights.json names unknown features: ${unknown.join(', ')}`);
  model = { bias: stored.bias, threshold: stored.threshold, weights: FEATURE_NAMES.map((name) => stored.weights[name] ?? 0) };
  return model;
}

/**
 * Replaces the stored model until called again without one (the fit scores each held-out article
 * through the extractor with the model of its fold); undefined goes back to the stored file.
 */
export function useCheckWorthinessModel(replacement?: Pick<CheckWorthinessModel, 'bias' | 'threshold' | 'weights'>): void {
  model = replacement && { bias: replacement.bias, threshold: replacement.threshold, weights: FEATURE_NAMES.map((name) => replacement.weights[name] ?? 0) };
}

/** The probability that a sentence with these features is a check-worthy claim. */
export function checkWorthinessScore(features: number[]): number {
  const { bias, weights } = loadModel();
  let z = bias;
  for (let i = 0; i < features.length; i++) z += weights[i] * features[i];
  return 1 / (1 + Math.exp(-z));
}

/** The score above which a sentence counts as check-worthy (chosen on the development part). */
export function checkWorthinessThreshold(): number {
  return loadModel().threshold;
}
