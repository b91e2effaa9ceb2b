// Unknown entities: people and organisations the tagger finds that the registry does not
// know become candidates for an analyst, never registry entries by themselves.
import nlp from 'compromise';
import type { CandidateInput } from '../../db/queries/entity-candidates';
import { slugify } from '../../text/entities/tokens';
import { readWord, tagNames } from '../../text/entities/tagger';
import type { Gazetteer } from '../../text/gazetteer';
import { splitSentences } from '../../text/sentences';

const MAX_EXAMPLE_LENGTH = 400;

/** "The Carlyle Group's" -> "carlyle group": one candidate per spelling, whatever its case. */
export function normalizeCandidateName(name: string): string {
  return slugify(name.replace(/[’']s$/u, '').replace(/^the\s+/i, '')).replace(/-/g, ' ');
}

// Titles and roles written before a name ("CEO Craig Menear", "Interior Minister Wolfgang
// Peschorn", "Lt. Matt Harris"): the name is what follows them.
const LEADING_TITLE =
  /^(?:(?:ceo|cfo|coo|cto|chairman|chairwoman|chair|president|vice|chief|executive|director|founder|co-founder|partner|spokesman|spokeswoman|spokesperson|commissioner|chancellor|administrator|hon|mr|mrs|ms|republican|democrat|democratic|labour|conservative|liberal|minister|interior|foreign|finance|prime|secretary|ambassador|senator|sen|rep|gov|governor|mayor|judge|justice|attorney|general|lt|lieutenant|sgt|sergeant|capt|captain|officer|detective|deputy|sheriff|dr|prof|professor|imam|rev|reverend|father|sir|dame|lord|lady|coach|manager|analyst)\.?\s+)+/i;
// Abbreviations of things, not of organisations: units, formats, products and job titles.
const GENERIC_ACRONYMS = new Set(
  'ai api app ebitda hiv rpm ctr ict mp gb mb kb tb icu int tfl pv gw gwh kw kwh mw lp ep pr pe awd bpa ceo cfo coo cto ct dvd ev gdp gmt gps hd hdmi hr id ios ipo ips it lcd led lc meb mp3 nfc pc pd pdf pet ram rgb rrp rwd sd ssd suv sync trd tv uk us usa usb vr wifi 4k 5g'.split(' '),
);
// Words the tagger takes for names when they open a sentence or a heading.
const GENERIC_WORDS = new Set('company department office agency government ministry police team group board court state city county bank energy party university news post media council commission institute'.split(' '));

// A demonym or a team and position before a person's name ("American Kevin King", "Browns DL
// Sheldon Richardson", "Stats LB Joe Schobert"): the name starts after it.
const LEADING_QUALIFIER = /^(?:\S+\s+)*?(?:[A-Z]{2,3}|American|British|Canadian|Australian|French|German|Chinese|Japanese|Indian|Russian|Israeli|Iranian|Mexican|Brazilian)\s+(?=\p{Lu}\p{Ll}+\s+\p{Lu})/u;
const lexicon = (nlp as unknown as { model: () => { one: { lexicon: Record<string, string> } } }).model().one.lexicon;
const NAMING_TAGS = new Set(['Organization', 'Person', 'FirstName', 'LastName', 'MaleName', 'FemaleName', 'Place', 'City', 'Country', 'Region', 'ProperNoun', 'Acronym']);

/** "VOTE", "CLICK", "HUNTER": a common word in capitals, which compromise's lexicon knows as such. */
function isShoutedWord(name: string): boolean {
  if (!/^[A-Z]{3,}$/.test(name)) return false;
  const tag = lexicon[name.toLowerCase()];
  return tag !== undefined && !NAMING_TAGS.has(tag);
}

/** "Pittsburgh Brock Nelson": a team's or a dateline's city run into a person's name. */
function withoutLeadingPlace(name: string): string {
  const words = name.split(' ');
  if (words.length < 3) return name;
  const first = readWord(words[0]);
  return first.place && !first.person ? words.slice(1).join(' ') : name;
}

/** The name a tagged span stands for: without a leading title, or undefined when it names nothing. */
function candidateName(text: string, kind: 'person' | 'organization'): string | undefined {
  // "Brent LCOc1": a code after the name is not part of it.
  let name = text.replace(LEADING_TITLE, '').replace(/(?:\s+\S*\d\S*)+$/, '').trim();
  // An organisation keeps leading words that are part of its name: "Interior Ministry", "Democratic Party".
  if (kind === 'organization' && GENERIC_WORDS.has(name.toLowerCase())) name = text.trim();
  if (kind === 'person') name = withoutLeadingPlace(name.replace(LEADING_QUALIFIER, '').replace(LEADING_TITLE, '').trim());
  const key = name.toLowerCase();
  if (name.length < 2 || GENERIC_ACRONYMS.has(key) || GENERIC_WORDS.has(key) || isShoutedWord(name)) return undefined;
  return name;
}

const PERSON_SUFFIX = /^(?:jr|sr|ii|iii|iv)$/;
const ORG_SUFFIX = / (?:inc|corp|corporation|co|company|ltd|llc|plc)$/;
const LEGAL_FORM = /(?: (?:inc|corp|corporation|co|company|ltd|llc|plc|group|holdings|sa|ag|nv|se))+$/;

/**
 * "Pat Carlineo" and "Patrick W. Carlineo Jr.", "Sonya A. Zoghlin" and "Sonya Zoghlin": one
 * person; so is "Patrick W. Carline" (`cut`: the text ends inside the surname) after "Patrick Carlineo Jr.".
 */
function samePerson(a: string, b: string, cut = false): boolean {
  const parts = (n: string) => n.split(' ').filter((w) => !PERSON_SUFFIX.test(w));
  const [x, y] = [parts(a), parts(b)];
  if (x.length < 2 || y.length < 2) return false;
  const [xLast, yLast] = [x[x.length - 1], y[y.length - 1]];
  if (xLast !== yLast && !(cut && xLast.startsWith(yLast))) return false;
  return x[0].startsWith(y[0]) || y[0].startsWith(x[0]);
}

/**
 * "Sierra Nevada Corp." and "Sierra Nevada Corporation", "Satellite Systems" and "Satellite
 * Systems Inc.", "Washington Ceres Robotics" (a list that runs the place into the name) and
 * "Ceres Robotics": one organisation; so is "Intelligence Committee" after "House Intelligence
 * Committee", a shorter later mention.
 */
function sameOrganization(earlier: string, later: string): boolean {
  const [x, y] = [earlier.replace(ORG_SUFFIX, ''), later.replace(ORG_SUFFIX, '')];
  if (x === y || (y.includes(' ') && x.endsWith(` ${y}`))) return true;
  const [longer, shorter] = x.length > y.length ? [x, y] : [y, x];
  const extra = longer.slice(0, -shorter.length - 1);
  return shorter.includes(' ') && longer.endsWith(` ${shorter}`) && !extra.includes(' ') && readWord(extra).place;
}

/** Candidate entities in an article's text: tagged names not covered by a registry mention. */
export function proposeCandidates(text: string, gazetteer: Gazetteer): CandidateInput[] {
  const known = gazetteer.findEntityMentions(text).mentions;
  // Each registry mention as written and as named, normalised once for every tagged name.
  const knownNames = known.map((m) => ({ start: m.start, names: [m.text, m.entity.name].map(normalizeCandidateName) }));
  const sentences = splitSentences(text);
  const found = new Map<string, CandidateInput>();
  // Names the registry already covers, so that an acronym standing for one is no candidate either.
  const covered = new Set<string>();
  const renamed = new Map<string, string>();
  for (let tagged of tagNames(text)) {
    if (tagged.expands !== undefined && covered.has(renamed.get(tagged.expands) ?? tagged.expands)) continue;
    // "South Korea’s Ministry of Trade, Industry and Energy": a known owner before the name is not part of it.
    const owner = known.find((m) => m.start === tagged.start && m.end < tagged.end && /^[’']s \p{Lu}/u.test(text.slice(m.end, m.end + 4)));
    if (owner) {
      const name = text.slice(owner.end + 3, tagged.end);
      renamed.set(tagged.text, name);
      tagged = { ...tagged, text: name, start: owner.end + 3 };
    }
    const name = candidateName(tagged.text, tagged.kind);
    // "Biman Bangladesh Airlines", "Hong Kong Polytechnic University", "Nissan North America
    // Inc.": a known name inside a longer organisation name is part of it, unless the rest is
    // only a legal form ("Goldman Sachs Group Inc.").
    const { start, end, kind } = tagged;
    const bare = normalizeCandidateName(text.slice(start, end)).replace(LEGAL_FORM, '');
    const partOfName = (m: (typeof known)[number]) => kind === 'organization' && m.entity.kind !== 'person' && (m.start > start || m.end < end) && ![m.text, m.entity.name].some((n) => normalizeCandidateName(n) === bare);
    if (known.some((m) => m.start < end && start < m.end && !partOfName(m)) || (name && gazetteer.resolve(name))) {
      covered.add(tagged.text);
      continue;
    }
    if (!name) continue;
    const normalized = normalizeCandidateName(name);
    if (normalized.length < 2) continue;
    // "Police Service" after "Metropolitan Police Service": a shorter later mention of a known name.
    if (normalized.includes(' ') && knownNames.some((m) => m.start < tagged.start && m.names.some((n) => n.endsWith(` ${normalized}`)))) continue;
    // "Nadal" after "Rafael Nadal", "Van Der Beek" after "James Van Der Beek": a later mention
    // of the person already proposed.
    // "Elizabeth A. Bu" where a summary is cut off: a prefix of a person already proposed.
    const fullName = [...found.values()].find((c) => c.kind === 'person' && (c.normalized.endsWith(` ${normalized}`) || (tagged.end === text.length && c.normalized.startsWith(normalized))));
    // "JNET" after "Joint Narcotics Enforcement Team (JNET)": a mention of the name it abbreviates.
    const expanded = tagged.expands === undefined ? undefined : found.get(normalizeCandidateName(renamed.get(tagged.expands) ?? tagged.expands));
    const cut = tagged.end === text.length;
    const variant = [...found.values()].find((c) => c.kind === tagged.kind && (tagged.kind === 'person' ? samePerson(c.normalized, normalized, cut) : sameOrganization(c.normalized, normalized)));
    // One candidate per name: "Walter Reed hospital" and a later "visit to Walter Reed" are one,
    // whichever kind each mention suggests (the first decides).
    const seen = fullName ?? expanded ?? found.get(normalized) ?? variant;
    if (seen) {
      seen.mentions++;
      continue;
    }
    const example = sentences.find((s) => s.includes(tagged.text)) ?? tagged.text;
    found.set(normalized, { kind: tagged.kind, name, normalized, mentions: 1, example: example.slice(0, MAX_EXAMPLE_LENGTH) });
  }
  // Every tagged name is kept: the mention count across articles tells analysts what matters.
  // A one-word person the article never names in full ("Taylor", "Hanbal") is too vague to propose.
  return [...found.values()].filter((c) => c.kind !== 'person' || c.normalized.includes(' '));
}
