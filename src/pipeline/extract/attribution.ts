// Who a sentence says its information comes from ("according to The Wall Street Journal",
// "Bloomberg reported", "the company said in a statement"). The origin decides which
// articles are independent of each other, so a wrong origin merges or splits evidence:
// patterns are tried from the most to the least specific and names are normalised to
// gazetteer names ("WSJ" -> "The Wall Street Journal").
import { findEntities, loadGazetteer } from '../../text/gazetteer';

export interface Attribution {
  /** Canonical name of the outlet, organisation or person the claim is attributed to. */
  origin: string;
  /** Which kind of cue named it: dateline, according to, reported, reported by, reporting, told, survey, citing, statement, filing, spokesperson, said, source line, post. */
  cue: string;
  /**
   * The published study the speaker is an author of, by its journal ("study lead author Lucas
   * Paganini" in an article on a paper in Nature Astronomy): the author and the journal are one
   * origin, the research.
   */
  speaksFor?: string;
}

export interface AttributionContext {
  /** Entity names of the article, most prominent first: resolves "the company said". */
  entityNames?: string[];
  /**
   * Names the tagger found in the article that the registry lacks (people and organisations):
   * a quoted speaker ("Lopez said") is an origin when the article names them ("Feliciano Lopez").
   */
  taggedNames?: string[];
  /** Outlets the article names: a later short form ("the Chronicle" after "the San Francisco Chronicle") is that outlet. */
  outletNames?: string[];
  /** The study the article reports on (researchOf): its authors speak for it. */
  research?: Research;
}

/** A published study an article reports on: the journal it appeared in and the authors the article names. */
export interface Research {
  journal: string;
  authors: string[];
}

// A run of capitalised words, optionally joined by "of", "and", "&" ("Bank of America").
const CAP = String.raw`(?:\p{Lu}[\p{L}\p{N}&.'’-]*|\d+[\p{L}][\p{L}\p{N}]*)`;
// "Office of the Inspector General", "Monthly Notices of the Royal Astronomical Society". At most eight
// words: a longer run is no name, and an unbounded one makes every rule quadratic in it.
const NAME_RUN = String.raw`(?:[Tt]he\s+)?${CAP}(?:\s+(?:(?:of\s+the|of|for|and|&|de|the)\s+)?${CAP}){0,7}`;
const NAME = `(${NAME_RUN})`;
// A lower-case word of a role before a name ("recently named executive chair"): not a clause ("said that officials met").
const ROLE_WORD = String.raw`(?!(?:that|it|he|she|they|we|the|a|an|this|its|their|to|with|by|for|from|in|inside|at|on|of|near|outside|and|or|but|is|was|were|has|had|would|will|met|told|asked)\b)\p{Ll}[\p{Ll}-]*`;
const SOURCE_NOUN = String.raw`(?:report|story|article|statement|filing|post|blog post|memo|document|interview|email|letter|data|figures|analysis|survey|study|investigation)s?`;

// Lower-case words that may stand between "according to the" and a name ("the state-run Xinhua News Agency",
// "the medical journal BMJ Case Reports").
const DESCRIPTOR = '(?:new|recent|latest|state-run|state-owned|state|official|semi-official|local|financial|business|news|daily|newspaper|magazine|broadcaster|website|outlet|agency|tabloid|publication|trade|industry|medical|scientific|peer-reviewed|journal)';

// What an outlet is called before its name ("Taiwanese publication DigiTimes") or instead of it ("the news agency said").
const OUTLET_NOUN = '(?:news agency|wire service|newspaper|paper|broadcaster|outlet|magazine|publication|website|site)';

// Words that open a capitalised run without being part of the name ("On Friday Bloomberg").
const LEADING_NOISE = new Set([
  'the', 'on', 'in', 'at', 'but', 'and', 'also', 'meanwhile', 'earlier', 'later', 'last', 'separately', 'however',
  'then', 'when', 'while', 'after', 'before', 'as', 'this', 'that', 'it', 'a', 'an', 'monday', 'tuesday',
  'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'january', 'february', 'march', 'april', 'may',
  'june', 'july', 'august', 'september', 'october', 'november', 'december', 'today', 'yesterday',
]);
// Capitalised words that are not origins when nothing in the gazetteer backs them.
// Generic plurals and pronouns say who, not which: "Others reported being logged off" has no origin.
const NOT_ORIGINS = new Set([
  'officials', 'analysts', 'sources', 'reports', 'critics', 'experts', 'police', 'investigators', 'he', 'she', 'they', 'we', 'i', 'it',
  'others', 'some', 'many', 'several', 'few', 'most', 'both', 'all', 'users', 'customers', 'consumers', 'people', 'residents',
  'witnesses', 'employees', 'workers', 'staff', 'researchers', 'scientists', 'observers', 'commentators', 'reporters',
  'journalists', 'insiders', 'lawmakers', 'regulators', 'prosecutors', 'authorities', 'media', 'you', 'one', 'this', 'that',
  'wall street', 'investors', 'traders', 'markets',
]);
// A generic noun after "the" names an outlet only when the registry knows which ("the Journal"):
// left unresolved it would become an origin called "Journal".
const GENERIC_OUTLET_NOUNS = new Set(['journal', 'times', 'post', 'paper', 'newspaper', 'magazine', 'network', 'agency', 'outlet', 'site', 'website', 'publication', 'broadcaster', 'wire', 'company', 'firm']);

// Not an office whose name holds its officer ("U.S. Attorney’s Office for the Western District", "the Sheriff’s Office").
const OWN_NAME = /^(?:.+?)(?<!\b(?:Attorney|General|Sheriff|Governor|Mayor|Marshal|Coroner|Comptroller|Treasurer|Clerk|Prosecutor|Inspector|Commissioner|Auditor|Controller|President|Secretary|Chancellor|Examiner|Director))[’']s\s+((?:Department|Office|Ministry|Bureau|Agency|Commission|Council|Court|Institute|Administration|Board|Service)\s+(?:of|for|on)\s+.+)$/u;
const institutionName = (name: string) => OWN_NAME.exec(name)?.[1].replace(/[.,;:'’"”-]+$/, '');

/** The canonical gazetteer name for a phrase, trying shorter tails ("On Friday Bloomberg"). */
function canonicalName(raw: string): string | undefined {
  const gazetteer = loadGazetteer();
  // "South Dakota's Department of Social Services", "NASA’s Office of the Inspector General": an
  // institution with a name of its own speaks, by that name.
  const institution = institutionName(raw);
  if (institution) return institution;
  // "The Verge's Stadia review": the owner of the possessive is the source.
  const possessive = /^(.+?)[’']s\s/u.exec(raw);
  if (possessive && gazetteer.resolve(possessive[1])) return gazetteer.resolve(possessive[1])!.name;
  // The capture may run into the sentence's full stop ("the Financial Times.").
  const words = raw.replace(/[’']s$/, '').trim().split(/\s+/);
  const trimmed = [...words.slice(0, -1), words[words.length - 1].replace(/[.,;:'’"”-]+$/, '')];
  for (let i = 0; i < words.length; i++) {
    const entity = gazetteer.resolve(words.slice(i).join(' ')) ?? gazetteer.resolve(trimmed.slice(i).join(' '));
    if (entity) return entity.name;
  }
  // "the Argus Leader of Sioux Falls": an outlet named with its town.
  const town = trimmed.indexOf('of');
  const outlet = town > 0 ? gazetteer.resolve(trimmed.slice(0, town).join(' ')) : undefined;
  if (outlet?.kind === 'outlet') return outlet.name;
  let start = 0;
  while (start < trimmed.length && LEADING_NOISE.has(trimmed[start].toLowerCase())) start++;
  const rest = trimmed.slice(start).join(' ');
  if (!rest || NOT_ORIGINS.has(rest.toLowerCase()) || GENERIC_OUTLET_NOUNS.has(rest.toLowerCase())) return undefined;
  return rest;
}

function isOutlet(name: string): boolean {
  return loadGazetteer().resolve(name)?.kind === 'outlet';
}

function isKnownEntity(name: string): boolean {
  return loadGazetteer().resolve(name) !== undefined;
}

// Titles and honorifics the tagger keeps in front of a name ("Lt. Matt Harris", "CEO Craig Menear",
// "Interior Minister Wolfgang Peschorn", "Lexus Project Manager Fumihiko Hazama").
const HONORIFIC = /^(?:(?:Lt|Dr|Mr|Mrs|Ms|Sen|Rep|Gov|Gen|Col|Sgt|Capt|Prof|St)\.?|Coach|Judge|Justice|Ambassador|Deputy|Chairman|Chairwoman)\s+/u;
const ROLE = /^(?:[\p{Lu}][\p{L}.&-]*\s+){0,4}?(?:CEO|President|Minister|Director|Secretary|Chief|Officer|Manager|Chairman|Chairwoman|Spokesperson|Spokesman|Spokeswoman|Analyst|Founder|Governor|Commissioner|Insider|Reporter|Correspondent|Editor|Columnist|Administrator|Ombudsman)\s+(?=[\p{Lu}])/u;
const stripTitle = (name: string) => {
  let out = name.trim().replace(ROLE, '');
  while (HONORIFIC.test(out)) out = out.replace(HONORIFIC, '');
  return out;
};

// A speaker the article names: the full name of a registry or tagged person, a later bare surname
// ("Harris said" after "Lt. Matt Harris", never another registry Harris), or a title before the
// name ("InfoNation President Dan McDowell").
function articleSpeaker(name: string, context: AttributionContext): string | undefined {
  const known = [...(context.entityNames ?? []), ...(context.taggedNames ?? [])].map(stripTitle).filter((n) => n.split(/\s+/).length >= 2);
  const bare = stripTitle(name);
  // A one-word name the tagger found as such ("Polygraph.info") is that organisation.
  if (!bare.includes(' ')) return known.find((n) => n.split(/\s+/).pop() === bare) ?? context.taggedNames?.find((n) => n === bare);
  return known.find((n) => n === bare || bare.endsWith(` ${n}`) || n.endsWith(` ${bare}`)) ?? (bare !== name.trim() ? bare : undefined);
}

// "The Chronicle says" in an article that named the San Francisco Chronicle: the outlet whose name ends so.
// "told TRD" in an article that named The Real Deal: an outlet is often cited later by its initials.
function articleOutlet(name: string, context: AttributionContext): string | undefined {
  const short = name.replace(/^the\s+/i, '').toLowerCase();
  if (isKnownEntity(name) || short.includes(' ')) return undefined;
  const initials = (outlet: string, withThe: boolean) => (withThe ? outlet : outlet.replace(/^the\s+/i, '')).split(/\s+/).map((w) => w[0]).join('').toLowerCase();
  const acronym = /^\p{Lu}{2,6}$/u.test(name.trim()) ? context.outletNames?.find((o) => o.includes(' ') && (initials(o, true) === short || initials(o, false) === short)) : undefined;
  return acronym ?? context.outletNames?.find((outlet) => outlet.toLowerCase().split(/\s+/).pop() === short && outlet.toLowerCase() !== short);
}

// "(HawaiiNewsNow)" in a dateline, for the Hawaii News Now the article names: a handle is the name without spaces.
function taggedHandle(handle: string, context: AttributionContext): string | undefined {
  const compact = (n: string) => n.replace(/[^\p{L}\p{N}]/gu, '').toLowerCase();
  return context.taggedNames?.find((n) => n.includes(' ') && compact(n) === compact(handle));
}

// A name with a role in apposition, or after "said" and a lower-case role, is a person speaking.
const APPOSED_SPEAKER = /(?<![\p{L}])(\p{Lu}\p{Ll}+(?:\s+\p{Lu}\.)?\s+\p{Lu}[\p{Ll}'’-]+),\s+(?:a|an|the|\p{Ll}+)\b[^,]{0,100},\s+(?:has\s+)?(?:said|says|told|tells|wrote|added|explained|noted)\b|\b(?:said|says|wrote|added)\s+(?:(?:the|a|an)\s+)?(?:\p{Ll}[\p{Ll}-]*\s+){1,4}(\p{Lu}\p{Ll}+(?:\s+\p{Lu}\.)?\s+\p{Lu}[\p{Ll}'’-]+)\s*(?:[,.;]|$)/gu;

/** People an article quotes with their role ("Gwynne Shotwell, president of SpaceX, said"): their later bare surnames speak for them. */
export function apposedSpeakers(text: string): string[] {
  return [...new Set([...text.matchAll(APPOSED_SPEAKER)].map((m) => m[1] ?? m[2]))];
}

// "the company said": the organisation of that kind named in the sentence, else the
// article's most prominent entity that is not an outlet (outlets report, they are not
// "the company").
function impliedOrganisation(sentence: string, context: AttributionContext, kind: 'company' | 'agency'): string | undefined {
  const named = findEntities(sentence).find((m) => m.kind === kind);
  if (named) return named.name;
  const gazetteer = loadGazetteer();
  return context.entityNames?.find((name) => {
    const entityKind = gazetteer.resolve(name)?.kind;
    return entityKind === undefined || entityKind === kind;
  });
}

// A mission is named by its post: "the US Embassy in New Delhi" is not the embassy in Beijing.
const MISSION = /\b(?:Embassy|Consulate|High Commission|Mission)$/u;
const POST = new RegExp(String.raw`^\s+in\s+(${CAP}(?:\s+${CAP}){0,2})`, 'u');
function withPost(origin: string, match: RegExpMatchArray, raw: string | undefined): string {
  if (!raw || !MISSION.test(origin)) return origin;
  const post = POST.exec(match[0].slice(match[0].indexOf(raw) + raw.length));
  return post ? `${origin} in ${post[1]}` : origin;
}

interface Rule {
  cue: string;
  pattern: RegExp;
  /** Extra condition on the captured name (e.g. "told X" only for outlets). */
  accept?: (name: string) => boolean;
  /** A speaker the registry lacks counts when the article's tagged names include them. */
  speaker?: boolean;
  /** Builds the origin from the whole match, instead of reading it from the captured name. */
  build?: (match: RegExpMatchArray, context: AttributionContext) => string | undefined;
}

const re = (source: string, flags = 'u') => new RegExp(source, flags);
// What a company reports as its own results.
const RESULTS = String.raw`(?:earnings|results|revenues?|sales|profits?|loss(?:es)?|income)\b`;
// Verbs that credit what follows or precedes to a speaker ("added to his collection" is no saying).
// Verbs that also take a plain object ("claimed victory", "maintained a lead", "testified before")
// credit a speaker only before "that" or the end of the clause; verbs of finding and showing
// ("found that", "confirmed that") only before "that" ("confirmed the presence of water" is the news). A denial credits its speaker when it
// answers claims ("rejected these accusations"), not a deed ("denied doing anything wrong").
// An accusation is its accuser's claim ("the ministries accused U.S. forces in al-Tanf of controlling…").
const ACCUSED = String.raw`(?:accused|accuses)(?=\s+[^,;]{1,80}?\s+of\b)`;
const SAYING = String.raw`said|says|told|tells|wrote|writes|(?:added|adds)(?!\s+to\b)|estimates|points out|pointed out|noted|notes|explained|explains|shared with|tweeted|stated|(?:claimed|claims|argued|argues|maintained|maintains|insisted|insists|testified|warned|warns|admitted|admits|acknowledged|acknowledges|conceded|concedes|hinted|hints|estimated|joked|jokes|quipped|predicted|predicts|concluded|concludes|established)(?=\s+that\b|\s*[,.:;]|\s*$)|(?:found|finds|confirmed|confirms|indicated|indicates|revealed|reveals)(?=\s+that\b)|(?:announced|confirmed|continued|laughed)(?=\s*[,.;]|\s*$)|(?:denied|denies|rejected|rejects|dismissed|dismisses)(?=\s+(?:\S+\s+)?(?:accusations|allegations|claims|reports?|charges)\b)|${ACCUSED}`;
// Offices and roles a named owner speaks through ("her lawyer", "the interior minister").
const OFFICE = '(?:office|spokesperson|spokesman|spokeswoman|representative|minister|secretary|lawyers?|attorneys?|campaign)';
// An adverb of time or manner between a speaker and the verb ("Noem later tweeted that").
const SPEAKER_ADVERB = String.raw`(?:(?:later|also|previously|earlier|then|again|repeatedly|publicly|privately)\s+)?`;
// A verb in the past that a "saying" clause may follow ("expressed confidence in the winger, saying").
const DEED = String.raw`(?:\p{Ll}+ed|gave|took|made|spoke|went|came|held|sent)\b`;
// Participles of verbs that state a claim; "noting that" mostly adds context to what was done ("revealed the news…, noting").
const SAYING_CLAUSE = String.raw`(?:saying|adding|telling|writing|admitting|arguing|insisting|claiming)\b`;
// Verbs that state a claim after "and" and before "that" in a second clause of their subject.
const COORDINATED_SAYING = '(?:said|says|reported|reports|confirmed|confirms|announced|announces|indicated|indicates|warned|warns|claimed|claims|predicted|found|wrote|added|insisted|argued)';
const WEEKDAY = '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)';
// Rules are scanned with matchAll, which needs the global flag.
const all = (source: string) => re(source, 'gu');

// Institutions named by their state or owner and a lower-case noun ("China's commerce ministry",
// "Bolivia's public defender's office", "the Jordanian government"): the institution speaks, and
// the name is kept as written, for the registry has no entry for most of them.
const INSTITUTION = '(?:ministry|ministries|government|governments|department|office|embassy|consulate|military|army|navy|police|parliament|cabinet|agency|commission|regulator|court|council|administration|presidency)';
// A national adjective ("Jordanian", "Chinese", "British", "Israeli", "French").
const DEMONYM = String.raw`\p{Lu}\p{Ll}+(?:an|ese|ish|i|ch)`;
const INSTITUTION_SPEECH = String.raw`(?:has\s+|had\s+)?${SPEAKER_ADVERB}(?:said|says|reported|reports|confirmed|announced(?=\s*[,.;]|\s*$)|denied|stated|told|warned|(?:claimed|claims|estimated|found)(?=\s+that\b)|${ACCUSED})\b`;
// The owner is a state or an organisation the registry knows: a person's office speaks for the person (see OFFICE).
const ownedInstitution = (m: RegExpMatchArray) => {
  const owner = loadGazetteer().resolve(m[1]);
  return owner && owner.kind !== 'person' && owner.kind !== 'outlet' ? `${owner.name}'s ${m[2].replace(/’/g, "'")}` : undefined;
};
// "the Russian and Syrian defense ministries": the first of them, in the singular.
const singular = (noun: string) => noun.replace(/ies$/, 'y').replace(/ments$/, 'ment');
const nationalInstitution = (m: RegExpMatchArray) => `${m[1]} ${singular(m[2])}`;

const RULES: Rule[] = [
  { cue: 'dateline', pattern: all(String.raw`^\s*(?:[\p{Lu}][\p{Lu}\p{Ll} .,'-]*\s)?\((Reuters|AP|AFP|Bloomberg|Xinhua|dpa|Associated Press)\)\s*[-—–:]`) },
  // "said … Marcelo Claure in an email to staff that was reviewed by Reuters": the outlet that saw the
  // document relays it, and copies that credit that outlet must not count the speaker as a second origin.
  { cue: 'reported', pattern: all(String.raw`\b(?:e-?mail|letter|memo|note|message|document|filing|report|recording)s?\b[^.;]{0,60}?\b(?:reviewed|seen|obtained|viewed|heard)\s+by\s+${NAME}`), accept: isOutlet },
  // "HONOLULU, Hawaii (KHON2) -": any outlet the registry knows may open its dateline so.
  { cue: 'dateline', pattern: all(String.raw`^\s*[\p{Lu}][\p{Lu}\p{Ll} .,'-]*\s\(${NAME}\)\s*[-—–:]`), accept: isOutlet },
  { cue: 'said', pattern: all(String.raw`(?<![\p{L}])(\p{Lu}[\p{L}.&-]*(?:\s+\p{Lu}[\p{L}.&-]*){0,3})['’]s\s+((?:[\p{Ll}-]+(?:['’]s)?\s+){0,3}?${INSTITUTION})\s+${INSTITUTION_SPEECH}`), build: ownedInstitution },
  { cue: 'according to', pattern: all(String.raw`\b[Aa]ccording to (?:the\s+)?(\p{Lu}[\p{L}.&-]*(?:\s+\p{Lu}[\p{L}.&-]*){0,3})['’]s\s+((?:[\p{Ll}-]+(?:['’]s)?\s+){0,3}?${INSTITUTION})\b`), build: ownedInstitution },
  { cue: 'said', pattern: all(String.raw`\b[Tt]he\s+(${DEMONYM})\s+(?:and\s+${DEMONYM}\s+)?((?:[\p{Ll}-]+\s+){0,2}?${INSTITUTION})\s+${INSTITUTION_SPEECH}`), build: nationalInstitution },
  { cue: 'according to', pattern: all(String.raw`\b[Aa]ccording to the\s+(${DEMONYM})\s+((?:[\p{Ll}-]+\s+){0,2}?${INSTITUTION})\b`), build: nationalInstitution },
  // "according to the TexAuto Facts report from InfoNation": the report's publisher, not its title.
  { cue: 'according to', pattern: all(String.raw`\b[Aa]ccording to (?:the\s+)?(?:${CAP}\s+){1,4}${SOURCE_NOUN}\s+(?:by|from)\s+${NAME}`) },
  { cue: 'according to', pattern: all(String.raw`\b[Aa]ccording to (?:(?:a|an|the)\s+)?(?:${DESCRIPTOR}\s+){0,3}(?:${SOURCE_NOUN}\s+(?:by|from|in|published by|with)\s+)?${NAME}`) },
  { cue: 'reported by', pattern: all(String.raw`\b(?:first\s+|originally\s+|earlier\s+|previously\s+)?reported\s+(?:earlier\s+|first\s+)?by\s+${NAME}`) },
  // "Yersinia pestis, per the WHO, is often found in small mammals": "per" credits as "according to" does,
  // a name the registry or the article knows ("per cent" is lower case).
  { cue: 'according to', pattern: all(String.raw`(?:^|[\s,(])[Pp]er\s+${NAME}`), accept: isKnownEntity, speaker: true },
  { cue: 'reported by', pattern: all(String.raw`\b(?:a|the)\s+(?:${SOURCE_NOUN})\s+(?:by|from|in)\s+${NAME}`), accept: isOutlet },
  // "according to a paper published in the journal Nature Astronomy", "announced in an article published Monday in the journal X",
  // "published in two articles to be featured in the December 2019 issue of the journal X".
  { cue: 'according to', pattern: all(String.raw`\b(?:published|announced|reported|described)\s+(?:[\p{L}\d,]+\s+){0,12}(?:in|of)\s+the\s+journal\s+${NAME}`) },
  // A company that "reported third-quarter earnings" is the news, not its source.
  { cue: 'reported', pattern: all(String.raw`${NAME}(?:,[^,]{1,80},)?\s+(?:has\s+|had\s+)?(?:first\s+|originally\s+|previously\s+|also\s+|exclusively\s+|earlier\s+)?(?:(?:reported|reports)(?!\s+(?:[\p{L}-]+\s+){0,2}?${RESULTS})|revealed(?=\s+(?:that|to|in)\b)|broke the news)\b`) },
  { cue: 'told', pattern: all(String.raw`\btold\s+${NAME}`), accept: isOutlet },
  // "Wall Street analysts surveyed by Refinitiv": the pollster is the source of the consensus.
  { cue: 'survey', pattern: all(String.raw`\b(?:surveyed|polled)\s+by\s+${NAME}`), accept: isKnownEntity },
  // "it's revealed in Eurogamer’s Stadia review", "sources cited by Taiwanese publication DigiTimes".
  { cue: 'reported by', pattern: all(String.raw`\b(?:revealed|reported|stated)\s+in\s+${NAME}`), accept: isOutlet },
  { cue: 'citing', pattern: all(String.raw`\bcited\s+by\s+(?:(?:[\p{L}-]+\s+){0,3}?${OUTLET_NOUN}\s+)?${NAME}`), accept: isOutlet },
  // "An Associated Press journalist in the area also reported", "a Reuters photographer": the outlet's own staff.
  { cue: 'reported', pattern: all(String.raw`\b(?:[Aa]n?|[Tt]he)\s+${NAME}\s+(?:journalist|reporter|correspondent|photographer|camera crew)\b`), accept: isOutlet },
  // "if the Journal's reporting is accurate", "the Bloomberg report", "Reuters' reporting".
  { cue: 'reporting', pattern: all(String.raw`${NAME}(?:'s|’s|'|’)\s+(?:earlier\s+|original\s+|initial\s+)?(?:reporting|report|story|scoop)\b`), accept: isOutlet },
  { cue: 'reporting', pattern: all(String.raw`\b[Tt]he\s+${NAME}\s+(?:report|story|scoop)\b`), accept: isOutlet },
  { cue: 'citing', pattern: all(String.raw`${NAME},?\s+citing\b`), accept: isKnownEntity },
  { cue: 'citing', pattern: all(String.raw`\bciting\s+(?:(?:a|an|the)\s+)?(?:${SOURCE_NOUN}\s+(?:by|from|in)\s+)?${NAME}`), accept: isOutlet },
  { cue: 'filing', pattern: all(String.raw`${NAME}\s+(?:said|says|disclosed|revealed|stated)\s+in\s+(?:a|an|its)\s+(?:regulatory\s+|securities\s+|annual\s+|quarterly\s+)?filing`) },
  // "Google confirmed this in a statement": the verb may take a short object before the statement.
  { cue: 'statement', pattern: all(String.raw`${NAME}\s+(?:said|says|confirmed|announced|denied|wrote)(?:\s+(?:this|that|it|the\s+\p{Ll}+))?\s+in\s+(?:a|an|its)\s+(?:statement|press release|blog post|post|letter|email)`) },
  { cue: 'statement', pattern: all(String.raw`\b[Ii]n\s+(?:a|an|its)\s+(?:statement|press release|blog post)(?:\s+on\s+\p{Lu}\p{Ll}+)?,\s+${NAME}\s+(?:said|says|confirmed|announced|denied)`) },
  { cue: 'spokesperson', pattern: all(String.raw`\b(?:a|an)\s+${NAME}\s+(?:spokesperson|spokesman|spokeswoman|representative)\b`) },
  { cue: 'spokesperson', pattern: all(String.raw`\b(?:spokesperson|spokesman|spokeswoman|representative)\s+for\s+${NAME}`) },
  // "Lucas Paganini, a NASA planetary scientist, said", "Sondland has said".
  // "announced" and "confirmed" count only closing a clause ("…, Warren Truss confirmed."): "NASA
  // announced Nov. 18 that it was adding five companies" is the news itself, done by its subject.
  // Not a name closing a role in apposition or a place after "to" ("China’s ambassador to Britain accused"), ("Steve Clarke, deputy administrator in NASA’s Science Mission Directorate, said",
  // also when the tagger knows the office as an organisation),
  // nor a possessive before a noun ("denied Swift’s claims, saying").
  { cue: 'said', pattern: all(String.raw`(?<![\p{L}]|\b(?:in|at|of|for|from|with|to)\s+(?:the\s+)?(?:\p{Lu}[\p{L}.&-]*['’]s\s+)?(?:\p{Lu}[\p{L}-]*\s+){0,8})${NAME}(?<![’']s)(?:,[^,]{1,80},|,)?\s+(?:has\s+|had\s+)?${SPEAKER_ADVERB}(?:${SAYING})\b`), accept: isKnownEntity, speaker: true },
  // "Nadia Cruz’s office said", "Austria's interior minister said": the owner of an office or role without a name.
  { cue: 'said', pattern: all(String.raw`(?<![\p{L}])${NAME}['’]s\s+(?:[\p{Ll}-]+\s+){0,2}?${OFFICE}\s+(?:has\s+)?(?:${SAYING})\b`), accept: isKnownEntity, speaker: true },
  // "Steve Clarke, deputy associate administrator for exploration, said": a name with a role in
  // apposition is a person speaking, even when neither the registry nor the tagger knows them.
  // The role may itself hold commas ("a planetary scientist at NASA's Goddard Space Flight Center
  // in Greenbelt, Maryland, and American University in Washington, D.C., said in a statement").
  { cue: 'said', pattern: all(String.raw`(?<![\p{L}])(\p{Lu}\p{Ll}+(?:\s+\p{Lu}\.)?\s+\p{Lu}[\p{Ll}'’-]+(?:-\p{Lu}\p{Ll}+)?),\s+(?:a|an|the|\p{Ll}+)\b(?:[^,"“”]{0,100},){1,4}\s+(?:has\s+)?(?:${SAYING})\b`) },
  // "David Holmes revealed one of those interactions to investigators, saying he recalled it": the subject of
  // a clause that goes on "saying" is its speaker.
  { cue: 'said', pattern: all(String.raw`(?<![\p{L}])${NAME}(?<![’']s)(?:,[^,]{1,80},)?\s+(?:has\s+|had\s+)?${SPEAKER_ADVERB}${DEED}[^,;]{0,120},\s+${SAYING_CLAUSE}`), accept: isKnownEntity, speaker: true },
  // "NASA’s Office of the Inspector General released two highly critical reports": who publishes a report is its source.
  { cue: 'reported', pattern: all(String.raw`${NAME}\s+(?:has\s+|have\s+)?${SPEAKER_ADVERB}(?:released|published|issued)\s+(?:[\p{Ll}\d-]+\s+){0,4}?(?:reports?|study|studies|survey|findings|analysis|audit|assessment|statement)\b`), accept: isKnownEntity, speaker: true },
  // "Paganini and his team reported", "in a company email sent by chairman Marcelo Claure".
  { cue: 'said', pattern: all(String.raw`${NAME}\s+and\s+(?:his|her|their)\s+(?:team|colleagues|co-authors)\s+(?:reported|wrote|said)\b`), accept: isKnownEntity, speaker: true },
  { cue: 'statement', pattern: all(String.raw`\b(?:email|letter|memo|note|statement)\s+(?:sent|written|issued)\s+by\s+(?:(?:chairman|chairwoman|chief executive|president|founder|executive chair)\s+)?${NAME}`), accept: isKnownEntity, speaker: true },
  // "Fort Worth Police Department responded and confirmed that", "The US Embassy in New Delhi maintains its
  // own monitor and reported Wednesday that": a subject opening the clause speaks in a second verb.
  { cue: 'said', pattern: all(String.raw`(?:^|[,;:—]\s*)(?:(?:[Bb]ut|[Aa]nd|[Mm]eanwhile|[Ll]ater)\s+)?${NAME}(?:\s+in\s+${CAP}(?:\s+${CAP}){0,2})?\s+(?=\p{Ll})[^,;.:"“”]{1,100}?\s+and\s+(?:has\s+|had\s+|have\s+)?(?:also\s+)?${COORDINATED_SAYING}(?:\s+(?:on\s+)?${WEEKDAY})?\s+that\b`), accept: isKnownEntity, speaker: true },
  // Inverted order only at the end of a clause (", said Sam Altman.", "said CEO Craig Menear in the
  // company's news release"), not "said WeWork needs".
  { cue: 'said', pattern: all(String.raw`\b(?:said|says|wrote|writes|added|adds)\s+${NAME}\s*(?:[,.;]|$|\s(?:in|on|at|during|via)\s)`), accept: isKnownEntity, speaker: true },
  // "said study co-author Anezina Solomonidou.": a lower-case role, then a full name, closing the clause;
  // the role may have an owner ("said The We Company’s recently named executive chair Marcelo Claure in an email").
  { cue: 'said', pattern: all(String.raw`\b(?:said|says|wrote|added|adds)\s+(?:(?:the|a|an)\s+)?(?:${NAME_RUN}['’]s\s+)?(?:${ROLE_WORD}\s+){1,4}(\p{Lu}\p{Ll}+(?:\s+\p{Lu}\.)?\s+\p{Lu}[\p{Ll}'’-]+)\s*(?:[,.;]|$|\s(?:in|on|at|during|via)\s)`) },
  // "Delhi’s Chief Minister Arvind Kejriwal turned to Twitter last month to describe his city as a gas chamber":
  // who takes to a platform to say something says it.
  { cue: 'post', pattern: all(String.raw`(?<![\p{L}])${NAME}\s+${SPEAKER_ADVERB}(?:took|takes|turned|turns|went|goes)\s+to\s+(?:Twitter|Facebook|Instagram|TikTok|LinkedIn|YouTube|X|social media)\b[^,;.]{0,40}?\s+to\s+(?:say|describe|announce|write|call|criticize|criticise|slam|air|share|express|deny|defend|claim|accuse|reveal|confirm)\b`), accept: isKnownEntity, speaker: true },
  // "Noem cited the backlash as proof that efforts … were working": what a speaker cites as proof is their claim.
  { cue: 'said', pattern: all(String.raw`(?<![\p{L}])${NAME}\s+${SPEAKER_ADVERB}cited\s+[^,;.]{1,60}?\s+as\s+(?:proof|evidence|a sign)\s+that\b`), accept: isKnownEntity, speaker: true },
];

// "the company", "the German automaker", "the organization": a noun standing for an organisation the article names.
const COMPANY_NOUN = '(?:company|firm|startup|automaker|carmaker|retailer|chipmaker|manufacturer|maker|airline|bank|insurer|lender|conglomerate|giant|group|organi[sz]ation)';
const AGENCY_NOUN = '(?:agency|regulator|commission|department|ministry)';
// "The group announced over the weekend that…" is the news, as for a named subject (see SAYING).
const SPEECH = String.raw`(?:said|says|confirmed|announced(?=\s*[,.;]|\s*$)|denied|told|stated|(?:maintains|maintained|insists|insisted|argues|argued|claims|claimed|believes|believed)(?=\s+that\b|\s*[,.:;]|\s+\p{Ll}+\s+(?:is|are|was|were|will|would|has|have|may)\b))`;
// Up to two descriptive words between "the" and the noun ("the German automaker", "the tech giant").
const DESCRIBED = String.raw`(?:[\p{L}-]+\s+){0,2}?`;
// A relative clause between the noun and its verb ("The German automaker, which has focused on EVs, says").
const CLAUSE = String.raw`(?:,[^,]{1,120},)?\s+(?:has\s+|had\s+)?`;
const IMPLIED_COMPANY = re(
  String.raw`\b(?:[Tt]he\s+${DESCRIBED}${COMPANY_NOUN}(?:'s\s+\w+)?${CLAUSE}${SPEECH}|according to the\s+${COMPANY_NOUN}|(?:[Aa]n?|[Tt]he)\s+(?:company\s+)?(?:spokesperson|spokesman|spokeswoman|representative)\s+${SPEECH}|[Cc]ompany\s+(?:management|executives|officials)\s+${SPEECH})\b`,
);
const IMPLIED_AGENCY = re(String.raw`\b(?:[Tt]he\s+${DESCRIBED}${AGENCY_NOUN}(?:'s\s+\w+)?${CLAUSE}${SPEECH}|according to the\s+${AGENCY_NOUN})\b`);
const IMPLIED_OUTLET = re(String.raw`\b[Tt]he\s+${OUTLET_NOUN}${CLAUSE}(?:said|says|reported|reports)\b`);
const FILING_WITH = re(String.raw`\b(?:in|according to)\s+(?:a|an|its)\s+(?:regulatory\s+|securities\s+)?filing\s+with\s+${NAME}`);

// An embedded post's signature: "— Robert Maguire (@RobertMaguire_) November 18, 2019". The
// author's own words, whoever they are: the handle vouches for the name as a signature does.
// A display name may end in emoji or symbols before the handle ("— Dianna E. Anderson 🏳️‍🌈 (@diannaeanderson)").
const POST_SIGNATURE = re(String.raw`[—–]\s*(\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,3})\s+(?:[^\p{L}\p{N}\s()]{1,20}\s+)?\(@\w{1,30}\)`);

// A trailing credit line: "Source: WSJ", "Sources: Reuters, Bloomberg" (the first is taken).
const SOURCE_LINE = re(String.raw`(?:^|[\s.(\[])(?<!Image\s|Photo\s)Sources?:\s*${NAME}[\s.)\]]*$`);

const NO_COMMENT = /\b(?:declined|refused)\s+to\s+comment\b|\bdid\s+not\s+(?:immediately\s+)?respond\b/;

/** The origin a sentence attributes its information to, and the cue that names it. */
export function findAttribution(sentence: string, context: AttributionContext = {}): Attribution | undefined {
  const found = attributionOf(sentence, context);
  const journal = found && context.research && isAuthor(found.origin, context.research) ? context.research.journal : undefined;
  return journal && journal !== found?.origin ? { ...found!, speaksFor: journal } : found;
}

// A study's journal: "published in the journal Nature Astronomy", "in the peer-reviewed journal Science".
// (Its words carry no full stop: the name ends where the sentence does.)
const JOURNAL = /\b(?:in|to)\s+the\s+(?:\p{Ll}[\p{Ll}-]*\s+)?journal\s+(\p{Lu}[\p{L}&’'-]*(?:\s+(?:(?:of|for|and|&)\s+(?:the\s+)?)?\p{Lu}[\p{L}&’'-]*){0,6})/u;
const PERSON = String.raw`\p{Lu}\p{Ll}+(?:\s+\p{Lu}\.)?(?:\s+\p{Lu}[\p{Ll}'’-]+){1,2}`;
const AUTHOR_ROLE = String.raw`(?:(?:the\s+)?(?:study|paper|research)(?:[’']s)?\s+)?(?:(?:lead|senior|first|principal|corresponding|co-?)[\s-]*(?:author|researcher|investigator)|(?:co-?)?author)s?`;
const AUTHOR_PATTERNS = [
  // "study lead author Lucas Paganini", "lead researcher and NASA planetary scientist Lucas Paganini"
  new RegExp(String.raw`\b${AUTHOR_ROLE}\b(?:\s+(?:and|,)\s+[^.;"“,]{0,60}?|\s+)(${PERSON})`, 'gu'),
  // "Lucas Paganini, the study's lead author,"
  new RegExp(String.raw`(${PERSON}),\s+(?:(?:the|a|an|one)\s+)?(?:of\s+the\s+)?${AUTHOR_ROLE}\b`, 'gu'),
  // "Lucas Paganini, a NASA planetary scientist who led the water detection investigation"
  new RegExp(String.raw`(${PERSON}),\s+[^,;]{0,100}?\bwho\s+(?:co-?)?(?:led|headed|directed|authored)\s+the\s+[^,.;]{0,50}?\b(?:study|research|investigation|paper|analysis|survey|work)\b`, 'gu'),
  // "Paganini and his team wrote in the paper"
  /(?<![\p{L}])(\p{Lu}\p{Ll}+)\s+and\s+(?:his|her|their)\s+(?:team|colleagues|co-?authors|collaborators)\s+(?:wrote|write|reported|report|found|find|published|concluded|estimated|calculated|detected|observed)\b/gu,
];

/**
 * The study an article reports on, when it names the journal: the people it calls the study's
 * authors or the lead of the research ("study lead author X", "X, who led the investigation",
 * "X and his team wrote"). A bare surname is the full name the article uses elsewhere.
 */
export function researchOf(text: string, context: AttributionContext = {}): Research | undefined {
  const journal = JOURNAL.exec(text)?.[1];
  if (!journal) return undefined;
  const authors = new Set<string>();
  for (const pattern of AUTHOR_PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      const name = match[1].includes(' ') ? match[1] : articleSpeaker(match[1], context);
      if (name) authors.add(name);
    }
  }
  return authors.size > 0 ? { journal: canonicalName(journal) ?? journal, authors: [...authors] } : undefined;
}

// The speaker is one of the study's authors: the same name, or the same person by a longer or shorter form.
function isAuthor(origin: string, research: Research): boolean {
  return research.authors.some((author) => author === origin || author.endsWith(` ${origin}`) || origin.endsWith(` ${author}`));
}

function attributionOf(sentence: string, context: AttributionContext): Attribution | undefined {
  const credit = SOURCE_LINE.exec(sentence);
  const creditOrigin = credit && canonicalName(credit[1]);
  if (creditOrigin && isOutlet(creditOrigin)) return { origin: creditOrigin, cue: 'source line' };
  // A line that is only an outlet's name ("PTI") credits it as a byline does.
  const byline = /^\s*\p{Lu}[\p{L}.&' -]{0,40}$/u.test(sentence) ? loadGazetteer().resolve(sentence.trim()) : undefined;
  if (byline?.kind === 'outlet') return { origin: byline.name, cue: 'source line' };
  const signature = POST_SIGNATURE.exec(sentence);
  if (signature) return { origin: canonicalName(signature[1]) ?? signature[1], cue: 'post' };
  for (const rule of RULES) {
    for (const match of sentence.matchAll(rule.pattern)) {
      // "A spokesperson for the NYAG declined to comment": a refusal says nothing.
      if (rule.cue === 'spokesperson' && NO_COMMENT.test(sentence)) continue;
      if (rule.build) {
        const built = rule.build(match, context);
        if (built) return { origin: built, cue: rule.cue };
        continue;
      }
      const raw = match[1];
      // "NASA’s Administrator Jim Bridenstine said": the person the article names speaks, not the owner of the title.
      const owned = rule.speaker && raw ? /[’']s\s+(\p{Lu}.*)$/u.exec(raw) : null;
      const ownedSpeaker = owned ? articleSpeaker(owned[1], context) : undefined;
      if (ownedSpeaker) return { origin: ownedSpeaker, cue: rule.cue };
      const origin = raw && canonicalName(raw);
      // A speaker rule's name, or a name the registry does not know ("according to Swift"), may
      // be a shorter form of a person the article names in full.
      // A rule that takes only outlets ("he told Cook") never names a person.
      const speaker = origin && rule.accept !== isOutlet && (rule.speaker || !isKnownEntity(origin)) ? articleSpeaker(origin, context) : undefined;
      if (speaker) return { origin: withPost(institutionName(speaker) ?? speaker, match, raw), cue: rule.cue };
      const outlet = origin && articleOutlet(origin, context);
      if (outlet) return { origin: outlet, cue: rule.cue };
      if (origin && (!rule.accept || rule.accept(origin))) return { origin: withPost(origin, match, raw), cue: rule.cue };
      const handle = rule.cue === 'dateline' && origin ? taggedHandle(origin, context) : undefined;
      if (handle) return { origin: handle, cue: rule.cue };
    }
  }
  // "in a filing with the SEC": the filer speaks, the agency only receives the document.
  const filing = FILING_WITH.exec(sentence);
  if (filing) {
    const origin = impliedOrganisation(sentence.replace(filing[0], ''), context, 'company') ?? canonicalName(filing[1]);
    if (origin) return { origin, cue: 'filing' };
  }
  // "the news agency said, citing the regional health commission": the outlet the article names.
  const outlet = IMPLIED_OUTLET.test(sentence) ? context.outletNames?.[0] : undefined;
  if (outlet) return { origin: outlet, cue: 'said' };
  for (const [pattern, kind] of [[IMPLIED_COMPANY, 'company'], [IMPLIED_AGENCY, 'agency']] as const) {
    const origin = pattern.test(sentence) ? impliedOrganisation(sentence, context, kind) : undefined;
    if (origin) return { origin, cue: 'statement' };
  }
  return undefined;
}
