// Whether a sentence is a check-worthy claim, as a score: a logistic model over general sentence
// features (what the sentence states, how, and where in the article), with weights fitted on the
// development part of the labelled claims set only (eval/claims-fit.ts writes
// check-worthiness-weights.json; the test part is never seen by the fit). The hard rules of
// claims.ts (questions, headings, advertising, non-answers) still decide first; the model weighs
// the softer signals (opinion, background, speculation, quotes, facts stated) against each other,
// which fixed rules cannot do without being fitted to the phrases they were written for.
import { readFileSync } from 'node:fs';
import type { ClaimStructure } from './claim-structure';

// Cue lists are general English, not phrases of any labelled article.
const FIRST_OR_SECOND_PERSON = /\b(?:I|we|my|our|us|you|your|me)\b/;
// Subjective words (in the manner of the MPQA subjectivity lexicon's strong cues): the writer's evaluation.
const EVALUATIVE =
  /\b(?:great|greatest|best|worst|amazing|awesome|incredible|gorgeous|beautiful|stylish|stunning|brilliant|excellent|fantastic|wonderful|terrible|awful|horrible|impressive|remarkabl[ey]|striking(?:ly)?|perfect|lovely|nice|cool|fun|exciting|disappointing|mixed|unfortunately|fortunately|sadly|happily|surprisingly|unsurprisingly|interestingly|ironically|obviously|clearly|genuinely|frankly|arguably|certainly|truly|really|simply|essentially|basically|no doubt|of course|in fact|indeed|love|loved|hate|enjoy|favou?rite|worth|must-have|consistent|slim|significant(?:ly)?|huge|massive|tough|hard|easy|better|worse)\b/i;
const FEELING = /\b(?:feel|felt|think|thought|believe|hope|want|wanted|deserved?|proud|happy|sad|disappointed|excited|love|loved|sorry)\b/i;
const MODAL_OR_FUTURE = /\b(?:will|would|could|might|may|should|shall|must|ought to|plans? to|expects? to|aims? to|hopes? to|wants? to|is (?:set|going|due|expected|likely) to|are (?:set|going|due|expected|likely) to)\b/i;
const PAST_OR_PERFECT = /\b(?:was|were|had|has been|have been|did|said|told|took|gave|made|found|won|lost|beat|left|came|went|became|held|fell|rose|grew|paid|sent|met|ran|hit|\p{Ll}{3,}ed)\b/u;
const REPORTING_VERB = /\b(?:said|says|told|tells|reported|reports|announced|confirmed|stated|according to|wrote|added|denied|disclosed|revealed|cited|citing)\b/i;
// Time anchors of news: a weekday, "last week", "this year", "on Tuesday", "earlier this month".
const TIME_ANCHOR = /\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tonight|last (?:week|month|year|night)|this (?:week|month|year|morning)|earlier (?:this|today)|(?:jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2})\b/i;
const NUMBER = /\d/;
// Commerce and product copy: prices with deals, specifications.
const COMMERCE = /\b(?:deals?|discount(?:ed)?|sale|coupon|price[sd]?|cheaper|off|bundle|refurbs?|retail(?:s|er)?|buy|shop|specs?|features?|comes with|available (?:now|for|at)|in stock|all-time low|black friday|cyber monday)\b/i;
const BACKGROUND = /\b(?:was founded|founded in|is (?:one of|among) the|has long|have long|is known for|is headquartered|is based in|since its founding|historically|for decades|for years|in the past|typically|usually|generally|tend to|tends to)\b/i;
const DEFINITION = /^(?:the\s+)?[\p{Lu}][\p{L}.&-]*(?:\s+[\p{Lu}][\p{L}.&-]*)*\s+(?:is|are)\s+(?:a|an|the)\s/u;
const SPECULATION = /^(?:whether|if|perhaps|maybe|although|while|though)\b|\b(?:may|might|could)\s+(?:well\s+|also\s+|even\s+)?have\b|\b(?:seems?|appears?|looks? like|suggests?)\b/i;
const OPENS_WITH_PRONOUN = /^(?:he|she|they|it|this|that|these|those|his|her|their|its)\b/i;
const NEGATION = /\b(?:not|never|no longer|n't|none|nobody|nothing)\b/i;
const COPULA_ADJECTIVE = /\b(?:is|are|was|were|looks?|feels?|seems?)\s+(?:(?:very|so|quite|pretty|rather|too|more|less|most|still|also|really)\s+)?\p{Ll}+(?:ful|ous|ive|ish|able|ible|al|ic|y)\b/u;
const SUPERLATIVE = /\b(?:most|least|\p{Ll}{3,}est)\b/u;
const ENGLISH_WORDS = /\b(?:the|of|and|to|in|is|was|were|for|on|with|has|have|had|by|at|from|after|its|their)\b/gi;

const unquote = (text: string) => text.replace(/[“"][^”"]*[”"]/g, ' ');

/** What the feature function reads besides the sentence itself. */
export interface SentenceSignals {
  structure: ClaimStructure;
  attributed: boolean;
  hedged: boolean;
  /** Position of the sentence in the article (0 = first). */
  index: number;
  /** What the whole article is like (see articleSignals). */
  article: ArticleSignals;
  /** The verdicts of the fixed rules of claims.ts, weighed here rather than obeyed. */
  rules: Record<'opinionRule' | 'speculationRule' | 'backgroundRule' | 'modalPredicate' | 'statesFact', boolean>;
}

/** Shares of an article's sentences with the marks of news, of personal writing and of shopping copy. */
export interface ArticleSignals {
  sentences: number;
  pastShare: number;
  personalShare: number;
  commerceShare: number;
}

const PRICE = /[$€£¥]\s?\d/;

/** The article-level signals of its sentences: a review or a deals list reads differently from a report. */
export function articleSignals(sentences: string[]): ArticleSignals {
  let past = 0;
  let personal = 0;
  let commerce = 0;
  for (const sentence of sentences) {
    const unquoted = unquote(sentence);
    if (PAST_OR_PERFECT.test(unquoted)) past++;
    if (FIRST_OR_SECOND_PERSON.test(unquoted)) personal++;
    if (PRICE.test(sentence) && COMMERCE.test(sentence)) commerce++;
  }
  const n = sentences.length || 1;
  return { sentences: sentences.length, pastShare: past / n, personalShare: personal / n, commerceShare: commerce / n };
}

/** Feature names, in the order of the vector (the weights file keys its weights by these names). */
export const FEATURE_NAMES = [
  'registrySubject',
  'candidateSubject',
  'noSubject',
  'predicate',
  'objects',
  'amount',
  'date',
  'timeAnchor',
  'number',
  'pastOrPerfect',
  'reportingVerb',
  'attributed',
  'hedged',
  'modalOrFuture',
  'firstOrSecondPerson',
  'evaluative',
  'quotedShare',
  'quotedPersonal',
  'commerce',
  'background',
  'definition',
  'speculation',
  'opensWithPronoun',
  'negation',
  'copulaAdjective',
  'superlative',
  'lead',
  'position',
  'length',
  'nonEnglish',
  'articlePast',
  'articlePersonal',
  'articleCommerce',
  'opinionRule',
  'speculationRule',
  'backgroundRule',
  'modalPredicate',
  'statesFact',
] as const;
export type FeatureName = (typeof FEATURE_NAMES)[number];

/** The feature vector of one sentence (values in [0, 1], ordered as FEATURE_NAMES). */
export function checkWorthinessFeatures(text: string, signals: SentenceSignals): number[] {
  const { structure } = signals;
  const unquoted = unquote(text);
  const words = text.split(/\s+/).filter(Boolean).length;
  const quotedShare = text.length ? 1 - unquoted.trim().length / text.length : 0;
  const englishWords = (text.match(ENGLISH_WORDS) ?? []).length;
  const quoted = text.match(/[“"][^”"]*[”"]/g) ?? [];
  const values: Record<FeatureName, number> = {
    registrySubject: Number(structure.subject !== undefined && !structure.subject.candidate),
    candidateSubject: Number(structure.subject?.candidate === true),
    noSubject: Number(structure.subject === undefined),
    predicate: Number(structure.predicate !== undefined),
    objects: Math.min(structure.objects.length, 3) / 3,
    amount: Number(structure.amounts.length > 0),
    date: Number(structure.dates.length > 0),
    timeAnchor: Number(TIME_ANCHOR.test(text)),
    number: Number(NUMBER.test(unquoted)),
    pastOrPerfect: Number(PAST_OR_PERFECT.test(unquoted)),
    reportingVerb: Number(REPORTING_VERB.test(unquoted)),
    attributed: Number(signals.attributed),
    hedged: Number(signals.hedged),
    modalOrFuture: Number(MODAL_OR_FUTURE.test(unquoted)),
    firstOrSecondPerson: Number(FIRST_OR_SECOND_PERSON.test(unquoted)),
    evaluative: Number(EVALUATIVE.test(unquoted)),
    quotedShare: Math.max(0, Math.min(1, quotedShare)),
    // "“We deserved it,” the coach said": a speaker's feelings, not a fact they report.
    quotedPersonal: Number(quoted.some((q) => FIRST_OR_SECOND_PERSON.test(q) && (EVALUATIVE.test(q) || MODAL_OR_FUTURE.test(q) || FEELING.test(q)))),
    commerce: Number(COMMERCE.test(text)),
    background: Number(BACKGROUND.test(unquoted)),
    definition: Number(DEFINITION.test(unquoted.trim())),
    speculation: Number(SPECULATION.test(unquoted.trim())),
    opensWithPronoun: Number(OPENS_WITH_PRONOUN.test(text)),
    negation: Number(NEGATION.test(unquoted)),
    copulaAdjective: Number(COPULA_ADJECTIVE.test(unquoted)),
    superlative: Number(SUPERLATIVE.test(unquoted)),
    lead: Number(signals.index < 3),
    position: Math.min(signals.index, 20) / 20,
    length: Math.min(words, 60) / 60,
    nonEnglish: Number(words >= 8 && englishWords < 2),
    articlePast: signals.article.pastShare,
    articlePersonal: signals.article.personalShare,
    articleCommerce: signals.article.commerceShare,
    opinionRule: Number(signals.rules.opinionRule),
    speculationRule: Number(signals.rules.speculationRule),
    backgroundRule: Number(signals.rules.backgroundRule),
    modalPredicate: Number(signals.rules.modalPredicate),
    statesFact: Number(signals.rules.statesFact),
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
