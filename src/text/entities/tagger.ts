// Proposes people and organisations the registry does not know. Measured on hand-labelled real
// sentences (eval/tagger-compare.ts): wink-nlp's proper-noun runs find far more names than
// compromise's people()/organizations() (recall 0.80 vs 0.29) and run ~6x faster, but the lite
// English model tags no PERSON/ORG; so spans come from wink and the kind from compromise's
// person lexicon and organisation suffixes. Runs that are neither (mostly places) are dropped.
import nlp from 'compromise';
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { textMemo } from '../remembered';

export interface TaggedName {
  kind: 'person' | 'organization';
  text: string;
  start: number;
  end: number;
  /** For an acronym the text defines ("… Team (JNET)"), the name it stands for. */
  expands?: string;
}

interface Run {
  start: number;
  end: number;
  joinedLeft?: boolean;
}

const wink = winkNLP(model);
const ORG_WORDS =
  /\b(Inc|Corp|Corporation|Company|Co|Group|Holdings|Ltd|LLC|plc|Partners|Capital|Ventures|Systems|Technologies|Robotics|Labs|Bank|Agency|Commission|Department|Ministry|Office|Authority|Council|Institute|University|Foundation|Association|Observatory|Center|Centre|Court|Party|Records|Studios|Media|News|Times|Post|Journal|Herald|Star|Tribune|Courant|Sun|Suites|Airlines|Motors|Pharmaceuticals|Energy|Federation|Hospital|Infirmary|Jail|Coalition|Union|Society|Academy|College|School|Team|Alliance|Committee|Organization|Organisation|Assembly|Senate|Parliament|Directorate|Embassy)\b\.?$/;
// Words that end a company's name but alone are common nouns ("Peter Koros Design", "Dick Clark Productions").
const COMPANY_WORDS = /\s(?:Design|Architects|Consulting|Solutions|Services|Productions|Entertainment|Software|Networks|Pictures|Films|Brands|Foods|Industries|Enterprises|Insurance|Investments|Management|Associates|Communications)$/;
const STOP = new Set(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday', 'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December', 'Mr', 'Ms', 'Mrs', 'Dr']);

// Events are not entities: "the Davis Cup Finals" is no person named Davis.
const EVENT_WORDS = /\b(?:Cup|Finals?|Championships?|Olympics|Games|Open|Grand Prix|Awards?|Festival|Expo|Summit|Conference|Week)$/;
const OF_NAMED = /\b(?:Center|Centre|Department|Ministry|University|Institute|Institutes|Office|Council|Commission|Authority|Bureau|Agency|Association|College|School|Academy|Society|Federation|Union|Board|Court|Bank|Museum|Church|Alliance|Coalition|Foundation|Fund|Organization|Organisation|Committee)$/;
const ROLE_AFTER = /^(?:[’']s)? (?:analysts?|coach|spokes(?:man|woman|person)|economists?|strategists?|CEO|CFO|chief executive|executives?|chairman|chairwoman|founder|co-founder|shares|stock|employees|engineers|researchers)\b/u;
// Roles that name a person next to them: "talent manager Scooter Braun", "Lewis Ward, research director".
const ROLES =
  'leader|manager|director|analyst|strategist|economist|spokes(?:man|woman|person)|professor|lawyer|attorney|coach|singer|actor|actress|rapper|author|writer|reporter|correspondent|editor|founder|co-founder|wife|husband|son|daughter|brother|sister|mother|father|teacher|officer|detective|player|quarterback|driver|chef|artist|designer|photographer|president|chairman|chairwoman|secretary|minister|senator|governor|mayor|judge|researcher|scientist|executive|member';
/** "manager|director" -> "[mM]anager|[dD]irector". */
const eitherCase = (alternatives: string) => alternatives.replace(/(^|\|)([a-z])/g, (_, bar: string, c: string) => `${bar}[${c}${c.toUpperCase()}]`);
// Capitalised too, as a title or at the start of a sentence: "Senate President Bukola Saraki".
// Or in apposition after a role in lower case: "the Taliban's deputy leader, Sirajuddin Haqqani"
// (not "Sanjiv Bhasin, Director, IIFL Securities").
// Positions and callings written in lower case before a name, or before it and a comma
// ("Pittsburgh center Maurkice Pouncey", "media mogul, Debola Lagos"); only in lower case,
// where some are other words ("Center", "Star"). No verbs ("host", "guard") and no "senior"
// ("senior Goldman Sachs banker").
const POSITIONS =
  'center|centre|winger|defenseman|defender|midfielder|striker|goalkeeper|goalie|pitcher|catcher|rusher|receiver|linebacker|cornerback|lineman|kicker|swimmer|diver|sprinter|runner|golfer|boxer|wrestler|cyclist|rookie|teammate|mogul|entrepreneur|businessman|businesswoman|billionaire|activist|comedian|musician|star|pastor|bishop|priest|surgeon|doctor|nurse|student|lawmaker|candidate|filmmaker|producer|novelist|poet|journalist|columnist';
const ROLE_BEFORE_PERSON = new RegExp(`(?:\\b(?:${eitherCase(ROLES)}) |\\b(?:${POSITIONS}),? |\\b(?:${ROLES}), |\\b(?:Dr|Mr|Mrs|Ms|Prof)\\.? )$`);
const ROLE_AFTER_PERSON = new RegExp(`^, (?:a |an |the |its |their )?(?:[a-z-]+ ){0,2}(?:${ROLES})\\b`);
// What an organisation is called next to its name: "the journal Nature Astronomy", "indie
// developer Tequila Works", "Kosmos, a group co-founded by …", "Edmunds.com", "Copyright 2019 …".
const ORG_NOUNS = 'journal|newspaper|magazine|firm|company|developer|publisher|studio|startup|group|band|label|club|network|broadcaster|outlet|website|retailer|maker|manufacturer|carrier|airline|insurer|charity|nonprofit';
const ORG_BEFORE = new RegExp(`\\b(?:${ORG_NOUNS}),? $`);
const ORG_AFTER = new RegExp(`^,? (?:a|an) (?:(?!of )[\\p{L}-]+ ){0,2}?(?:${ORG_NOUNS})\\b`, 'u');
// "strategist at Miller Tabak": the place a person works.
const EMPLOYER_BEFORE = new RegExp(`\\b(?:${ROLES}|fellow|partner|engineer) (?:at|with) $`);
// A title inside a run of capitalised words: "Lexus Project Manager Fumihiko Hazama".
// "Former Massachusetts Gov. Deval Patrick", "Stats S Damarious Randall": a team's position too.
const TITLE_WORD =
  /^(?:(?:Dr|Mr|Mrs|Ms|Prof|Gov|Sen|Rep|Lt|Sgt|Capt|Gen|Col|Rev|Det)\.?|Manager|Director|President|CEO|Chairman|Chairwoman|Minister|Secretary|Speaker|Spokesman|Spokeswoman|Coach|Officer|Senator|Governor|Mayor|Editor|Founder|Analyst|Professor|Judge|Sheriff|Detective|Ambassador|Commissioner|Chancellor|Ombudsman|Insider|Defenseman|Goaltender|Goalie|Quarterback|Linebacker|QB|RB|WR|TE|OL|DL|DE|DT|LB|CB|FB|S)$/;
// Common nouns after a name that make it an institution ("Walter Reed hospital", "the Gibson
// Southern schools") or a place ("Van Buren counties", "Kennedy airport").
const INSTITUTION_AFTER = /^ (?:hospitals?|university|college|schools?|foundation|institute|medical center)\b/;
const SITE_AFTER = /^ (?:airports?|stadium|arena|park|bridge|street|avenue|road|county|counties|river|mountains|foothills|valley|island)\b/;
// "Vox Media’s Code Media conference": a name before one of these words is an event's.
const EVENT_AFTER = /^ (?:conference|summit|convention|festival|expo|awards|ceremony|gala|tournament)\b/;
const OF_TITLE = /\b(?:Secretary|Minister|Director|Chief|Head|Governor|Commissioner|Chairman|Chairwoman) of (?:the )?$/;
// Headline and listing words that the tagger runs into a name ("Julian Assange Timeline", "John Milbank RRP").
const TRAILING_WORDS = /\s+(?:Timeline|Live|Updates?|Photos?|Videos?|Gallery|Review|Preview|Recap|Highlights|Interview|Exclusive|RRP|MSRP|Q&A|FAQ)$/;

/**
 * Mends the cuts wink's tokens leave in a name: a hyphenated name ("Eva-Marie Persson",
 * "Bautista-Agut"), a possessive inside an organisation ("… County Sheriff’s Department"),
 * a name written twice in a row, or a listing word run into it.
 */
function repairSpan(text: string, run: Run): void {
  // Only a person's name takes a hyphenated part ("Eva-Marie", not "Technologie-Partner eZ
  // Systems" or "Coty-Kylie Jenner"): two first names, or a given name after a role ("Apple
  // analyst Ming-Chi Kuo").
  const byFirstName = () => lexiconTags(text.slice(run.start, run.end).split(' ')[0]).firstName;
  const before = /[\p{Lu}][\p{L}]*-$/u.exec(text.slice(Math.max(0, run.start - 30), run.start));
  const byRole = () => before !== null && run.end - run.start < 30 && /^\S+ \S+$/.test(text.slice(run.start, run.end)) && ROLE_BEFORE_PERSON.test(text.slice(Math.max(0, run.start - before[0].length - 40), run.start - before[0].length));
  if (before && ((byFirstName() && (/^(?:Al|El|Abd|Abu|Ibn)-$/.test(before[0]) || lexiconTags(before[0].slice(0, -1)).firstName)) || byRole())) {
    run.start -= before[0].length;
    run.joinedLeft = true;
  }
  const owner = /(?:[\p{Lu}][\p{L}]* )*[\p{Lu}][\p{L}]*[’']s $/u.exec(text.slice(Math.max(0, run.start - 60), run.start));
  if (owner && /^(?:Department|Office|Ministry|Bureau)\b/.test(text.slice(run.start, run.end))) run.start -= owner[0].length;
  const after = /^-[\p{Lu}][\p{L}]*/u.exec(text.slice(run.end, run.end + 30));
  if (after && (byFirstName() || /^(?:Al|El|Abd|Abu|Ibn)-/.test(text.slice(run.start, run.end)))) run.end += after[0].length;
  // "Taylor Swift", "Drew Herring": a first name and a surname wink reads as an adjective or a verb.
  if (!text.slice(run.start, run.end).includes(' ')) {
    const surname = /^ [A-Z][a-z]+\b/.exec(text.slice(run.end, run.end + 30));
    const given = /\b[A-Z][a-z]+ $/.exec(text.slice(Math.max(0, run.start - 30), run.start));
    const roleAfter = () => surname !== null && ROLE_AFTER_PERSON.test(text.slice(run.end + surname[0].length, run.end + surname[0].length + 40));
    if (surname && (byFirstName() || roleAfter()) && mayBeSurname(surname[0].trim())) run.end += surname[0].length;
    else if (given && lexiconTags(given[0].trim()).firstName) run.start -= given[0].length;
  }
  // "the Communist party": a party named by an adjective with "party" in lower case (not "the
  // Christmas party").
  const party = /^ party\b/.exec(text.slice(run.end, run.end + 7));
  const word = text.slice(run.start, run.end);
  if (party && /\bthe $/i.test(text.slice(Math.max(0, run.start - 4), run.start)) && !word.includes(' ') && nlp(word).has('#Adjective')) run.end += party[0].length;
  // "Edmunds.com": a site named by its domain.
  const domain = /^\.(?:com|net|org|io|info)\b/.exec(text.slice(run.end, run.end + 5));
  if (domain) run.end += domain[0].length;
  // "Copyright 2019 Hawaii News Now": a credit names its owner in full.
  if (/(?:Copyright|©)\s*(?:\d{4}\s+)?$/.test(text.slice(Math.max(0, run.start - 20), run.start))) {
    const credit = /^(?: [A-Z][\p{L}&-]*)+/u.exec(text.slice(run.end, run.end + 40));
    if (credit) run.end += credit[0].length;
  }
  // "Pacific Gas & Electric Co.": a company named after two things.
  const joined = /(?:[\p{Lu}][\p{L}]* )+(?:and|&) $/u.exec(text.slice(Math.max(0, run.start - 40), run.start));
  if (joined && /\b(?:Co|Company|Inc|Corp|Corporation|Ltd|LLC|plc)\.?$/.test(text.slice(run.start, run.end))) run.start -= joined[0].length;
  const possessive = /^[’']s (?:Department|Office|Bureau|Commission|Association|Foundation|Hospital|College|University)\b/u.exec(text.slice(run.end, run.end + 40));
  if (possessive) run.end += possessive[0].length;
  // "indie developer Tequila Works' Gylt": after what names an organisation, its capitalised words are its name.
  const called = ORG_BEFORE.test(text.slice(Math.max(0, run.start - 40), run.start));
  const more = /^(?: [\p{Lu}][\p{L}]*)+/u.exec(text.slice(run.end, run.end + 40));
  if (called && more) run.end += more[0].length;
  // "the University of Michigan", "Center for Disease Control and Prevention", "Ministry of
  // Trade, Industry and Energy", "the journal Monthly Notices of the Royal Astronomical Society",
  // "National Institute on Drug Abuse", "Society for the Prevention of Cruelty to Children": the name goes on.
  // "on Monday", "to Washington": a date or a place after the name is none of it.
  const ofPart = /^(?: (?:of|for|(?:on|to)(?! (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December)\b)) (?:the )?[\p{Lu}][\p{L}]*(?:(?:, [\p{Lu}][\p{L}]*)+,? (?:and|&) [\p{Lu}][\p{L}]*| (?:and |& )?[\p{Lu}][\p{L}]*)*)+/u.exec(text.slice(run.end, run.end + 60));
  if (ofPart && (called || OF_NAMED.test(text.slice(run.start, run.end)))) run.end += ofPart[0].length;
  // A word cut inside ("Jeli" of "Jelić"): the span ends where the word does.
  const rest = /^[\p{L}\p{M}]+/u.exec(text.slice(run.end, run.end + 20));
  if (rest && /[\p{L}]$/u.test(text.slice(run.start, run.end))) run.end += rest[0].length;
  const name = text.slice(run.start, run.end);
  const trailing = TRAILING_WORDS.exec(name);
  if (trailing) run.end -= trailing[0].length;
  const words = text.slice(run.start, run.end).split(' ');
  const half = words.length / 2;
  if (words.length % 2 === 0 && words.slice(0, half).join(' ') === words.slice(half).join(' ')) run.end = run.start + words.slice(0, half).join(' ').length;
}

// compromise's lexicon read directly: a lookup, where parsing each name again would cost more
// than the rest of tagging.
const lexicon = (nlp as unknown as { model: () => { one: { lexicon: Record<string, string | string[]> } } }).model().one.lexicon;
const PLACE_TAGS = new Set(['Place', 'City', 'Country', 'Region']);
const FIRST_NAME_TAGS = new Set(['FirstName', 'MaleName', 'FemaleName']);
const NAMING_TAGS = new Set(['Organization', 'Person', 'FirstName', 'LastName', 'MaleName', 'FemaleName', 'Place', 'City', 'Country', 'Region', 'ProperNoun', 'Acronym']);
const PERSON_TAGS = new Set(['Person', 'LastName', ...FIRST_NAME_TAGS]);
const lexiconHas = (words: string, tags: Set<string>): boolean => {
  const entry = lexicon[words.toLowerCase()];
  return entry !== undefined && (Array.isArray(entry) ? entry.some((t) => tags.has(t)) : tags.has(entry));
};

/** What compromise reads one word as, out of context. */
export interface WordReading {
  firstName: boolean;
  person: boolean;
  place: boolean;
}
const readingMemo = textMemo<WordReading>(10_000);
/** compromise's reading of one word, parsed once and remembered. */
export function readWord(word: string): WordReading {
  return readingMemo(word, () => {
    const doc = nlp(word);
    return { firstName: doc.has('#FirstName'), person: doc.has('#Person'), place: doc.has('#Place') };
  });
}

/**
 * compromise's reading of one word as a first name: a plain word is looked up in the lexicon
 * (what parsing it would do); one with an accent, a hyphen or punctuation ("André",
 * "Jean-Julien", "James.") is read by readWord.
 */
export function isFirstName(word: string): boolean {
  return /^[A-Za-z]+$/.test(word) ? lexiconHas(word, FIRST_NAME_TAGS) : readWord(word).firstName;
}

/** A word the lexicon does not know as a common word ("Swift" may be a surname, "Is" is not). */
function mayBeSurname(word: string): boolean {
  const entry = lexicon[word.toLowerCase()];
  if (entry === undefined) return true;
  const tags = Array.isArray(entry) ? entry : [entry];
  return tags.some((t) => PERSON_TAGS.has(t) || PLACE_TAGS.has(t) || t === 'ProperNoun') || ['Adjective', 'Singular', 'Noun'].some((t) => tags.includes(t));
}

/** What compromise's lexicon makes of a name: a place as a whole or word by word, a person, a first name. */
function lexiconTags(name: string): { allPlace: boolean; person: boolean; firstName: boolean } {
  const words = name.split(' ');
  return {
    allPlace: lexiconHas(name, PLACE_TAGS) || words.every((w) => lexiconHas(w, PLACE_TAGS)),
    person: words.some((w) => lexiconHas(w, PERSON_TAGS)),
    firstName: lexiconHas(words[0], FIRST_NAME_TAGS),
  };
}

// The USPS two-letter codes of the states and DC, which headings and datelines write for the state.
const US_STATE_CODES = new Set('AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC'.split(' '));

// Streets, venues and natural features ("Boulevard Voltaire", "Oak Street", "Lake Tahoe") are places.
const STREET_OR_SITE = /^(?:Boulevard|Avenue|Rue|Lake)\s|\s(?:Street|Avenue|Boulevard|Road|Square|Bridge|Stadium|Arena|Airport|Station|Beach|Island|Islands|Lake|River|Valley|Bay|Plaza)$/;

/** A dateline ("MADRID —", "VIENNA (Reuters) -", "SIOUX FALLS, S.D. –") names the place a story was filed from. */
function isDateline(text: string, run: { start: number; end: number }): boolean {
  const lineStart = run.start === 0 || /[\n\r]\s*$/.test(text.slice(Math.max(0, run.start - 2), run.start));
  return lineStart && /^[A-Z .]+$/.test(text.slice(run.start, run.end)) && /^(?:[A-Z .,']*?\s*(?:[—–-]|\()|, [A-Z]{2,}\b)/.test(text.slice(run.end, run.end + 30));
}

/** "WHO IS THE FRONT-RUNNER?": a word of a line written in capitals, among common words in capitals. */
function inShoutedLine(text: string, run: { start: number; end: number }): boolean {
  const before = /(?:[A-Z]{2,}[\s-]+)*$/.exec(text.slice(Math.max(0, run.start - 60), run.start))?.[0] ?? '';
  const after = /^(?:[\s-]+[A-Z]{2,})*/.exec(text.slice(run.end, run.end + 60))?.[0] ?? '';
  return `${before} ${after}`.split(/[\s-]+/).some((w) => w !== '' && lexicon[w.toLowerCase()] !== undefined && !lexiconHas(w, NAMING_TAGS));
}

/** "Joint Narcotics Enforcement Team" for "JNET": the initials of a name, with or without its "of" and "and". */
function initialsMatch(name: string, acronym: string): boolean {
  const words = name.split(/[\s-]+/).filter((w) => w !== '&');
  const initials = (ws: string[]) => ws.map((w) => w[0]).join('').toUpperCase();
  return initials(words) === acronym || initials(words.filter((w) => !/^(?:of|and|for|the)$/i.test(w))) === acronym;
}

/**
 * Places are neither people nor organisations: names compromise's lexicon tags as cities,
 * regions or countries, and a name read as a place by its context ("the Houston area",
 * "32, of Franklin,").
 */
function isPlace(text: string, run: { start: number; end: number }, name: string, places: Set<string>): boolean {
  if (US_STATE_CODES.has(name) || STREET_OR_SITE.test(name)) return true;
  // Every word a place ("Vienna", "New Mexico"), not one ("Bartholomew County Sheriff’s Department").
  const tags = lexiconTags(name);
  if (tags.allPlace && !tags.person) return true;
  if (places.has(name) && name.split(' ').length === 1) return true;
  const left = text.slice(Math.max(0, run.start - 12), run.start);
  const right = text.slice(run.end, run.end + 12);
  // "in Santa Cruz", "near Van Buren": people are seldom in or near.
  if (/\b(?:in|near|outside|throughout) $/.test(left) && !/^[’']s\b/u.test(right)) return true;
  // "the northern Sierra Nevada": a part of a region.
  if (/\bthe (?:northern|southern|eastern|western|central|upper|lower) $/i.test(text.slice(Math.max(0, run.start - 20), run.start))) return true;
  return (/\bthe $/i.test(left) && /^ (?:area|region|metro|suburbs?|county|district)\b/.test(right)) || (/\d+, of $/.test(left) && /^[,.;]/.test(right));
}

/** People and organisations named in one sentence or paragraph, with character spans. */
export function tagNames(text: string): TaggedName[] {
  const doc = wink.readDoc(text);
  const runs: Run[] = [];
  let cursor = 0;
  let run: Run | undefined;
  doc.tokens().each((t: { out: (f: unknown) => string }) => {
    const value = t.out(wink.its.value);
    const at = text.indexOf(value, cursor);
    if (at < 0) return;
    cursor = at + value.length;
    if (t.out(wink.its.pos) === 'PROPN' && !STOP.has(value)) {
      if (run && /^[\s]*$/.test(text.slice(run.end, at)) && at - run.end <= 1) run.end = cursor;
      else runs.push((run = { start: at, end: cursor }));
    } else run = undefined;
  });
  for (const r of runs) repairSpan(text, r);
  // A repair can reach into the next run ("Roberto Bautista" + "-Agut"): one name, one run.
  for (let i = runs.length - 1; i > 0; i--) {
    if (runs[i].start >= runs[i - 1].end) continue;
    if (runs[i].joinedLeft) {
      // "Prosecution Eva" + "Eva-Marie Persson": the first name belongs to the later run.
      runs[i - 1].end = runs[i - 1].start + text.slice(runs[i - 1].start, runs[i].start).trimEnd().length;
      if (runs[i - 1].end <= runs[i - 1].start) runs.splice(i - 1, 1);
    } else {
      runs[i - 1].end = Math.max(runs[i - 1].end, runs[i].end);
      runs.splice(i, 1);
    }
  }
  const parsed = nlp(text);
  const people = new Set<string>(parsed.people().out('array').map((p: string) => p.replace(/[’']s$/u, '').replace(/[.,;:]$/, '')));
  const places = new Set<string>(parsed.places().out('array').map((p: string) => p.replace(/[.,;:]$/, '')));
  // compromise may run an organisation into what ends the clause before it ("Ohio – The Doobie
  // Brothers", "Streets.” The Doobie Brothers"): the name is what follows the last break.
  const organizations = new Set<string>(parsed.organizations().out('array').map((o: string) => o.replace(/[’']s$/u, '').replace(/[.,;:]$/, '').split(/[.!?”"–—:;] +/u).at(-1)!.replace(/^The /, '')));
  const out: TaggedName[] = [];
  // Acronyms defined in parentheses, with the organisation they stand for, or null where what
  // they stand for is no organisation ("Kospi Index (KOSPI)", "Binge eating disorder (BED)").
  const defined = new Map<string, TaggedName | null>();
  for (const m of text.matchAll(/\(([A-Z][A-Za-z]*[A-Z0-9])\)/g)) defined.set(m[1], null);
  for (const r of runs) {
    let name = text.slice(r.start, r.end).replace(/[’']s$/u, '');
    // "Frank Sinatra Q: …": an interview's question mark run into the name before it.
    if (text[r.end] === ':' && / \p{Lu}$/u.test(name)) name = name.slice(0, -2);
    let words = name.split(/\s+/);
    // The person a title in the run names; what comes before the title is left out.
    let title = words.findLastIndex((w) => TITLE_WORD.test(w));
    // "Secretary of State Mike Pompeo", "Director of National Intelligence Dan Coats": the office
    // named after "of" is part of the title; the person starts at a first name.
    if (title < 0 && OF_TITLE.test(text.slice(Math.max(0, r.start - 30), r.start))) {
      const first = words.findIndex((w, i) => i > 0 && isFirstName(w));
      if (first > 0) title = first - 1;
    }
    const titled = title >= 0 && words.length - title - 1 >= 2 && words.length - title - 1 <= 3 && !ORG_WORDS.test(name);
    // "Head of Platform Solutions for Ascom": an office after a title and a bare "of" is part
    // of the title (not "Director of the Centre for …").
    const before = text.slice(Math.max(0, r.start - 30), r.start);
    if (!titled && OF_TITLE.test(before) && !/\bthe $/.test(before)) continue;
    if (titled) {
      const at = r.start + words.slice(0, title + 1).join(' ').length + 1;
      name = text.slice(at, r.start + name.length);
      words = name.split(/\s+/);
      r.start = at;
    }
    const shouted = /^[A-Z0-9]+$/.test(name);
    if (shouted && defined.has(name)) {
      const full = defined.get(name);
      if (full) out.push({ kind: full.kind, text: name, start: r.start, end: r.end, expands: full.text });
      continue;
    }
    // ".SPX", "<.DJI>": a ticker or an index code.
    if (shouted && /(?:^|\s)[.<]$/.test(text.slice(Math.max(0, r.start - 2), r.start))) continue;
    if (shouted && inShoutedLine(text, r)) continue;
    // "2 QH", "1 TFL", "FHC/ABJ/03/095": a count's unit or part of a code.
    // ".MIWD00000PUS", "XAU=": part of a market code; "CPMs": a plural, so a common noun.
    if (shouted && (/\d $|[/\d=]$/.test(text.slice(Math.max(0, r.start - 2), r.start)) || /^[/\d=]|^s\b/.test(text.slice(r.end, r.end + 2)))) continue;
    if (/^[A-Z]{2,}s$/.test(name)) continue;
    // "Delhi-NCR", "Asia-Pacific": a word a hyphen joins to a place is part of a place's name.
    const compound = /([\p{Lu}][\p{L}]*)-$/u.exec(text.slice(Math.max(0, r.start - 30), r.start));
    if (compound && words.length === 1 && readWord(compound[1]).place) continue;
    if (EVENT_WORDS.test(name) || isDateline(text, r) || isPlace(text, r, name, places)) continue;
    // Two or three words led by a known first name ("Marcelo Claure") are a person even where
    // compromise's people() misses them; a surname alone follows an earlier full name.
    // "Australian Timothy Weeks": a nationality before the first name (candidates strip it).
    const byDemonym = words.length === 3 && lexicon[words[0].toLowerCase()] === 'Demonym' && isFirstName(words[1]);
    const firstName = words.length >= 2 && words.length <= 3 && (isFirstName(words[0]) || byDemonym) && !places.has(name);
    const surname = words.length === 1 && out.some((o) => o.kind === 'person' && o.text.endsWith(` ${name}`));
    const left = text.slice(Math.max(0, r.start - 40), r.start);
    const right = text.slice(r.start + name.length, r.start + name.length + 40);
    const shortName = words.length >= 2 && words.length <= 3 && !ORG_WORDS.test(name);
    const byRole = titled || (shortName && (ROLE_BEFORE_PERSON.test(left) || ROLE_AFTER_PERSON.test(right)));
    const atEmployer = words.length <= 3 && EMPLOYER_BEFORE.test(left);
    // "Van Buren counties", "Kennedy airport": a place named after someone.
    if (SITE_AFTER.test(right) || EVENT_AFTER.test(right)) continue;
    const named = !byRole && (ORG_BEFORE.test(left) || ORG_AFTER.test(right) || (words.length > 1 && INSTITUTION_AFTER.test(right)) || /\.(?:com|net|org|io|info)$/.test(name) || /(?:Copyright|©)\s*(?:\d{4}\s+)?$/.test(left));
    // compromise's people() may hold the first name alone ("Novak" of "Novak Djokovic").
    // "Wichita North", "Gibson Southern": a school or a region named after a place.
    const compass = /\s(?:North|South|East|West|Northern|Southern|Eastern|Western|Central)$/.test(name) && (lexiconHas(words[0], PLACE_TAGS) || places.has(words[0]));
    const isPerson = !atEmployer && !named && !compass && (firstName || surname || byRole || [...people].some((p) => p === name || p.endsWith(` ${name}`) || name.endsWith(p) || (words.length <= 3 && name.startsWith(`${p} `) && !lexiconTags(p).allPlace && !places.has(p))));
    // "Bartholomew County Sheriff’s Department": an organisation word at the end outweighs a first name.
    const head = name.replace(/ (?:of|for|on|to) (?:the )?\p{Lu}.*$/u, '');
    let kind: TaggedName['kind'] | undefined = (ORG_WORDS.test(head) || COMPANY_WORDS.test(head) || / party$/.test(head)) && words.length > 1 ? 'organization' : isPerson ? 'person' : (ORG_WORDS.test(head) && ORG_WORDS.exec(head)?.index !== 0) || /^[A-Z]{2,6}$/.test(name) ? 'organization' : undefined;
    // "Jefferies analyst Jonathan Matuszewski", "Tesla shares": a name that employs or is traded.
    const employer = !kind && (named || (words.length <= 3 && (atEmployer || ROLE_AFTER.test(text.slice(r.start + name.length, r.start + name.length + 24))))) ? 'organization' : undefined;
    // compromise's organizations() as the last resort ("The Doobie Brothers", "IIFL Securities"), but
    // not a league's division or a hospital's ward.
    const byCompromise = organizations.has(name.replace(/^The /, '')) && !/ (?:Division|Care)$/.test(name);
    kind = kind ?? employer ?? (byCompromise ? 'organization' : undefined);
    const acronym = /^ \(([A-Z][A-Za-z]*[A-Z0-9])\)/.exec(text.slice(r.start + name.length, r.start + name.length + 14));
    // "the Joint Narcotics Enforcement Team (JNET)": a name its initials abbreviate is an organisation.
    if (acronym && !kind && words.length > 1 && initialsMatch(name, acronym[1])) kind = 'organization';
    // “Mary Poppins”, “DWTS”: a person's name or an acronym standing alone in double quotes is a title.
    if ((kind === 'person' || /^[A-Z]{2,6}$/.test(name)) && /[“"]$/.test(left) && /^[,.!?]?[”"]/.test(right)) continue;
    if (!kind) continue;
    const tagged: TaggedName = { kind, text: name, start: r.start, end: r.start + name.length };
    out.push(tagged);
    if (acronym && kind === 'organization') defined.set(acronym[1], tagged);
  }
  return out;
}
