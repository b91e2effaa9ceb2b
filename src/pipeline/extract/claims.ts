// Claims: factual sentences about named entities, and when two articles make the same one.
//
// A claim candidate is a sentence that names an entity of the article (outlets do not
// count: "told Reuters" says who reported, not what happened), has a verb of action or
// statement, is neither a question nor boilerplate, and is 6-60 words long. The headline
// comes first, then sentences in order (news leads with its main claims), at most
// MAX_CLAIMS_PER_ARTICLE, without repeating a claim already taken.
import { createHash } from 'node:crypto';
import { findEntities, loadGazetteer } from '../../text/gazetteer';
import { escapeRegExp } from '../../text/regexp';
import { splitSentences } from '../../text/sentences';
import { contentTerms, normalizeText, stem, termWeight } from '../../text/tokens';
import { findAttribution, type Attribution } from './attribution';
import type { Stance } from '../../vocabulary';
import { isHedged, stanceOf } from './hedging';

export interface ClaimCandidate {
  /** The claim as shown: the sentence without dateline. */
  text: string;
  /** Lower-cased, accent-folded, punctuation-free text (for search and display matching). */
  normalized: string;
  /** The sentence exactly as it appeared. */
  sentence: string;
  hedged: boolean;
  stance: Stance;
  attribution?: Attribution;
  /** Gazetteer keys of the entities named; names the gazetteer lacks are keyed by their slug. */
  entityKeys: string[];
}

export interface ExtractClaimsOptions {
  title?: string;
  /** Names of the article's entities; when given, a claim must name one of them. */
  entityNames: string[];
  /** Cap on claims per article (default MAX_CLAIMS_PER_ARTICLE). */
  max?: number;
}

export const MAX_CLAIMS_PER_ARTICLE = 8;
const MIN_WORDS = 6;
const MAX_WORDS = 60;

const BOILERPLATE =
  /\b(?:subscribe|sign up|newsletter|click here|cookies?|all rights reserved|read more|follow us|advertisement|sponsored|terms of (?:use|service)|privacy policy|share this|reporting by|editing by|writing by|contributed reporting|getty images|photo credit|image credit)\b|^©|^\(?(?:photo|image|credit)\b/i;
// Non-answers are not claims about the story.
const NON_CLAIM = /\b(?:declined to comment|did not (?:immediately )?(?:respond|reply|return)|could not be reached|no immediate comment|had no comment|not immediately available)\b/i;
const DATELINE = /^\s*(?:[\p{Lu}][\p{Lu}\p{Ll} .,'-]*\s)?\((?:Reuters|AP|AFP|Bloomberg|Xinhua|dpa|Associated Press)\)\s*[-—–:]\s*|^\s*[\p{Lu}][\p{Lu} .,'-]{2,}\s+[—–-]\s+/u;

// Stems of verbs that carry an action or a statement in news copy.
const VERB_STEMS = new Set(
  (
    'say said tell told announc launch releas unveil introduc report confirm deni plan agre acquir buy bought sell sold invest rais fund sue ' +
    'fine ban approv reject investig probe file order requir propos sign pass vote block warn accus allow open close cut lay hire fire ' +
    'resign appoint name partner build built train develop use chang updat delay halt paus suspend restrict export limit expand grow fell ' +
    'fall rose rise drop increas decreas win won lose lost settl charg arrest leak hack breach expos discov found find show reveal publish ' +
    'ask call urg claim clear rule impos lift extend offer pay valu price shelv withdraw return merg spin list debut ship deliv prepar ' +
    'face receiv cooper examin contact step leas borrow sought seek violat creat replac join leav left stop start end begin began make made ' +
    'take took give gave add reach hit post record estim expect forecast project'
  ).split(' '),
);

function wordCount(s: string): number {
  return s.split(/\s+/).filter(Boolean).length;
}

function hasActionVerb(sentence: string): boolean {
  return normalizeText(sentence)
    .split(/[^a-z]+/)
    .some((w) => VERB_STEMS.has(stem(w)) || VERB_STEMS.has(w) || (w.length > 4 && w.endsWith('ed')));
}

function slug(name: string): string {
  return normalizeText(name).replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

/** Keys of the article's entities named in the sentence (outlets excluded). */
function claimEntities(sentence: string, entityNames: string[]): string[] {
  const wanted = new Set(entityNames.map((n) => n.toLowerCase()));
  const mentioned = findEntities(sentence);
  const keys = mentioned.filter((m) => m.kind !== 'outlet' && (wanted.size === 0 || wanted.has(m.name.toLowerCase()))).map((m) => m.key);
  const known = new Set(mentioned.map((m) => m.name.toLowerCase()));
  const gazetteer = loadGazetteer();
  for (const name of entityNames) {
    // Names the gazetteer knows were handled above, with its case and outlet rules.
    if (known.has(name.toLowerCase()) || gazetteer.resolve(name)) continue;
    if (new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(name)}(?![\\p{L}\\p{N}])`, 'u').test(sentence)) keys.push(slug(name));
  }
  return [...new Set(keys)];
}

function candidateFrom(sentence: string, entityNames: string[]): ClaimCandidate | undefined {
  const text = sentence.replace(DATELINE, '').trim();
  const words = wordCount(text);
  if (words < MIN_WORDS || words > MAX_WORDS) return undefined;
  if (/\?["'”’)]*$/.test(text) || BOILERPLATE.test(text) || NON_CLAIM.test(text)) return undefined;
  if (!hasActionVerb(text)) return undefined;
  const entityKeys = claimEntities(text, entityNames);
  if (entityKeys.length === 0) return undefined;
  const attribution = findAttribution(sentence, { entityNames });
  const claim: ClaimCandidate = {
    text,
    normalized: normalizeText(text).replace(/[^\p{L}\p{N}]+/gu, ' ').trim(),
    sentence,
    hedged: isHedged(text),
    stance: stanceOf(text),
    entityKeys,
  };
  if (attribution) claim.attribution = attribution;
  return claim;
}

/** Claim candidates of an article: its headline, then its factual sentences about named entities. */
export function extractClaims(text: string, opts: ExtractClaimsOptions): ClaimCandidate[] {
  const max = opts.max ?? MAX_CLAIMS_PER_ARTICLE;
  const sentences = [...(opts.title ? [opts.title.trim()] : []), ...splitSentences(text)];
  const claims: ClaimCandidate[] = [];
  for (const sentence of sentences) {
    if (claims.length >= max) break;
    const claim = candidateFrom(sentence, opts.entityNames);
    if (claim && !claims.some((c) => sameClaim(c, claim))) claims.push(claim);
  }
  return claims;
}

// ── Same claim across articles ───────────────────────────────────────────

// Fewer shared content words than this cannot pin down one claim ("WeWork said").
const MIN_SHARED_TERMS = 3;

// Words of attribution and hedging: "Bloomberg reported that X" and "X, sources said"
// make the same claim X. Weekdays date the report, not the claim.
const REPORTING_WORDS = new Set(
  contentTerms(
    'according reported reportedly report reports said says told sources source people familiar matter person knowledge ' +
      'statement spokesperson spokesman spokeswoman citing cited allegedly confirmed news exclusive first earlier ' +
      'monday tuesday wednesday thursday friday saturday sunday week today yesterday',
  ),
);

// Matching one event's claims compares every pair: each sentence is analysed once.
const termCache = new Map<string, ReadonlySet<string>>();

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
  const cached = termCache.get(text);
  if (cached) return cached;
  const clean = text.replace(DATELINE, '');
  const originTerms = attributionTerms(clean);
  const gazetteer = loadGazetteer();
  const spans = gazetteer.findMentions(clean);
  let rest = clean;
  for (const span of [...spans].reverse()) rest = `${rest.slice(0, span.start)} ${rest.slice(span.end)}`;
  const terms = contentTerms(rest).filter((t) => !REPORTING_WORDS.has(t) && !originTerms.has(t));
  const entityTerms = spans.filter((s) => gazetteer.get(s.key)?.kind !== 'outlet').map((s) => `@${s.key}`);
  const result = new Set([...terms, ...entityTerms]);
  if (termCache.size >= 20_000) termCache.clear();
  termCache.set(text, result);
  return result;
}

/** A stable key for a claim's wording: verbatim copies and reorderings share it. */
export function claimKey(text: string): string {
  const terms = [...claimTerms(text)].sort().join(' ');
  return createHash('sha256').update(terms).digest('hex').slice(0, 24);
}

/**
 * Similarity of two claims in [0, 1]: the mean of the overlap coefficient (a short
 * paraphrase inside a longer sentence scores high) and Dice (penalises a long sentence
 * that shares only a few words), over claim terms weighted by length as for headlines.
 * Hand-written because it needs the attribution-aware term sets above; natural's
 * distances compare characters, not words.
 */
export function claimSimilarity(a: string, b: string): number {
  const ta = claimTerms(a);
  const tb = claimTerms(b);
  let shared = 0;
  let sharedCount = 0;
  let weightA = 0;
  let weightB = 0;
  for (const t of ta) {
    weightA += termWeight(t);
    if (tb.has(t)) {
      shared += termWeight(t);
      sharedCount++;
    }
  }
  for (const t of tb) weightB += termWeight(t);
  if (sharedCount < MIN_SHARED_TERMS) return 0;
  const overlap = shared / Math.min(weightA, weightB);
  const dice = (2 * shared) / (weightA + weightB);
  return (overlap + dice) / 2;
}

/**
 * Calibrated on 18 same-claim and 23 different-claim sentence pairs from same-event
 * articles (test/fixtures/verify/claim-pairs.json): at 0.4, 14/18 paraphrases match and
 * 1/23 different claims does. Set for precision: merging two claims would count one
 * origin's report as corroborating another's.
 */
export const SAME_CLAIM_THRESHOLD = 0.4;

/** Whether two sentences (or claims) state the same claim, e.g. across articles of one event. */
export function sameClaim(a: string | ClaimCandidate, b: string | ClaimCandidate): boolean {
  const textA = typeof a === 'string' ? a : a.text;
  const textB = typeof b === 'string' ? b : b.text;
  return claimSimilarity(textA, textB) >= SAME_CLAIM_THRESHOLD;
}
