// The structure of a claim: who (subject), did what (predicate, from CLAIM_PREDICATES), to whom
// (objects), how much (amounts), when (dates), and whether it is said to have happened or not
// (polarity). Verification compares claims by this structure, never by wording alone.
//
// Cue patterns rather than a parser: every field can be shown to an analyst as the words that
// produced it, and the whole analysis of a sentence costs a few regular-expression scans.
import { escapeRegExp } from '../../text/regexp';
import { loadGazetteer } from '../../text/gazetteer';
import { normalizeText } from '../../text/tokens';
import type { ClaimPolarity, ClaimPredicate } from '../../vocabulary';

export interface ClaimEntity {
  /** Registry key, or the slug of a name the registry lacks. */
  key: string;
  name: string;
  /** Set when the name is not in the registry (a proposed candidate, keyed by candidateKey). */
  candidate?: true;
}

export interface ClaimAmount {
  value: number;
  /** ISO currency code, "percent", or the counted noun ("jobs", "employees"). */
  unit: string;
  text: string;
}

export interface ClaimDate {
  /** "2019", "2019-11" or "2019-11-18"; a month and day without a year is "--11-18". */
  value: string;
  text: string;
}

export interface ClaimStructure {
  subject?: ClaimEntity;
  predicate?: ClaimPredicate;
  objects: ClaimEntity[];
  amounts: ClaimAmount[];
  dates: ClaimDate[];
  polarity: ClaimPolarity;
}

// Verb forms of each predicate. Order is irrelevant: the earliest match in the sentence is the main
// verb, except that the generic ones ("announced", "denied") yield to a specific action they wrap
// ("Amazon announced it would invest $4 billion" is an investment).
const PREDICATE_CUES: [ClaimPredicate, RegExp][] = [
  ['acquired', /\b(?:acquir(?:e|es|ed|ing)|acquisition of|buy(?:s|ing)?|bought|tak(?:e|es|ing|en) over|took over|takeover of|purchas(?:e|es|ed|ing))\b/i],
  ['invested', /\b(?:invest(?:s|ed|ing|ment|ments)?|(?:a|its|minority|majority)\s+stake\s+in|(?:put|puts|putting|pour(?:s|ed|ing)?|inject(?:s|ed|ing)?)\s+(?:(?:about|another|nearly|up to|more than)\s+)?[$€£¥]?\d[\d.,]*\s*(?:billion|million|bn|m)?)\b/i],
  ['raised funds', /\b(?:rais(?:e|es|ed|ing)\s+(?:\$|€|£|\d|about|more|nearly|roughly|up to)|funding round|(?:series\s+[a-h])\s+round)/i],
  ['launched', /\b(?:launch(?:es|ed|ing)?|unveil(?:s|ed|ing)?|introduc(?:e|es|ed|ing)|debut(?:s|ed)?|roll(?:s|ed|ing)?\s+out)\b/i],
  ['released', /\b(?:releas(?:e|es|ed|ing)|shipped|ships(?=\s+(?:the|its|an?|\d))|open-sourc(?:e|es|ed))\b/i],
  ['sued', /\b(?:sue(?:s|d)?|suing|lawsuit|filed\s+(?:a\s+)?(?:suit|complaint))\b/i],
  ['fined', /\b(?:fined|fines?\s+of|penalt(?:y|ies)\s+of|civil penalt(?:y|ies))\b/i],
  ['charged', /\b(?:charg(?:ed|es|ing)\s+(?:\p{L}+\s+){0,3}with|indict(?:ed|ment|s)?|arrest(?:ed|s)?)\b/iu],
  ['banned', /\b(?:ban(?:s|ned|ning)?|prohibit(?:s|ed|ing)?|barred|outlaw(?:s|ed)?)\b/i],
  ['restricted', /\b(?:restrict(?:s|ed|ing|ions?)?|export controls?|curb(?:s|ed|ing)?)\b/i],
  ['cut access', /\b(?:(?:cut(?:s|ting)?|revok(?:e|es|ed|ing)|block(?:s|ed|ing)|restrict(?:s|ed|ing)|end(?:s|ed|ing))\s+(?:off\s+)?(?:[\p{L}’'.-]+\s+){0,3}access|shut\s+off)\b/iu],
  ['cut jobs', /\b(?:lay(?:s|ing)?\s+off|laid\s+off|layoffs?|job\s+cuts|(?:cut|eliminat)(?:s|ting|e|es|ed|ing)?\s+(?:[\p{L}\d,.]+\s+){0,3}(?:jobs|staff|workers|employees|positions))\b/iu],
  ['awarded', /\b(?:award(?:s|ed|ing)?\s+(?:\p{L}+\s+){0,3}(?:contract|grant)|select(?:s|ed|ing|ion of)\b|add(?:s|ed|ing)\s+(?:[\p{L}\d]+\s+){0,3}(?:companies|firms|vendors)\s+to)/iu],
  ['discovered', /\b(?:discover(?:s|ed|y)|detect(?:s|ed)|found (?:evidence|traces)|confirmed (?:the presence|traces))\b/i],
  ['lobbied', /\blobb(?:y|ies|ied|ying)\b/i],
  ['met', /\b(?:met|meet(?:s|ing)?)\s+with\b/i],
  ['hired', /\b(?:hir(?:e|es|ed|ing)|appoint(?:s|ed|ing)|tapped|named\s+(?:\p{L}+\s+){0,4}(?:as|chief|ceo|president|head|chair))\b/iu],
  ['resigned', /\b(?:resign(?:s|ed|ing|ation)?|step(?:s|ped|ping)?\s+down|ousted|fired)\b/i],
  ['investigated', /\b(?:investigat(?:e|es|ed|ing|ion)|probe|probing|scrutiny|inquiry|subpoena(?:s|ed)?|examin(?:e|es|ed|ing))\b/i],
  // A regulator that finalizes or adopts a rule approves it: the Federal Register's "final rule".
  ['approved', /\b(?:approv(?:e|es|ed|ing|al)|authoriz(?:e|es|ed|ing)|finaliz(?:e|es|ed|ing)|adopt(?:s|ed|ing)?\s+(?:a\s+|the\s+|new\s+)?(?:final\s+)?rules?|issu(?:e|es|ed|ing)\s+(?:a\s+|the\s+)?final\s+rule)\b/i],
  ['proposed', /\b(?:propos(?:e|es|ed|ing|al)|draft\s+rule)\b/i],
  ['ruled', /\b(?:ruled|ruling)\b/i],
  // "Vanguard to Pay More Than $100 Million to Resolve Violations": paying to resolve is settling.
  ['settled', /\bsettl(?:e|es|ed|ing|ement)\b|\bpa(?:y|ys|id|ying)\s+(?:[\p{L}$€£\d.,]+\s+){0,6}to\s+resolve\b/iu],
  ['sold', /\b(?:sold|sell(?:s|ing)?|divest(?:s|ed|ing)?)\b/i],
  ['partnered', /\b(?:partner(?:s|ed|ing|ship)\s+with|teamed\s+up|(?:deal|agreement)\s+with)\b/i],
  ['suspended', /\b(?:suspend(?:s|ed|ing)?|paus(?:e|es|ed|ing)|halt(?:s|ed|ing)?)\b/i],
  ['withdrew', /\b(?:withdr(?:ew|aw|aws|awn|awing)|pull(?:s|ed)?\s+out|rescind(?:s|ed)?)\b/i],
  ['delayed', /\b(?:delay(?:s|ed|ing)?|postpon(?:e|es|ed|ing))\b/i],
  ['reported results', /\b(?:report(?:s|ed)?|post(?:s|ed)?)\s+(?:\p{L}+\s+){0,3}(?:revenue|profit|loss|earnings|sales|results)|\b(?:revenue|profit|earnings|sales)\s+(?:rose|fell|grew|jumped|dropped|climbed)\b/iu],
  ['announced', /\bannounc(?:e|es|ed|ing)\b/i],
  ['denied', /\b(?:den(?:y|ies|ied|ying)|reject(?:s|ed)\s+(?:the|these)\s+(?:report|claim|allegation)s?)\b/i],
];
const GENERIC = new Set<ClaimPredicate>(['announced', 'denied']);
const RELATIVE_CLAUSE = /,\s+(?:who|whom|whose|which)\b[^,]{1,120},/gi;

/** The claim's action: the earliest specific predicate cue, else a generic one, with where it starts. */
export function predicateOf(sentence: string): { predicate: ClaimPredicate; index: number; length: number } | undefined {
  let best: { predicate: ClaimPredicate; index: number; length: number } | undefined;
  let generic: typeof best;
  // "Assange, who denies the accusation, has avoided extradition": a relative clause describes
  // the subject; the claim's action is outside it (blanked, so offsets stay those of the sentence).
  const main = sentence.replace(RELATIVE_CLAUSE, (clause) => ' '.repeat(clause.length));
  for (const [predicate, pattern] of PREDICATE_CUES) {
    const m = pattern.exec(main);
    if (!m) continue;
    const hit = { predicate, index: m.index, length: m[0].length };
    if (GENERIC.has(predicate)) {
      if (!generic || hit.index < generic.index) generic = hit;
    } else if (!best || hit.index < best.index) best = hit;
  }
  return best ?? generic;
}

const SCALE: Record<string, number> = { thousand: 1e3, k: 1e3, million: 1e6, m: 1e6, mn: 1e6, billion: 1e9, bn: 1e9, b: 1e9, trillion: 1e12, tn: 1e12 };
const CURRENCY_SIGN: Record<string, string> = { $: 'USD', '€': 'EUR', '£': 'GBP', '¥': 'JPY' };
const CURRENCY_WORD: Record<string, string> = { dollars: 'USD', euros: 'EUR', pounds: 'GBP', yen: 'JPY', yuan: 'CNY', rupees: 'INR', won: 'KRW' };
const NUMBER = String.raw`(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)`;
const SCALE_WORD = String.raw`(?:\s?(thousand|million|billion|trillion|bn|mn|tn|[kmb])\b)?`;
const MONEY_SIGN = new RegExp(String.raw`(?:(US|A|C|HK)?([$€£¥]))\s?${NUMBER}${SCALE_WORD}`, 'gi');
const MONEY_WORD = new RegExp(String.raw`\b${NUMBER}${SCALE_WORD}\s+(dollars|euros|pounds|yen|yuan|rupees|won)\b`, 'gi');
const PERCENT = new RegExp(String.raw`\b${NUMBER}\s?(?:%|percent\b|per cent\b)`, 'gi');
const COUNT = new RegExp(String.raw`\b${NUMBER}${SCALE_WORD}\s+(jobs|employees|workers|staff|users|customers|people|subscribers|shares|vehicles|units)\b`, 'gi');

const num = (digits: string, scale?: string) => Number(digits.replace(/,/g, '')) * (scale ? (SCALE[scale.toLowerCase()] ?? 1) : 1);

/** Money, percentages and counts stated in a sentence ("$6.5 billion" -> 6.5e9 USD). */
export function amountsOf(sentence: string): ClaimAmount[] {
  const out: ClaimAmount[] = [];
  for (const m of sentence.matchAll(MONEY_SIGN)) {
    const prefix = m[1]?.toUpperCase();
    const unit = m[2] === '$' && prefix && prefix !== 'US' ? `${prefix === 'A' ? 'AUD' : prefix === 'C' ? 'CAD' : 'HKD'}` : CURRENCY_SIGN[m[2]];
    out.push({ value: num(m[3], m[4]), unit, text: m[0].trim() });
  }
  for (const m of sentence.matchAll(MONEY_WORD)) out.push({ value: num(m[1], m[2]), unit: CURRENCY_WORD[m[3].toLowerCase()], text: m[0] });
  for (const m of sentence.matchAll(PERCENT)) out.push({ value: num(m[1]), unit: 'percent', text: m[0] });
  for (const m of sentence.matchAll(COUNT)) out.push({ value: num(m[1], m[2]), unit: m[3].toLowerCase(), text: m[0] });
  return out;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH = String.raw`(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?`;
const MONTH_DAY = new RegExp(String.raw`\b${MONTH}\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?\b`, 'g');
const MONTH_YEAR = new RegExp(String.raw`\b${MONTH}\s+(\d{4})\b`, 'g');
const ISO_DATE = /\b(\d{4})-(\d{2})-(\d{2})\b/g;
const YEAR = /\b(?:in|by|since|during|for|of)\s+((?:19|20)\d{2})\b/g;
const pad = (n: number | string) => String(n).padStart(2, '0');
const monthOf = (name: string) => MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;

/** Calendar dates a sentence states; weekdays and "last week" need the publication date and are left out. */
export function datesOf(sentence: string): ClaimDate[] {
  const out: ClaimDate[] = [];
  const taken: [number, number][] = [];
  const add = (value: string, m: RegExpMatchArray) => {
    const start = m.index ?? 0;
    if (taken.some(([s, e]) => start < e && start + m[0].length > s)) return;
    taken.push([start, start + m[0].length]);
    out.push({ value, text: m[0] });
  };
  for (const m of sentence.matchAll(ISO_DATE)) add(`${m[1]}-${m[2]}-${m[3]}`, m);
  for (const m of sentence.matchAll(MONTH_DAY)) {
    // "May 5" is a date; "may 5" is not, and the month names are capitalised.
    if (!/^\p{Lu}/u.test(m[1])) continue;
    add(m[3] ? `${m[3]}-${pad(monthOf(m[1]))}-${pad(m[2])}` : `--${pad(monthOf(m[1]))}-${pad(m[2])}`, m);
  }
  for (const m of sentence.matchAll(MONTH_YEAR)) if (/^\p{Lu}/u.test(m[1])) add(`${m[2]}-${pad(monthOf(m[1]))}`, m);
  for (const m of sentence.matchAll(YEAR)) add(m[1], m);
  return out;
}

// Negation governing the predicate: "did not acquire", "has never sued", "no longer restricts".
const NEGATION_BEFORE = /\b(?:not|never|no longer|n't|neither|nor|without)\s+(?:\p{L}+\s+){0,2}$/iu;
const DENIAL_BEFORE = /\b(?:den(?:y|ies|ied|ying)|refut(?:e|es|ed)|rejected (?:reports|claims|suggestions)|dismissed (?:reports|claims)|(?:is|was) (?:false|untrue|not true))\b/i;
const NEGATED_DENIAL = /\b(?:not|never|n't|neither|nor)\s+(?:\p{L}+\s+)?den(?:y|ies|ied)\b/iu;

// A sentence without an action is denied by a negation in its first clause: "not only X but Y"
// affirms X, and "X, but things didn't get better" still affirms X.
const NEGATION = /\b(?:not(?!\s+only\b)|never|no longer)\b|n['’]t\b/i;
const mainClause = (sentence: string) => sentence.split(/\s+but\s+|;\s/i)[0];

function polarityOf(sentence: string, at: number): ClaimPolarity {
  const before = sentence.slice(0, at);
  if (NEGATION_BEFORE.test(before)) return 'denied';
  if (DENIAL_BEFORE.test(before) && !NEGATED_DENIAL.test(before)) return 'denied';
  return 'affirmed';
}

export function slug(name: string): string {
  return normalizeText(name).replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

// A person's name with a middle name or initial: "Owen John Dempsey", "Michael J. Fox".
const MIDDLE_NAMED = /^(\p{Lu}\p{Ll}+)\s+(?:\p{Lu}\.|\p{Lu}\p{Ll}+)\s+(\p{Lu}[\p{Ll}'’-]+)$/u;

/** The key of a name the registry lacks: its slug, without a middle name ("Owen John Dempsey" is "Owen Dempsey" elsewhere). */
export function candidateKey(name: string): string {
  const person = MIDDLE_NAMED.exec(name.trim());
  return slug(person ? `${person[1]} ${person[2]}` : name);
}


interface Span extends ClaimEntity {
  start: number;
  end: number;
}

// Capitalised words that open a sentence or a clause without naming anyone.
const NOT_NAMES = new Set(
  'the a an this that these those it its he she they we i our their his her on in at by for of and but or if as after before when while according however meanwhile also earlier later last separately although though yet still then now so thus because since monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec ceo cfo coo cto ipo chairman president mr mrs ms dr police officials'.split(
    ' ',
  ),
);
const DATE_WORD = /^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|June|July|August|September|October|November|December)[.,]?$/;
const PROPER_RUN = /(?<![\p{L}\p{N}'’])(\p{Lu}[\p{L}&.'’-]*(?:\s+(?:of\s+|&\s+)?\p{Lu}[\p{L}&.'’-]*){0,4})/gu;

// "Vanguard to Pay More Than $100 Million to Resolve Violations": four in five longer words capitalised.
function isTitleCase(sentence: string): boolean {
  const words = sentence.split(/\s+/).filter((w) => /^\p{L}{4,}/u.test(w));
  return words.length >= 4 && words.filter((w) => /^\p{Lu}/u.test(w)).length >= 0.8 * words.length;
}

/**
 * Entity spans in a sentence: registry mentions, the article's other named entities, then
 * proper-noun runs as candidates. A bare surname the article gave in full before ("Nadal" after
 * "Rafael Nadal") is the person named in full (`fullNames`: the people the article names).
 */
function entitySpans(sentence: string, entityNames: string[], fullNames: string[] = []): Span[] {
  const gazetteer = loadGazetteer();
  const spans: Span[] = [];
  for (const m of gazetteer.findMentions(sentence)) {
    const entity = gazetteer.get(m.key);
    if (!entity || entity.kind === 'outlet') continue;
    spans.push({ key: entity.key, name: entity.name, start: m.start, end: m.end });
  }
  const overlaps = (start: number, end: number) => spans.some((s) => start < s.end && end > s.start);
  for (const name of entityNames) {
    if (gazetteer.resolve(name)) continue;
    for (const m of sentence.matchAll(new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(name)}(?![\\p{L}\\p{N}])`, 'gu'))) {
      const start = m.index ?? 0;
      if (!overlaps(start, start + name.length)) spans.push({ key: candidateKey(name), name, start, end: start + name.length });
    }
  }
  // Names outside the registry ("Home Depot", "Letitia James"): proposed as candidates by slug.
  // A headline in title case capitalises every word, so its capitals name nobody.
  if (isTitleCase(sentence)) return spans.sort((a, b) => a.start - b.start);
  for (const m of sentence.matchAll(PROPER_RUN)) {
    const words = m[1].split(/\s+/);
    let offset = m.index ?? 0;
    // "Mr. Garrett" is Garrett: titles and sentence openers go, with their full stop.
    while (words.length > 0 && NOT_NAMES.has(words[0].toLowerCase().replace(/\.$/, ''))) offset += words.shift()!.length + 1;
    // "the House Intelligence Committee Tuesday": a weekday or month after a name dates it.
    while (words.length > 1 && DATE_WORD.test(words[words.length - 1])) words.pop();
    // "Taylor Swift's first six albums": the name without its possessive.
    const name = words.join(' ').replace(/(?:['’]s?)?[.,-]*$/, '');
    if (name.length < 3 || NOT_NAMES.has(name.toLowerCase()) || overlaps(offset, offset + name.length) || gazetteer.resolve(name)?.kind === 'outlet') continue;
    const full = namedInFull(name, fullNames, entityNames);
    // A single capitalised word opening the sentence is usually not a name ("Officials said"),
    // unless it is the surname of someone the article named in full.
    if (words.length === 1 && offset === 0 && !full) continue;
    if (full) {
      spans.push({ ...full, start: offset, end: offset + name.length });
      continue;
    }
    // "many of them Chinese", "Swedish prosecutors": a demonym names its country.
    const country = countryOfDemonym(name);
    if (country) spans.push({ key: country.key, name: country.name, start: offset, end: offset + name.length });
    else spans.push({ key: candidateKey(name), name, start: offset, end: offset + name.length, candidate: true });
  }
  return spans.sort((a, b) => a.start - b.start);
}

/**
 * The person the article named in full whose name ends in `surname` ("Nadal" for Rafael Nadal,
 * "Van Der Beek" for James Van Der Beek): a name the tagger proposed, else the registry's person.
 */
function namedInFull(surname: string, fullNames: string[], entityNames: string[]): Omit<Span, 'start' | 'end'> | undefined {
  const tagged = fullNames.find((n) => n.endsWith(` ${surname}`));
  if (tagged) return { key: candidateKey(tagged), name: tagged, candidate: true };
  const gazetteer = loadGazetteer();
  for (const name of entityNames) {
    if (!name.endsWith(` ${surname}`)) continue;
    const entity = gazetteer.resolve(name);
    if (entity?.kind === 'person') return { key: entity.key, name: entity.name };
  }
  return undefined;
}

let demonyms: Map<string, { key: string; name: string }> | undefined;
function countryOfDemonym(word: string): { key: string; name: string } | undefined {
  demonyms ??= new Map(loadGazetteer().entities.flatMap((e) => (e.kind === 'country' ? e.demonyms.filter((d) => /^\p{Lu}\p{Ll}/u.test(d)).map((d) => [d, { key: e.key, name: e.name }] as const) : [])));
  return demonyms.get(word);
}

const PASSIVE_BY = /^\s*by\s+(?:the\s+)?/i;
const ROLE_BETWEEN = /^\s+(?:\p{Ll}[\p{Ll}-]*\s+){0,2}(?:official|spokes(?:man|woman|person)|representative|analyst|executive|chief|director|minister|secretary|president|chairman|chairwoman|founder|co-founder|lawyer|attorney|adviser|advisor|economist|researcher|scientist|manager|counselor|ambassador|envoy|head|leader|deputy|ceo|engineer|investigator|prosecutor|commissioner)\s+$/u;
const NOMINAL_BEFORE = /\b(?:the|a|an|its|his|her|their|this|that)\s+$/i;
const objectsBesides = (spans: Span[], subject: Span | undefined): ClaimEntity[] => {
  const seen = new Set(subject ? [subject.key] : []);
  return spans.filter((s) => s !== subject && !seen.has(s.key) && (seen.add(s.key), true)).map(entity);
};
// A registry entity this early in a sentence without an action is its subject rather than a proposed name before it.
const FIRST_CLAUSE = 60;
const entity = (s: Span): ClaimEntity => (s.candidate ? { key: s.key, name: s.name, candidate: true } : { key: s.key, name: s.name });

/**
 * The structure of one sentence; `entityNames` are the article's entities the registry may lack.
 * Without an action of the vocabulary the subject is the first entity named (the registry's
 * before a proposed name) and the predicate stays empty: "Wales beat Hungary 2-0" is a fact to
 * check all the same.
 */
export function claimStructure(sentence: string, entityNames: string[] = [], fullNames: string[] = []): ClaimStructure {
  const found = predicateOf(sentence);
  const amounts = amountsOf(sentence);
  const dates = datesOf(sentence);
  const spans = entitySpans(sentence, entityNames, fullNames);
  // A name the tagger proposed for the article ("Taylor Swift") is as good a subject as a registry
  // entry; raw capitalised runs are not ("Staff Reports Police").
  const tagged = new Set(fullNames);
  const named = (s: Span) => !s.candidate || tagged.has(s.name);
  // "State Department official David Holmes": the organisation describes the person, who acts.
  const heads = spans.filter((s, i) => !(spans[i + 1]?.candidate && spans[i + 1].name.includes(' ') && ROLE_BETWEEN.test(sentence.slice(s.end, spans[i + 1].start))));
  // The clause's first entity, the registry's or a tagged name before a raw capitalised run.
  const opening = heads.find((s) => named(s) && s.start < FIRST_CLAUSE) ?? heads[0];
  if (!found) {
    const structure: ClaimStructure = { objects: objectsBesides(spans, opening), amounts, dates, polarity: NEGATION.test(mainClause(sentence)) ? 'denied' : 'affirmed' };
    if (opening) structure.subject = entity(opening);
    return structure;
  }
  const verbEnd = found.index + found.length;
  const registered = (list: Span[]) => list.find(named) ?? list[0];
  // "in the release of classified documents": an action named as a noun is not the sentence's
  // verb, so whoever stands nearest before it is not its subject; the clause's opening entity is.
  if (NOMINAL_BEFORE.test(sentence.slice(0, found.index))) {
    const structure: ClaimStructure = { predicate: found.predicate, objects: objectsBesides(spans, opening), amounts, dates, polarity: polarityOf(sentence, found.index) };
    if (opening) structure.subject = entity(opening);
    return structure;
  }
  const before = heads.filter((s) => s.end <= found.index);
  const after = spans.filter((s) => s.start >= verbEnd);
  // Passive: "WeWork is being investigated by the NYAG" -> the NYAG investigates WeWork.
  const agent = after.find((s) => PASSIVE_BY.test(sentence.slice(verbEnd, s.start)) && s.start - verbEnd < 20);
  let subject: Span | undefined;
  let objects: Span[];
  if (agent) {
    subject = agent;
    objects = spans.filter((s) => s !== agent);
  } else {
    // The nearest registered or tagged entity before the verb, else the nearest candidate, else the first after it.
    const closest = [...before].reverse();
    subject = closest.find((s) => named(s) && found.index - s.end < 120) ?? closest[0] ?? registered(after);
    objects = spans.filter((s) => s !== subject && s.start >= (subject && subject.start < found.index ? found.index : 0));
  }
  const seen = new Set(subject ? [subject.key] : []);
  const uniqueObjects = objects.filter((o) => !seen.has(o.key) && (seen.add(o.key), true)).map(entity);
  const structure: ClaimStructure = { predicate: found.predicate, objects: uniqueObjects, amounts, dates, polarity: polarityOf(sentence, found.index) };
  if (subject) structure.subject = entity(subject);
  return structure;
}

// ── Comparing structures ──────────────────────────────────────────────────

/** Amounts are compatible when every unit both state has a value within 10 % in each. */
export function amountsCompatible(a: ClaimAmount[], b: ClaimAmount[]): boolean {
  for (const x of a) {
    const same = b.filter((y) => y.unit === x.unit);
    if (same.length > 0 && !same.some((y) => Math.abs(x.value - y.value) <= 0.1 * Math.max(x.value, y.value))) return false;
  }
  return true;
}

// "2019-11" and "2019-11-18" agree; "--11-18" agrees with any year's 18 November.
function dateAgrees(x: string, y: string): boolean {
  const norm = (d: string) => d.replace(/^--/, '');
  if (x.startsWith('--') || y.startsWith('--')) return norm(x).endsWith(norm(y)) || norm(y).endsWith(norm(x));
  return x.startsWith(y) || y.startsWith(x);
}

export function datesCompatible(a: ClaimDate[], b: ClaimDate[]): boolean {
  if (a.length === 0 || b.length === 0) return true;
  return a.some((x) => b.some((y) => dateAgrees(x.value, y.value)));
}

// Objects agree when neither names one the other contradicts: one list contains the other, or
// they share an entity ("invested in Anthropic" vs "invested in Anthropic and Scale").
function objectsCompatible(a: ClaimEntity[], b: ClaimEntity[]): boolean {
  const ka = a.filter((o) => !o.candidate).map((o) => o.key);
  const kb = b.filter((o) => !o.candidate).map((o) => o.key);
  if (ka.length === 0 || kb.length === 0) return true;
  return ka.some((k) => kb.includes(k));
}

export type StructureRelation = 'same' | 'contradicts' | 'unrelated';

/**
 * How two claims relate by meaning: the same subject and predicate with compatible objects,
 * amounts and dates are the same claim; the same subject, predicate and objects with opposite
 * polarity or incompatible amounts or dates contradict; anything else is unrelated (wording never
 * merges two claims).
 */
export function relateStructures(a: ClaimStructure, b: ClaimStructure): StructureRelation {
  if (!a.subject || !b.subject || !a.predicate || a.predicate !== b.predicate || a.subject.key !== b.subject.key) return 'unrelated';
  if (!objectsCompatible(a.objects, b.objects)) return 'unrelated';
  const factsAgree = amountsCompatible(a.amounts, b.amounts) && amountsCompatible(b.amounts, a.amounts) && datesCompatible(a.dates, b.dates);
  if (a.polarity !== b.polarity || !factsAgree) return 'contradicts';
  return 'same';
}
