// When two articles make the same claim: matched by meaning (subject, predicate, objects,
// amounts and dates of the claims' structure, backed by wording and word-vector closeness),
// never by shared wording alone; and when they contradict each other.
import { createHash } from 'node:crypto';
import { loadGazetteer } from '../../text/gazetteer';
import { meaningSimilarity } from '../../text/meaning';
import { contentTerm, contentTerms, normalizeText, termWeight } from '../../text/tokens';
import { textMemo } from '../../text/remembered';
import { findAttribution } from '../extract/attribution';
import { DATELINE, QUOTE, type ClaimCandidate } from '../extract/claims';
import { amountsCompatible, claimStructure, datesCompatible, relateStructures, type ClaimStructure, type StructureRelation } from '../extract/claim-structure';

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
  // wording make one claim; the same subject and wording with facts that disagree, or one opposite
  // word setting them apart ("Russia beat Croatia", "Russia lost to Croatia"), contradict.
  if (!sa.predicate && !sb.predicate) {
    if (!sa.subject || sa.subject.key !== sb.subject?.key || factWordingSimilarity(textOf(a), textOf(b)) < FACT_SIMILARITY) return factRelation(sa, sb, a, b);
    const agree = amountsCompatible(sa.amounts, sb.amounts) && amountsCompatible(sb.amounts, sa.amounts) && datesCompatible(sa.dates, sb.dates) && !peopleCountsDisagree(sa, sb, a, b);
    return agree && sa.polarity === sb.polarity && !opposedWords(textOf(a), textOf(b)) ? 'same' : 'contradicts';
  }
  const relation = relateStructures(sa, sb);
  if (relation === 'unrelated') return factRelation(sa, sb, a, b);
  // "X announced that P" and "X announced that Q" are one claim only when P and Q are.
  if (relation === 'same' && sa.predicate === 'announced' && sb.predicate === 'announced') {
    const [pa, pb] = [announcedClause(textOf(a)), announcedClause(textOf(b))];
    if (pa && pb) return relateClaims(pa, pb);
  }
  // One side names no object: the structure alone cannot tell "NASA found water on Europa" from
  // "NASA's Galileo found a fluid two decades ago". A shared amount or date, or a good part of the
  // wording, has to back it up (wording backs the structure; it never merges claims on its own).
  if (relation === 'same' && (sa.objects.length === 0) !== (sb.objects.length === 0)) {
    const sharesFact = sa.amounts.some((x) => sb.amounts.some((y) => x.unit === y.unit && x.value === y.value)) || sa.dates.some((x) => sb.dates.some((y) => x.value === y.value));
    if (!sharesFact && claimSimilarity(textOf(a), textOf(b)) < SUPPORTING_SIMILARITY) return 'unrelated';
  }
  return relation;
}

// What is announced: the clause after "announced that", to the end of its sentence.
const ANNOUNCED_CLAUSE = /\bannounc(?:e|es|ed|ing)\s+(?:(?:on|last)\s+\p{L}+\s+)?that\s+(.+?[.!?])(?=\s|$)/u;

function announcedClause(text: string): string | undefined {
  return ANNOUNCED_CLAUSE.exec(text)?.[1];
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

// Measures that identify what they measure: a distance or an area ("1,100km", "1,100 kilometers",
// "60,000 sq km"), and a person's age ("the 43-year-old man").
const MEASURE = /\b(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s?(sq(?:uare)?\.?\s?)?(km|kilomet(?:er|re)s?|miles?)\b|-year-old\b)/gi;

function measures(text: string): string[] {
  return [...text.matchAll(MEASURE)].map((m) => `${Number(m[1].replace(/,/g, ''))} ${!m[3] ? 'years of age' : `${m[2] ? 'square ' : ''}${/^k/i.test(m[3]) ? 'km' : 'miles'}`}`);
}

/**
 * Two accounts that state the same distance, area or age and are fairly close in meaning, with
 * nothing in the structure disagreeing, report one fact ("the search would now focus on an area
 * 1,100km north-east of the previous zone", "investigators moved the search to an area 1,100
 * kilometers to the northeast"), whoever they name.
 */
function sharedMeasure(sa: ClaimStructure, sb: ClaimStructure, a: string | ClaimCandidate, b: string | ClaimCandidate): boolean {
  const measuresA = measures(textOf(a));
  if (!measures(textOf(b)).some((m) => measuresA.includes(m))) return false;
  return structuresAgree(sa, sb) && paraphraseSimilarity(a, b) >= MEASURE_SIMILARITY;
}

/** Closeness of meaning of two accounts that state the same measure (see sharedMeasure). */
export const MEASURE_SIMILARITY = 0.55;

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
  if (!sharedFact(sa, sb, a, b) && !restatement(sa, sb, a, b) && !paraphrase(sa, sb, a, b) && !subjectParaphrase(sa, sb, a, b) && !actionParaphrase(sa, sb, a, b) && !sharedMeasure(sa, sb, a, b)) return 'unrelated';
  if (possessorsDiffer(textOf(a), textOf(b))) return 'unrelated';
  return opposedWords(textOf(a), textOf(b)) ? 'contradicts' : 'same';
}

// "Garrett's helmet", "Mason Rudolph’s helmet": a named owner and what is theirs.
const POSSESSIVE = /(\p{Lu}[\p{L}-]+)['’]s\s+(\p{Ll}+)/gu;

/**
 * The same thing said to be two different people's ("Rudolph tried to remove Garrett's helmet",
 * "Garrett pulled off Rudolph’s helmet"): the roles are swapped, so the claims are two.
 */
function possessorsDiffer(a: string, b: string): boolean {
  const owners = (text: string) => {
    const byThing = new Map<string, Set<string>>();
    for (const m of text.matchAll(POSSESSIVE)) {
      // "It's", "That's": a contraction, not an owner.
      if (contentTerm(m[1].toLowerCase()) !== null) byThing.set(m[2], (byThing.get(m[2]) ?? new Set()).add(m[1]));
    }
    return byThing;
  };
  const [oa, ob] = [owners(a), owners(b)];
  return [...oa].some(([thing, names]) => ob.has(thing) && ![...names].some((n) => ob.get(thing)!.has(n)));
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
  return structuresAgree(sa, sb) && paraphraseSimilarity(a, b) >= PARAPHRASE_SIMILARITY;
}

/** Closeness of meaning of what two claims say: of what is quoted when both quote, else of the text without entity names. */
function paraphraseSimilarity(a: string | ClaimCandidate, b: string | ClaimCandidate): number {
  const [ta, tb] = [textOf(a), textOf(b)];
  const [qa, qb] = [ta.match(QUOTE), tb.match(QUOTE)];
  // The structure has compared who; the meaning compared is what is said about them.
  return qa && qb ? meaningSimilarity(qa.join(' '), qb.join(' ')) : meaningSimilarity(withoutEntities(ta), withoutEntities(tb));
}

/** Nothing in two structures disagrees: the actions are the same or one names none, the subjects are not two registered entities, and the polarity, the numbers and the dates agree. */
function structuresAgree(sa: ClaimStructure, sb: ClaimStructure): boolean {
  if (sa.predicate && sb.predicate && sa.predicate !== sb.predicate) return false;
  if (sa.polarity !== sb.polarity || registeredSubjectsDiffer(sa, sb)) return false;
  return amountsCompatible(sa.amounts, sb.amounts) && amountsCompatible(sb.amounts, sa.amounts) && datesCompatible(sa.dates, sb.dates);
}

/**
 * One entity as the subject of both ("Australia would co-ordinate operations in the search area",
 * "Australia will take responsibility for the search"; "a chest X-ray, which was considered to be
 * normal", "a radiologist dismissed a chest X-ray as normal") fixes who or what: what is said of it
 * needs less closeness of meaning than a paraphrase whose subjects may differ.
 */
function subjectParaphrase(sa: ClaimStructure, sb: ClaimStructure, a: string | ClaimCandidate, b: string | ClaimCandidate): boolean {
  if (!sa.subject || sa.subject.key !== sb.subject?.key) return false;
  // Two quotes name their speaker, not what the quotes are about.
  if (textOf(a).match(QUOTE) && textOf(b).match(QUOTE)) return false;
  return structuresAgree(sa, sb) && !registeredObjectsDiffer(sa, sb) && paraphraseSimilarity(a, b) >= ANCHORED_PARAPHRASE_SIMILARITY;
}

/**
 * One specific action in both, told of a named subject by one and of no one named by the other
 * ("NASA scientists have confirmed the presence of water vapor on Europa", "researchers have now
 * detected one such plume's water vapor"): the action fixes what happened, as a subject fixes who.
 */
function actionParaphrase(sa: ClaimStructure, sb: ClaimStructure, a: string | ClaimCandidate, b: string | ClaimCandidate): boolean {
  if (!sa.predicate || sa.predicate !== sb.predicate || sa.predicate === 'announced' || sa.predicate === 'denied') return false;
  if (sa.subject && sb.subject) return false;
  return structuresAgree(sa, sb) && !registeredObjectsDiffer(sa, sb) && paraphraseSimilarity(a, b) >= ANCHORED_PARAPHRASE_SIMILARITY;
}

/**
 * Both name registered objects and none in common ("has avoided extradition to Sweden", "is battling
 * extradition to the United States"). The meaning compared leaves entity names out, so where the
 * subject alone anchors a looser paraphrase, objects that disagree have to keep the claims apart.
 */
function registeredObjectsDiffer(sa: ClaimStructure, sb: ClaimStructure): boolean {
  const registered = (s: ClaimStructure) => s.objects.filter((o) => !o.candidate).map((o) => o.key);
  const [oa, ob] = [registered(sa), registered(sb)];
  return oa.length > 0 && ob.length > 0 && !oa.some((k) => ob.includes(k));
}

/** Closeness of meaning of two claims anchored by one subject or one specific action (see subjectParaphrase, actionParaphrase); chosen on the development pairs. */
export const ANCHORED_PARAPHRASE_SIMILARITY = 0.6;

// Words that say the opposite of each other where the rest of a sentence is alike.
const OPPOSITES: [string, string][] = [
  ['lower', 'upper'], ['north', 'south'], ['east', 'west'], ['northern', 'southern'], ['eastern', 'western'],
  ['increase', 'decrease'], ['increased', 'decreased'], ['rose', 'fell'], ['higher', 'lower'], ['more', 'fewer'],
  ['guilty', 'innocent'], ['won', 'lost'], ['alive', 'dead'], ['survived', 'died'], ['approved', 'rejected'],
  ['true', 'false'], ['male', 'female'], ['minimum', 'maximum'], ['acute', 'chronic'], ['benign', 'malignant'],
  // Opposite actions on one thing: "raise the price" and "cut the price", "beat Croatia" and "lost to Croatia".
  ['raise', 'cut'], ['raised', 'cut'], ['beat', 'lost'], ['opened', 'closed'], ['hired', 'fired'], ['gained', 'lost'], ['accepted', 'rejected'], ['started', 'ended'],
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
  return structuresAgree(sa, sb) && factWordingSimilarity(textOf(a), textOf(b)) >= RESTATEMENT_SIMILARITY;
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
