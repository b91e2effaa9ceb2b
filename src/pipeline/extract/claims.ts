// Claims: check-worthy factual statements, with their structure, and when two articles make the
// same one.
//
// A sentence is refused outright when it is a question, imperative, heading, advertising, a
// non-answer or a speaker's quoted feelings; every other sentence is weighed by the
// check-worthiness model (check-worthiness.ts), which takes the fixed rules' verdicts (opinion,
// speculation, background, a guessed action, a stated fact) as evidence among others. A claim says
// who (a registry entity, or a proper name the registry lacks) did what (a predicate of
// CLAIM_PREDICATES) when it names anyone; a checkable fact naming no one ("A search of the vehicle
// yielded nearly 30 grams of methamphetamine") is a claim all the same. Outlets are never subjects:
// "told Reuters" says who reported, not what happened. The headline counts when it states a claim
// (by the fixed rules: the model knows body sentences), then sentences in order (news leads with
// its main claims), at most MAX_CLAIMS_PER_ARTICLE with a subject (and as many naming no one),
// each claim once.
import { createHash } from 'node:crypto';
import { loadGazetteer } from '../../text/gazetteer';
import { meaningSimilarity } from '../../text/meaning';
import { splitSentences } from '../../text/sentences';
import { contentTerms, normalizeText, termWeight } from '../../text/tokens';
import { findAttribution, type Attribution } from './attribution';
import type { Stance } from '../../vocabulary';
import { hedgeOf, stanceOf, type HedgeStrength } from './hedging';
import { articleSignals, checkWorthinessFeatures, checkWorthinessScore, checkWorthinessThreshold, type ArticleSignals } from './check-worthiness';
import { amountsCompatible, claimStructure, datesCompatible, predicateOf, relateStructures, type ClaimEntity, type ClaimStructure, type StructureRelation } from './claim-structure';
import { textMemo } from '../../text/remembered';


export interface ClaimCandidate extends ClaimStructure {
  /** The claim as shown: the sentence without dateline. */
  text: string;
  /** Lower-cased, accent-folded, punctuation-free text (for search and display matching). */
  normalized: string;
  /** The sentence exactly as it appeared. */
  sentence: string;
  hedged: boolean;
  /** The hedge cues and their strongest strength, when the claim is stated with reservation. */
  hedge?: { cues: string[]; strength: HedgeStrength };
  stance: Stance;
  attribution?: Attribution;
  /** Registry keys of the entities named; names the registry lacks are keyed by their slug. */
  entityKeys: string[];
  /** Of a claim that names no one: the article's main entity, whom the claim is taken to be about ("The plane disappeared"). */
  about?: ClaimEntity;
}

export interface ExtractClaimsOptions {
  title?: string;
  /** Names of the article's entities; when given, a claim must name one of them. */
  entityNames: string[];
  /** Cap on claims per article (default MAX_CLAIMS_PER_ARTICLE). */
  max?: number;
  /** Names the tagger found that the registry lacks: quoted speakers among them attribute claims (see findAttribution). */
  taggedNames?: string[];
  /** Outlets the article names: "the Chronicle" later in it is one of them (see findAttribution). */
  outletNames?: string[];
}

export const MAX_CLAIMS_PER_ARTICLE = 8;
const MIN_WORDS = 5;
const MAX_WORDS = 60;
// The lead: the sentences that may restate the headline with its attribution.
const LEAD_SENTENCES = 3;
// Below this many sentences a text is judged by the fixed rules (see candidateFrom).
const SHORT_TEXT_SENTENCES = 3;

const BOILERPLATE =
  /\b(?:subscribe|sign up|newsletter|click here|cookies?|all rights reserved|read more|follow us|advertisement|sponsored|promo code|coupon|free trial|buy now|shop now|learn more|register (?:now|today|here)|download (?:the|our)|terms of (?:use|service)|privacy policy|share this|reporting by|editing by|writing by|contributed reporting|getty images|photo credit|image credit|compensated by|affiliate links?|#ad)\b|^©|^\(?(?:photo|image|credit)\b/i;
// Non-answers are not claims about the story.
const NON_CLAIM = /\b(?:declined to comment|did not (?:immediately )?(?:respond|reply|return)|could not be reached|no immediate comment|had no comment|not immediately available)\b/i;
const DATELINE = /^\s*(?:[\p{Lu}][\p{Lu}\p{Ll} .,'-]*\s)?\((?:Reuters|AP|AFP|Bloomberg|Xinhua|dpa|Associated Press)\)\s*[-—–:]\s*|^\s*[\p{Lu}][\p{Lu} .,'-]{2,}\s+[—–-]\s+/u;

// Not check-worthy, each with the reason an analyst would give. Quoted speech is removed first:
// "We received an inquiry," said a spokesperson is a statement by the company, not the writer's opinion.
const NOT_CHECK_WORTHY: [string, RegExp][] = [
  // "Watch whether…", "Consider…", "Don't miss…": the writer addresses the reader.
  ['imperative', /^(?:watch|consider|note|imagine|remember|look|see|keep|read|join|follow|check|try|find out|learn|visit|contact|call|email|share|get|let's|let us|don't|do not|make sure|expect)\b/i],
  // Speculation opens with its doubt, or guesses at the past ("may have been raised"); a modal
  // governing the claim's own verb is checked against the predicate in candidateFrom.
  ['speculation', /^(?:whether|if|perhaps|maybe)\b|\b(?:may|might|could)\s+(?:well\s+|also\s+|even\s+)?have\s+(?:been\s+)?\w+/i],
  // The writer's view: normative or evaluative, first person outside quotes, open questions.
  ['opinion', /\b(?:I|we|my|our|us)\b(?![^"“”]*[”"])|\b(?:should|ought to|must|needs? to)\b|\b(?:open question|remains to be seen|it is unclear|it's unclear|time will tell|arguably|in my view|frankly|obviously|clearly|genuinely|ironically|remarkabl[ey]|striking(?:ly)?|of course)\b/],
  // Standing facts that frame the story without being news ("X is one of the largest…", "founded in 2010").
  ['background', /\b(?:was founded|founded in|is (?:one of|among) the|has long (?:been)?|have long|is known for|is headquartered|is based in|since its founding|historically)\b|^(?:the\s+)?[\p{Lu}][\p{L}.&-]*(?:\s+[\p{Lu}][\p{L}.&-]*)*\s+is\s+(?:a|an)\s/u],
];

const MODAL_BEFORE = /\b(?:may|might|could)\s+(?:(?:well|also|even|soon|eventually|now|still)\s+)?(?:be\s+)?$/i;

/** Every soft reason the fixed rules give against a sentence (the model weighs them, see assessSentence). */
function softReasons(text: string): Set<string> {
  const unquoted = text.replace(QUOTE, ' "" ').trim();
  return new Set(NOT_CHECK_WORTHY.filter(([reason, pattern]) => reason !== 'imperative' && pattern.test(unquoted)).map(([reason]) => reason));
}

/** Why a sentence is not a check-worthy claim, or undefined when it is one. */
export function notCheckWorthy(text: string, { heading = false } = {}): string | undefined {
  if (/\?["'”’)]*$/.test(text)) return 'question';
  if (BOILERPLATE.test(text)) return 'advertising or call to action';
  if (NON_CLAIM.test(text)) return 'non-answer';
  // A body line without closing punctuation is a heading or a caption; the headline is judged on its words.
  // A summary cut off by its feed ("…") is a sentence all the same.
  if (!heading && !/[.!"”’)…]$/.test(text.trim())) return 'heading';
  const unquoted = text.replace(/[“"][^”"]*[”"]/g, ' "" ');
  for (const [reason, pattern] of NOT_CHECK_WORTHY) if (pattern.test(unquoted.trim())) return reason;
  return undefined;
}

// A finite verb in the past or present, the mark of a statement ("Wales beat Hungary", "James
// finished with 25 points"); future, conditional and modal forms are plans or guesses.
const FINITE_VERB = /\b(?:is|are|was|were|has|have|had|did|does|said|says|beat|won|lost|drew|led|left|made|took|gave|got|went|came|became|found|held|kept|ran|sent|set|told|paid|put|hit|fell|rose|grew|saw|met|\p{Ll}{3,}(?:ed|s))\b/u;
const ENGLISH_WORDS = /\b(?:the|of|and|to|in|is|was|were|for|on|with|has|have|had|by|at|from|after|its|their)\b/gi;
const NOT_YET = /\b(?:will|would|could|might|may|should|shall|plans? to|expects? to|aims? to|hopes? to|wants? to|is (?:set|going|due|expected) to)\b/i;

/**
 * Whether a sentence without an action of the vocabulary still states a fact someone could check:
 * a statement (a finite verb, no plan or guess) about its subject carrying a number, a date or a
 * second named party, and not mostly someone's quoted words (a quote is the speaker's view).
 */
function statesFact(text: string, structure: ClaimStructure): boolean {
  const unquoted = text.replace(/[“"][^”"]*[”"]/g, ' ');
  if (unquoted.trim().length < text.length / 2) return false;
  // The cues are English: other languages are left to a reader of them.
  if ((unquoted.match(ENGLISH_WORDS) ?? []).length < 2) return false;
  if (!FINITE_VERB.test(unquoted) || NOT_YET.test(unquoted)) return false;
  return structure.amounts.length > 0 || structure.dates.length > 0 || structure.objects.length > 0 || /\d/.test(unquoted);
}

function wordCount(s: string): number {
  return s.split(/\s+/).filter(Boolean).length;
}

// Reasons no weighing can outweigh: a question, advertising, a non-answer, a heading or an
// address to the reader is never a claim. Opinion, speculation and background are weighed by the
// model with the other signals (see check-worthiness.ts).
const HARD_REASONS = new Set(['question', 'advertising or call to action', 'non-answer', 'heading', 'imperative']);

// "“We were the better side and we deserved it,” the coach said": mostly a speaker's own feelings
// or judgement in their words, which no one can check (a company's quoted statement of fact stays).
const QUOTE = /[“"][^”"]*[”"]/g;
const QUOTED_FEELING = /\b(?:I|we|my|our|me|us)\b[^”"]*\b(?:feel|felt|think|believe|hope|deserved?|proud|happy|disappointed|excited|love|better|best|great|sorry)\b/i;
function isQuotedFeeling(text: string): boolean {
  const quotes = text.match(QUOTE) ?? [];
  const quotedLength = quotes.reduce((n, q) => n + q.length, 0);
  return quotedLength > text.length / 2 && quotes.some((q) => QUOTED_FEELING.test(q));
}

/** One sentence as the check-worthiness model sees it: refused outright, or its features. */
export interface SentenceAssessment {
  sentence: string;
  text: string;
  /** Why the sentence was refused before any weighing (see HARD_REASONS). */
  refused?: string;
  features?: number[];
}

interface Assessed extends SentenceAssessment {
  /** The fixed rules' verdict: no soft reason against it, a subject, and an action or a stated fact, not guessed at. */
  passesRules?: boolean;
  structure?: ClaimStructure;
  attribution?: Attribution;
  hedge?: { cues: string[]; strength: HedgeStrength };
}

function assessSentence(sentence: string, article: ArticleSignals, names: ExtractClaimsOptions, heading: boolean): Assessed {
  const { entityNames } = names;
  const text = sentence.replace(DATELINE, '').trim();
  const words = wordCount(text);
  if (words < MIN_WORDS || words > MAX_WORDS) return { sentence, text, refused: 'length' };
  const reason = notCheckWorthy(text, { heading });
  if (reason && HARD_REASONS.has(reason)) return { sentence, text, refused: reason };
  if (isQuotedFeeling(text)) return { sentence, text, refused: 'quoted feeling' };
  const soft = softReasons(text);
  const structure = claimStructure(text, entityNames, names.taggedNames);
  const attribution = findAttribution(sentence, names);
  const hedge = hedgeOf(text);
  // "Anthropic could restrict access": a guess at what may happen, not a fact to check.
  const modalPredicate = structure.predicate !== undefined && MODAL_BEFORE.test(text.slice(0, predicateOf(text)?.index ?? 0));
  const facts = statesFact(text, structure);
  const passesRules = soft.size === 0 && structure.subject !== undefined && (structure.predicate !== undefined || facts) && !modalPredicate;
  const features = checkWorthinessFeatures(text, { structure, attributed: attribution !== undefined, article });
  return { sentence, text, features, passesRules, structure, ...(attribution ? { attribution } : {}), ...(hedge ? { hedge } : {}) };
}

function candidateFrom(sentence: string, article: ArticleSignals, names: ExtractClaimsOptions, heading: boolean): ClaimCandidate | undefined {
  const assessed = assessSentence(sentence, article, names, heading);
  const { entityNames } = names;
  const { structure, features, text } = assessed;
  if (!structure || !features) return undefined;
  // The model learnt from the sentences of article windows: a headline has its own grammar ("X
  // reportedly investigating Y"), and a text of a sentence or two (a feed summary) has no article
  // signals to weigh, so both are judged by the fixed rules alone.
  const byRules = heading || article.sentences < SHORT_TEXT_SENTENCES;
  // A named subject doing an action of the vocabulary to a named party, with an amount or a date
  // and nothing the rules hold against it, is what matching across articles is built on: the
  // model's score does not outweigh it.
  const actionByRules = assessed.passesRules === true && structure.predicate !== undefined && structure.objects.length > 0 && (structure.amounts.length > 0 || structure.dates.length > 0);
  if (byRules ? !assessed.passesRules : !actionByRules && checkWorthinessScore(features) < checkWorthinessThreshold()) return undefined;
  const entities = [...(structure.subject ? [structure.subject] : []), ...structure.objects];
  // When the article's entities are given, a claim that names any must be about one of them (a
  // tagged candidate counts: a story about Home Depot); a claim that names none stands on its facts.
  const wanted = new Set(entityNames.map((n) => n.toLowerCase()));
  if (wanted.size > 0 && entities.length > 0 && !structure.subject?.candidate && !entities.some((e) => wanted.has(e.name.toLowerCase()))) return undefined;
  const claim: ClaimCandidate = {
    text,
    normalized: normalizeText(text).replace(/[^\p{L}\p{N}]+/gu, ' ').trim(),
    sentence,
    hedged: assessed.hedge !== undefined,
    stance: stanceOf(text),
    entityKeys: [...new Set(entities.map((e) => e.key))],
    ...structure,
  };
  if (assessed.hedge) claim.hedge = assessed.hedge;
  if (assessed.attribution) claim.attribution = assessed.attribution;
  return claim;
}

/** Every sentence of an article as the check-worthiness model sees it (what eval/claims-fit.ts fits on). */
export function assessSentences(text: string, opts: ExtractClaimsOptions): SentenceAssessment[] {
  const sentences = splitSentences(text);
  const article = articleSignals(sentences);
  return sentences.map((sentence) => {
    const { structure: _s, attribution: _a, hedge: _h, passesRules: _p, ...assessment } = assessSentence(sentence, article, opts, false);
    return assessment;
  });
}

/**
 * Check-worthy claims of an article: its headline when it states one, then its sentences in
 * order, at most `max` with a subject and `max` without, each claim once. A lead sentence that makes the headline's claim takes its
 * place: it carries the attribution and hedging the headline drops.
 */
export function extractClaims(text: string, opts: ExtractClaimsOptions): ClaimCandidate[] {
  const max = opts.max ?? MAX_CLAIMS_PER_ARTICLE;
  const title = opts.title?.trim();
  const sentences = splitSentences(text);
  const article = articleSignals(sentences);
  const headline = title ? candidateFrom(title, article, opts, true) : undefined;
  const claims: ClaimCandidate[] = headline ? [headline] : [];
  // The cap counts claims with a subject and claims without one apart: a fact naming no one cannot
  // be matched across articles, so it must not take the place of one that can. Reading stops at
  // the cap of claims with a subject.
  let withSubject = headline?.subject ? 1 : 0;
  let withoutSubject = headline && !headline.subject ? 1 : 0;
  sentences.forEach((sentence, i) => {
    if (withSubject >= max) return;
    const claim = candidateFrom(sentence, article, opts, false);
    if (!claim || (claim.subject ? withSubject : withoutSubject) >= max) return;
    const same = claims.findIndex((c) => relateStructures(c, claim) === 'same');
    if (same < 0) {
      claims.push(claim);
      if (claim.subject) withSubject++;
      else withoutSubject++;
    } else if (claims[same] === headline && i < LEAD_SENTENCES) claims[same] = claim;
  });
  const main = mainEntity(claims);
  if (main) for (const claim of claims) if (!claim.subject) claim.about = main;
  return claims;
}

/**
 * Whom an article is about: the entity its claims name most, as subject (twice) or object, the
 * registry's before a proposed name. A claim naming no one ("The plane disappeared with 239 people
 * on board") is about it, and so can be matched with other articles' claims about it.
 */
function mainEntity(claims: ClaimCandidate[]): ClaimEntity | undefined {
  const tally = new Map<string, { entity: ClaimEntity; score: number }>();
  const count = (entity: ClaimEntity, weight: number) => {
    const entry = tally.get(entity.key) ?? { entity, score: 0 };
    entry.score += weight;
    tally.set(entity.key, entry);
  };
  for (const claim of claims) {
    if (claim.subject) count(claim.subject, 2);
    for (const object of claim.objects) count(object, 1);
  }
  let best: { entity: ClaimEntity; score: number } | undefined;
  for (const entry of tally.values()) {
    const rank = (e: typeof entry) => e.score + (e.entity.candidate ? 0 : 0.5);
    if (!best || rank(entry) > rank(best)) best = entry;
  }
  return best && best.score >= MAIN_ENTITY_MENTIONS ? best.entity : undefined;
}

// An entity named once is not yet what the article is about.
const MAIN_ENTITY_MENTIONS = 2;

// ── Same claim across articles ───────────────────────────────────────────

// Words of attribution and hedging: "Bloomberg reported that X" and "X, sources said"
// make the same claim X. Weekdays date the report, not the claim.
const REPORTING_WORDS = new Set(
  contentTerms(
    'according reported reportedly report reports said says told sources source people familiar matter person knowledge ' +
      'statement spokesperson spokesman spokeswoman citing cited allegedly confirmed news exclusive first earlier ' +
      'monday tuesday wednesday thursday friday saturday sunday week today yesterday',
  ),
);

const termMemo = textMemo<ReadonlySet<string>>();

function attributionTerms(text: string): Set<string> {
  const origin = findAttribution(text)?.origin;
  return new Set(origin ? contentTerms(origin) : []);
}

/**
 * The content terms that identify a claim: stems without attribution, hedging or dates.
 * Each named entity counts as one term ("@us-nyag"), however many words its name has,
 * so "the New York State Attorney General" and "the NYAG" match and a long name does
 * not make every sentence that mentions it look alike.
 */
export function claimTerms(text: string): ReadonlySet<string> {
  return termMemo(text, () => {
    const clean = text.replace(DATELINE, '');
    const originTerms = attributionTerms(clean);
    const gazetteer = loadGazetteer();
    const spans = gazetteer.findMentions(clean);
    const rest = cutSpans(clean, spans);
    const terms = contentTerms(rest).filter((t) => !REPORTING_WORDS.has(t) && !originTerms.has(t));
    const entityTerms = spans.filter((s) => gazetteer.get(s.key)?.kind !== 'outlet').map((s) => `@${s.key}`);
    return new Set([...terms, ...entityTerms]);
  });
}

/** A text with the given spans (in text order) cut out, each left as a space. */
function cutSpans(text: string, spans: readonly { start: number; end: number }[]): string {
  let rest = text;
  for (const span of [...spans].reverse()) rest = `${rest.slice(0, span.start)} ${rest.slice(span.end)}`;
  return rest;
}

/** A stable key for a claim's wording: verbatim copies and reorderings share it. */
export function claimKey(text: string): string {
  const terms = [...claimTerms(text)].sort().join(' ');
  return createHash('sha256').update(terms).digest('hex').slice(0, 24);
}

/**
 * Word overlap of two claims in [0, 1]: the mean of the overlap coefficient and Dice over claim
 * terms weighted by length. Only ever backs a structural match (relateClaims).
 */
export function claimSimilarity(a: string, b: string): number {
  const ta = claimTerms(a);
  const tb = claimTerms(b);
  let shared = 0;
  let weightA = 0;
  let weightB = 0;
  for (const t of ta) {
    weightA += termWeight(t);
    if (tb.has(t)) shared += termWeight(t);
  }
  for (const t of tb) weightB += termWeight(t);
  if (shared === 0) return 0;
  return (shared / Math.min(weightA, weightB) + (2 * shared) / (weightA + weightB)) / 2;
}

/** The structure of a claim, from the candidate or, for bare text, from the sentence itself. */
function structureOf(claim: string | ClaimCandidate): ClaimStructure {
  return typeof claim === 'string' ? claimStructure(claim.replace(DATELINE, '')) : claim;
}

function textOf(claim: string | ClaimCandidate): string {
  return typeof claim === 'string' ? claim : claim.text;
}

/**
 * How two claims relate by meaning: same claim, contradiction, or unrelated. The structure decides
 * first (relateStructures); claims it cannot relate are compared by their facts (factRelation).
 */
export function relateClaims(a: string | ClaimCandidate, b: string | ClaimCandidate): StructureRelation {
  const [sa, sb] = [structureOf(a), structureOf(b)];
  // Neither states an action of the vocabulary: the same subject, facts that agree and most of the
  // wording make one claim; the same subject and wording with facts that disagree contradict.
  if (!sa.predicate && !sb.predicate) {
    if (!sa.subject || sa.subject.key !== sb.subject?.key || factWordingSimilarity(textOf(a), textOf(b)) < FACT_SIMILARITY) return factRelation(sa, sb, a, b);
    const agree = amountsCompatible(sa.amounts, sb.amounts) && amountsCompatible(sb.amounts, sa.amounts) && datesCompatible(sa.dates, sb.dates) && !peopleCountsDisagree(sa, sb, a, b);
    return agree && sa.polarity === sb.polarity ? 'same' : 'contradicts';
  }
  const relation = relateStructures(sa, sb);
  if (relation === 'unrelated') return factRelation(sa, sb, a, b);
  // One side names no object: the structure alone cannot tell "NASA found water on Europa" from
  // "NASA's Galileo found a fluid two decades ago". A shared amount or date, or a good part of the
  // wording, has to back it up (wording backs the structure; it never merges claims on its own).
  if (relation === 'same' && (sa.objects.length === 0) !== (sb.objects.length === 0)) {
    const sharesFact = sa.amounts.some((x) => sb.amounts.some((y) => x.unit === y.unit && x.value === y.value)) || sa.dates.some((x) => sb.dates.some((y) => x.value === y.value));
    if (!sharesFact && claimSimilarity(textOf(a), textOf(b)) < SUPPORTING_SIMILARITY) return 'unrelated';
  }
  return relation;
}

/**
 * The wording two facts about one subject are compared by. When both quote someone, what was said
 * is in the quotes: two quotes of one speaker share the speaker's name and role, not a claim.
 */
function factWordingSimilarity(a: string, b: string): number {
  const [qa, qb] = [a.match(QUOTE), b.match(QUOTE)];
  return qa && qb ? claimSimilarity(qa.join(' '), qb.join(' ')) : claimSimilarity(a, b);
}

// A count this large identifies a fact ("239 people"); "two" or "5" alone is too common to tell
// claims apart. Money and percentages identify one at any size.
const SPECIFIC_COUNT = 10;
// Counts of people under any name: "239 passengers", "239 people on board".
const PEOPLE_COUNT = /\b(\d{1,3}(?:,\d{3})+|\d{2,})\s+(people|persons|passengers|travellers|travelers|victims|residents|patients|soldiers|civilians|migrants|workers|employees|staff)\b/gi;
const DAY_MONTH = /\b(\d{1,2})\s+(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\b/g;
const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * The specific amounts and days a claim states, in one form each: "239 passengers" and "239
 * people" are one count; "8 March", "March 8" and "March 8, 2014" are one day (within an event
 * the year is rarely in doubt).
 */
const factMemo = textMemo<ReadonlySet<string>>();

// The structure is read from the text, so the text alone keys its facts.
const factKeys = (structure: ClaimStructure, text: string): ReadonlySet<string> => factMemo(text, () => readFactKeys(structure, text));

function readFactKeys(structure: ClaimStructure, text: string): ReadonlySet<string> {
  const keys = new Set<string>();
  for (const x of structure.amounts) if (x.value >= SPECIFIC_COUNT || /^[A-Z]{3}$|^percent$/.test(x.unit)) keys.add(`${x.value} ${/^[A-Z]{3}$|^percent$/.test(x.unit) ? x.unit : 'people'}`);
  for (const m of text.matchAll(PEOPLE_COUNT)) keys.add(`${Number(m[1].replace(/,/g, ''))} people`);
  for (const d of structure.dates) {
    const day = /(?:^\d{4}|^-)-(\d{2})-(\d{2})$/.exec(d.value);
    if (day) keys.add(`day ${day[1]}-${day[2]}`);
    else if (/^\d{4}-\d{2}$/.test(d.value)) keys.add(`month ${d.value}`);
  }
  for (const m of text.matchAll(DAY_MONTH)) keys.add(`day ${String(MONTH_NAMES.indexOf(m[2].slice(0, 3).toLowerCase()) + 1).padStart(2, '0')}-${m[1].padStart(2, '0')}`);
  return keys;
}

/**
 * Two sentences that name a common entity and state the same specific amount or day, with actions
 * that do not differ (the same, or one side naming none) and a fair part of the wording, report one
 * fact however differently they put it ("The Malaysia Airlines plane was carrying 239 people when
 * it disappeared" and "The jetliner, carrying 239 passengers and crew, disappeared on March 8").
 */
function sharedFact(sa: ClaimStructure, sb: ClaimStructure, a: string | ClaimCandidate, b: string | ClaimCandidate): boolean {
  if (sa.predicate && sb.predicate && sa.predicate !== sb.predicate) return false;
  if (sa.polarity !== sb.polarity || registeredSubjectsDiffer(sa, sb)) return false;
  const keysA = new Set([sa.subject, ...sa.objects].filter((e) => e !== undefined).map((e) => e.key));
  if (![sb.subject, ...sb.objects].some((e) => e !== undefined && keysA.has(e.key))) return false;
  const factsA = factKeys(sa, textOf(a));
  const shared = [...factKeys(sb, textOf(b))].filter((k) => factsA.has(k));
  if (shared.length === 0) return false;
  // A day alone often dates the background ("Trump's July 25 call"), not the claim: it needs more
  // of the wording than a count or a sum does.
  const wording = shared.some((k) => !k.startsWith('day ') && !k.startsWith('month ')) ? SUPPORTING_SIMILARITY : FACT_SIMILARITY;
  return claimSimilarity(textOf(a), textOf(b)) >= wording;
}

/** The nouns a text counts people by ("239 passengers" -> "passengers"). */
function countedNouns(text: string): string[] {
  return [...text.matchAll(PEOPLE_COUNT)].map((m) => m[2].toLowerCase());
}

/**
 * Two accounts of one fact that set an opposite word before the same word ("diagnosed with a lower
 * respiratory tract infection", "treated for an upper respiratory infection"), close in meaning
 * otherwise and with nothing in the structure disagreeing, contradict. The shared word anchors the
 * opposites to one thing; polarity is not compared, as a negation elsewhere in either sentence
 * ("things didn't get better") says nothing about that thing.
 */
function opposedModifiers(sa: ClaimStructure, sb: ClaimStructure, a: string | ClaimCandidate, b: string | ClaimCandidate): boolean {
  if (sa.predicate && sb.predicate && sa.predicate !== sb.predicate) return false;
  if (registeredSubjectsDiffer(sa, sb) || !amountsCompatible(sa.amounts, sb.amounts) || !amountsCompatible(sb.amounts, sa.amounts) || !datesCompatible(sa.dates, sb.dates)) return false;
  const [ta, tb] = [textOf(a), textOf(b)];
  const opposed = opposedWords(ta, tb);
  if (!opposed) return false;
  const [next, nextB] = [wordsAfter(ta, opposed[0]), wordsAfter(tb, opposed[1])];
  if (!next.some((w) => nextB.includes(w))) return false;
  return meaningSimilarity(withoutEntities(ta), withoutEntities(tb)) >= OPPOSED_SIMILARITY;
}

/** The words that follow a (lower-case) word wherever it stands in a text. */
function wordsAfter(text: string, word: string): string[] {
  const words = normalizeText(text).split(/[^a-z]+/);
  return words.flatMap((w, i) => (w === word && i + 1 < words.length ? [words[i + 1]] : []));
}

/** Whether both count people ("227 passengers", "239 people on board") and no count agrees. */
function peopleCountsDisagree(sa: ClaimStructure, sb: ClaimStructure, a: string | ClaimCandidate, b: string | ClaimCandidate): boolean {
  const countsA = [...factKeys(sa, textOf(a))].filter((k) => k.endsWith(' people'));
  const countsB = [...factKeys(sb, textOf(b))].filter((k) => k.endsWith(' people'));
  return countsA.length > 0 && countsB.length > 0 && !countsA.some((k) => countsB.includes(k));
}

/**
 * How two claims the structure could not relate stand by their facts: one fact told two ways
 * (sharedFact), near word for word (restatement) or in other words (paraphrase), which contradict
 * when one opposite word sets them apart ("a lower respiratory infection" and "an upper respiratory
 * infection", also in other words: opposedModifiers); or two counts of the same people that
 * disagree in mostly the same words ("There were 227 passengers on flight MH370" and "Flight MH370
 * vanished … with 239 passengers on board"), fewer of them when the people are named alike.
 */
function factRelation(sa: ClaimStructure, sb: ClaimStructure, a: string | ClaimCandidate, b: string | ClaimCandidate): StructureRelation {
  if (peopleCountsDisagree(sa, sb, a, b)) {
    // "227 passengers" and "239 passengers": one count of the same people named alike needs less of the wording.
    const wording = countedNouns(textOf(a)).some((n) => countedNouns(textOf(b)).includes(n)) ? SUPPORTING_SIMILARITY : FACT_SIMILARITY;
    return sa.polarity === sb.polarity && claimSimilarity(textOf(a), textOf(b)) >= wording ? 'contradicts' : 'unrelated';
  }
  if (opposedModifiers(sa, sb, a, b)) return 'contradicts';
  if (!sharedFact(sa, sb, a, b) && !restatement(sa, sb, a, b) && !paraphrase(sa, sb, a, b)) return 'unrelated';
  return opposedWords(textOf(a), textOf(b)) ? 'contradicts' : 'same';
}

/** Two registered entities as subjects ("Amazon invested…", "Google invested…") make two claims. */
function registeredSubjectsDiffer(sa: ClaimStructure, sb: ClaimStructure): boolean {
  return sa.subject !== undefined && sb.subject !== undefined && !sa.subject.candidate && !sb.subject.candidate && sa.subject.key !== sb.subject.key;
}

/**
 * The same claim in other words ("The plane disappeared with 239 people on board" and "The
 * Beijing-bound airliner vanished on 8 March with 239 people on board"): close in meaning word by
 * word (meaningSimilarity; of what is quoted when both quote), with nothing in the structure
 * disagreeing: the actions are the same or one names none, the subjects are the same or one is not
 * a registered entity, and the polarity, the numbers and the dates agree. Closeness of meaning
 * alone never merges two claims that the structure tells apart.
 */
function paraphrase(sa: ClaimStructure, sb: ClaimStructure, a: string | ClaimCandidate, b: string | ClaimCandidate): boolean {
  if (sa.predicate && sb.predicate && sa.predicate !== sb.predicate) return false;
  if (sa.polarity !== sb.polarity || registeredSubjectsDiffer(sa, sb)) return false;
  if (!amountsCompatible(sa.amounts, sb.amounts) || !amountsCompatible(sb.amounts, sa.amounts) || !datesCompatible(sa.dates, sb.dates)) return false;
  const [ta, tb] = [textOf(a), textOf(b)];
  const [qa, qb] = [ta.match(QUOTE), tb.match(QUOTE)];
  // The structure has compared who; the meaning compared is what is said about them.
  const similarity = qa && qb ? meaningSimilarity(qa.join(' '), qb.join(' ')) : meaningSimilarity(withoutEntities(ta), withoutEntities(tb));
  return similarity >= PARAPHRASE_SIMILARITY;
}

// Words that say the opposite of each other where the rest of a sentence is alike.
const OPPOSITES: [string, string][] = [
  ['lower', 'upper'], ['north', 'south'], ['east', 'west'], ['northern', 'southern'], ['eastern', 'western'],
  ['increase', 'decrease'], ['increased', 'decreased'], ['rose', 'fell'], ['higher', 'lower'], ['more', 'fewer'],
  ['guilty', 'innocent'], ['won', 'lost'], ['alive', 'dead'], ['survived', 'died'], ['approved', 'rejected'],
  ['true', 'false'], ['male', 'female'], ['minimum', 'maximum'], ['acute', 'chronic'], ['benign', 'malignant'],
];

const unnamedMemo = textMemo<string>();

/** A text with the registry's entity names cut out. */
const withoutEntities = (text: string): string => unnamedMemo(text, () => cutSpans(text, loadGazetteer().findMentions(text)));

const wordSetMemo = textMemo<ReadonlySet<string>>();
const wordSet = (text: string): ReadonlySet<string> => wordSetMemo(text, () => new Set(normalizeText(text).split(/[^a-z]+/)));

/** A word one text has whose opposite only the other has, as [the first text's word, the other's]. */
function opposedWords(a: string, b: string): [string, string] | undefined {
  const [wa, wb] = [wordSet(a), wordSet(b)];
  for (const [x, y] of OPPOSITES) {
    if (wa.has(x) && !wa.has(y) && wb.has(y) && !wb.has(x)) return [x, y];
    if (wa.has(y) && !wa.has(x) && wb.has(x) && !wb.has(y)) return [y, x];
  }
  return undefined;
}

/** Closeness of meaning of one claim told in other words (see paraphrase); chosen on the development pairs. */
export const PARAPHRASE_SIMILARITY = 0.7;

/**
 * A sentence retold nearly word for word (a quote, a wire copy) is one claim even when the subjects
 * were read differently ("NASA" and "Paganini" for the same quote), provided nothing in the
 * structure disagrees: the actions are the same or one names none, and the polarity, the numbers
 * and the dates agree.
 */
function restatement(sa: ClaimStructure, sb: ClaimStructure, a: string | ClaimCandidate, b: string | ClaimCandidate): boolean {
  if (sa.predicate && sb.predicate && sa.predicate !== sb.predicate) return false;
  if (sa.polarity !== sb.polarity || registeredSubjectsDiffer(sa, sb)) return false;
  if (!amountsCompatible(sa.amounts, sb.amounts) || !amountsCompatible(sb.amounts, sa.amounts) || !datesCompatible(sa.dates, sb.dates)) return false;
  return factWordingSimilarity(textOf(a), textOf(b)) >= RESTATEMENT_SIMILARITY;
}

/** Closeness of meaning of two accounts of one fact that set opposite words before the same word (see opposedModifiers). */
export const OPPOSED_SIMILARITY = 0.55;

/** Wording overlap of a sentence retold nearly word for word (see restatement). */
export const RESTATEMENT_SIMILARITY = 0.7;

/** Wording overlap that backs a structural match when one side names no object (see claimSimilarity). */
export const SUPPORTING_SIMILARITY = 0.3;
/** Wording overlap two claims about one subject need when neither states an action of the vocabulary. */
export const FACT_SIMILARITY = 0.5;

/**
 * Whether two sentences (or claims) state the same claim: same subject, predicate and
 * compatible objects, amounts and dates; or a common entity and the same specific count or day; or
 * nearly the same words with nothing in the structure disagreeing. Shared wording alone never makes two claims one:
 * "This gave Amazon significant influence" and "Amazon has made a substantial investment"
 * are different claims however many words they share.
 */
export function sameClaim(a: string | ClaimCandidate, b: string | ClaimCandidate): boolean {
  return relateClaims(a, b) === 'same';
}
