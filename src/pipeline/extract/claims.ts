// Claims: check-worthy factual statements, with their structure, and when two articles make the
// same one.
//
// A sentence is refused outright when it is a question, imperative, heading, table row,
// advertising, a non-answer, an open question, a speaker's quoted feelings, the tail of a quote
// or a modal guess in the writer's voice; every other sentence is weighed by the
// check-worthiness model (check-worthiness.ts), which takes the fixed rules' verdicts (opinion,
// speculation, background, a guessed action, a stated fact) as evidence among others. A claim says
// who (a registry entity, or a proper name the registry lacks) did what (a predicate of
// CLAIM_PREDICATES) when it names anyone; a checkable fact naming no one ("A search of the vehicle
// yielded nearly 30 grams of methamphetamine") is a claim all the same. Outlets are never subjects:
// "told Reuters" says who reported, not what happened. The headline counts when it states a claim
// (by the fixed rules: the model knows body sentences), then sentences in order (news leads with
// its main claims), at most MAX_CLAIMS_PER_ARTICLE with a subject (and as many naming no one),
// each claim once.
import { splitSentences } from '../../text/sentences';
import { normalizeText } from '../../text/tokens';
import { findAttribution, type Attribution } from './attribution';
import type { Stance } from '../../vocabulary';
import { hedgeOf, stanceOf, type HedgeStrength } from './hedging';
import { articleSignals, checkWorthinessFeatures, checkWorthinessScore, checkWorthinessThreshold, type ArticleSignals } from './check-worthiness';
import { claimStructure, predicateOf, relateStructures, type ClaimEntity, type ClaimStructure } from './claim-structure';


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

// A call to the reader: "sign up" with nothing signed up ("Sign up for our newsletter"), not a company
// that continued "to sign up additional subscribers".
const BOILERPLATE =
  /\b(?:subscribe|sign up(?=\s+(?:for|to|here|now|today|at)\b|\s*[.!]|$)|newsletter|click here|cookies?|all rights reserved|read more|follow us|advertisement|sponsored|promo code|coupon|free trial|buy now|shop now|learn more|register (?:now|today|here)|download (?:the|our)|terms of (?:use|service)|privacy policy|share this|reporting by|editing by|writing by|contributed reporting|getty images|photo credit|image credit|compensated by|affiliate links?|#ad)\b|^(?:©|copyright\b)|^\(?(?:photo|image|credit)\b/i;
// Non-answers are not claims about the story.
const NON_CLAIM = /\b(?:declined to comment|did not (?:immediately )?(?:respond|reply|return)|could not be reached|no immediate comment|had no comment|not immediately available)\b/i;
/** A wire dateline before the text: "WASHINGTON (Reuters) - ". */
export const DATELINE = /^\s*(?:[\p{Lu}][\p{Lu}\p{Ll} .,'-]*\s)?\((?:Reuters|AP|AFP|Bloomberg|Xinhua|dpa|Associated Press)\)\s*[-—–:]\s*|^\s*[\p{Lu}][\p{Lu} .,'-]{2,}\s+[—–-]\s+/u;

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

const OPEN_QUESTION = /\b(?:it is|it's|it’s|it remains|remains|is still|it was)\s+(?:still\s+)?(?:unclear|not (?:yet )?clear|unknown|to be seen)\b/i;

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
  // A line without a word in lower case is a row of a table or a ticker ("225.86 -12.99 -5.44% LOW LOWE'S COMPANIES INC.").
  if (!heading && !/\p{Ll}{2}/u.test(text)) return 'table';
  const unquoted = text.replace(/[“"][^”"]*[”"]/g, ' "" ');
  // What the writer says is not known is no fact ("It is unclear if the 13-inch MacBook Pro will follow suit").
  if (OPEN_QUESTION.test(unquoted)) return 'open question';
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

// Reasons no weighing can outweigh: a question, advertising, a non-answer, a heading, a table
// row, what the writer says is not known or an address to the reader is never a claim. Opinion, speculation and background are weighed by the
// model with the other signals (see check-worthiness.ts).
const HARD_REASONS = new Set(['question', 'advertising or call to action', 'non-answer', 'heading', 'table', 'open question', 'imperative']);

/**
 * Whether a sentence begins inside a quotation opened in an earlier sentence ("Got her!" an officer
 * said): its words are the tail of someone's quote, cut from the sentence that says what it is about.
 * A closing mark is one after a word and before a space or the end; an opening one comes before a word.
 */
export function isQuoteTail(text: string): boolean {
  const first = /[“”"]/.exec(text);
  if (!first) return false;
  if (first[0] === '”') return true;
  if (first[0] === '“') return false;
  const before = text[first.index - 1];
  const after = text[first.index + 1];
  return before !== undefined && /\S/.test(before) && (after === undefined || /[\s,.;:!?)]/.test(after)) && (text.match(/"/g) ?? []).length % 2 === 1;
}

// A modal of possibility, obligation or condition in the writer's own voice: a guess, a view or a
// hypothetical ("the keyboard should prove more reliable", "the listing would raise at least…"),
// not a fact. Lower case only: "May" is a month. "could" is left to the model: in a report it is
// mostly past ability ("Holmes could hear Trump's voice"). A modal a source is reported to have
// used ("Abbott told Parliament that Australia would co-ordinate operations") is that source's
// claim, and one after "and" adds a guess to a stated fact ("has been suspended … and may receive
// further discipline").
const WRITERS_MODAL = /(?<!\b(?:and|but|or)\s+)\b(?:would|should|might|may|must|ought to)\b/;
const REPORTED = /\b(?:said|says|saying|told|tells|telling|announced|confirmed|concluded|wrote|writes|reported|reports|according to|promised|added|stated|argued|claimed|predicted|warned|estimated?|believes?)\b/i;
// What a rule, bill or deal would do is what its text says, which can be checked against it
// ("The proposed rule would require companies to disclose…", "Under the settlement, Boeing would pay…").
const TERMS_OF =
  /\b(?:rules?|bill|law|proposal|regulations?|order|measure|legislation|act|amendment|deal|agreement|merger|acquisition|settlement|plan|policy|ban|tariffs?|contract|treaty|budget|provision|guidance|directive)\b(?:\s+\S+){0,3}?\s+(?:would|may|might|must|should)\b|\bunder the (?:\S+\s+){0,2}?(?:rules?|bill|law|proposal|deal|agreement|settlement|plan|contract|order|terms)\b/i;
function isGuessOrCondition(unquoted: string): boolean {
  return WRITERS_MODAL.test(unquoted) && !REPORTED.test(unquoted) && !TERMS_OF.test(unquoted);
}

// "“We were the better side and we deserved it,” the coach said": mostly a speaker's own feelings
// or judgement in their words, which no one can check (a company's quoted statement of fact stays).
export const QUOTE = /[“"][^”"]*[”"]/g;
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
  if (isQuoteTail(text)) return { sentence, text, refused: 'quote tail' };
  if (isGuessOrCondition(text.replace(QUOTE, ' "" '))) return { sentence, text, refused: 'guess or condition' };
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
