// Who a sentence says its information comes from ("according to The Wall Street Journal",
// "Bloomberg reported", "the company said in a statement"). The origin decides which
// articles are independent of each other, so a wrong origin merges or splits evidence:
// patterns are tried from the most to the least specific and names are normalised to
// gazetteer names ("WSJ" -> "The Wall Street Journal").
import { findEntities, loadGazetteer } from '../extract/gazetteer';

export interface Attribution {
  /** Canonical name of the outlet, organisation or person the claim is attributed to. */
  origin: string;
  /** Which kind of cue named it: dateline, according to, reported, reported by, told, citing, statement, filing, spokesperson, said. */
  cue: string;
}

export interface AttributionContext {
  /** Entity names of the article, most prominent first: resolves "the company said". */
  entityNames?: string[];
}

// A run of capitalised words, optionally joined by "of", "and", "&" ("Bank of America").
const CAP = String.raw`(?:\p{Lu}[\p{L}\p{N}&.'’-]*|\d+[\p{L}][\p{L}\p{N}]*)`;
const NAME = String.raw`((?:[Tt]he\s+)?${CAP}(?:\s+(?:(?:of|for|and|&|de|the)\s+)?${CAP})*)`;
const SOURCE_NOUN = String.raw`(?:report|story|article|statement|filing|post|blog post|memo|document|interview|email|letter|data|figures|analysis|survey|study|investigation)s?`;

// Words that open a capitalised run without being part of the name ("On Friday Bloomberg").
const LEADING_NOISE = new Set([
  'the', 'on', 'in', 'at', 'but', 'and', 'also', 'meanwhile', 'earlier', 'later', 'last', 'separately', 'however',
  'then', 'when', 'while', 'after', 'before', 'as', 'this', 'that', 'it', 'a', 'an', 'monday', 'tuesday',
  'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'january', 'february', 'march', 'april', 'may',
  'june', 'july', 'august', 'september', 'october', 'november', 'december', 'today', 'yesterday',
]);
// Capitalised words that are not origins when nothing in the gazetteer backs them.
const NOT_ORIGINS = new Set(['officials', 'analysts', 'sources', 'reports', 'critics', 'experts', 'police', 'investigators', 'he', 'she', 'they', 'we', 'i', 'it']);

/** The canonical gazetteer name for a phrase, trying shorter tails ("On Friday Bloomberg"). */
function canonicalName(raw: string): string | undefined {
  const gazetteer = loadGazetteer();
  const words = raw.replace(/[’']s$/, '').trim().split(/\s+/);
  for (let i = 0; i < words.length; i++) {
    const entity = gazetteer.resolve(words.slice(i).join(' '));
    if (entity) return entity.name;
  }
  let start = 0;
  while (start < words.length && LEADING_NOISE.has(words[start].toLowerCase())) start++;
  const rest = words.slice(start).join(' ');
  return rest && !NOT_ORIGINS.has(rest.toLowerCase()) ? rest : undefined;
}

function isOutlet(name: string): boolean {
  return loadGazetteer().resolve(name)?.kind === 'outlet';
}

function isKnownEntity(name: string): boolean {
  return loadGazetteer().resolve(name) !== undefined;
}

// "the company said": the organisation named in the sentence, else the article's main entity.
function impliedOrganisation(sentence: string, context: AttributionContext): string | undefined {
  const named = findEntities(sentence).find((m) => m.kind === 'company' || m.kind === 'agency');
  return named?.name ?? context.entityNames?.[0];
}

interface Rule {
  cue: string;
  pattern: RegExp;
  /** Extra condition on the captured name (e.g. "told X" only for outlets). */
  accept?: (name: string) => boolean;
}

const re = (source: string, flags = 'u') => new RegExp(source, flags);

const RULES: Rule[] = [
  { cue: 'dateline', pattern: re(String.raw`^\s*(?:[\p{Lu}][\p{Lu}\p{Ll} .,'-]*\s)?\((Reuters|AP|AFP|Bloomberg|Xinhua|dpa|Associated Press)\)\s*[-—–:]`) },
  { cue: 'according to', pattern: re(String.raw`\b[Aa]ccording to (?:(?:a|an|the)\s+)?(?:(?:new|recent|latest)\s+)?(?:${SOURCE_NOUN}\s+(?:by|from|in|published by|with)\s+)?${NAME}`) },
  { cue: 'reported by', pattern: re(String.raw`\b(?:first\s+|originally\s+|earlier\s+|previously\s+)?reported\s+(?:earlier\s+|first\s+)?by\s+${NAME}`) },
  { cue: 'reported by', pattern: re(String.raw`\b(?:a|the)\s+(?:${SOURCE_NOUN})\s+(?:by|from|in)\s+${NAME}`), accept: isOutlet },
  { cue: 'reported', pattern: re(String.raw`${NAME}(?:,[^,]{1,80},)?\s+(?:has\s+|had\s+)?(?:first\s+|originally\s+|previously\s+|also\s+|exclusively\s+|earlier\s+)?(?:reported|reports|revealed|broke the news)\b`) },
  { cue: 'told', pattern: re(String.raw`\btold\s+${NAME}`), accept: isOutlet },
  { cue: 'citing', pattern: re(String.raw`${NAME},?\s+citing\b`), accept: isKnownEntity },
  { cue: 'citing', pattern: re(String.raw`\bciting\s+(?:(?:a|an|the)\s+)?(?:${SOURCE_NOUN}\s+(?:by|from|in)\s+)?${NAME}`), accept: isOutlet },
  { cue: 'filing', pattern: re(String.raw`${NAME}\s+(?:said|says|disclosed|revealed|stated)\s+in\s+(?:a|an|its)\s+(?:regulatory\s+|securities\s+|annual\s+|quarterly\s+)?filing`) },
  { cue: 'statement', pattern: re(String.raw`${NAME}\s+(?:said|says|confirmed|announced|denied|wrote)\s+in\s+(?:a|an|its)\s+(?:statement|press release|blog post|post|letter|email)`) },
  { cue: 'statement', pattern: re(String.raw`\b[Ii]n\s+(?:a|an|its)\s+(?:statement|press release|blog post)(?:\s+on\s+\p{Lu}\p{Ll}+)?,\s+${NAME}\s+(?:said|says|confirmed|announced|denied)`) },
  { cue: 'spokesperson', pattern: re(String.raw`\b(?:a|an)\s+${NAME}\s+(?:spokesperson|spokesman|spokeswoman|representative)\b`) },
  { cue: 'spokesperson', pattern: re(String.raw`\b(?:spokesperson|spokesman|spokeswoman|representative)\s+for\s+${NAME}`) },
  { cue: 'said', pattern: re(String.raw`${NAME}\s+(?:said|says|announced|confirmed|told)\b`), accept: isKnownEntity },
  // Inverted order only at the end of a clause (", said Sam Altman."), not "said WeWork needs".
  { cue: 'said', pattern: re(String.raw`\b(?:said|says)\s+${NAME}\s*(?:[,.;]|$)`), accept: isKnownEntity },
];

const ORGANISATION_NOUN = '(?:company|firm|startup|agency|regulator|commission|department|ministry)';
const IMPLIED = re(String.raw`\b(?:[Tt]he\s+${ORGANISATION_NOUN}(?:'s\s+\w+)?\s+(?:said|says|confirmed|announced|denied|told)|according to the\s+${ORGANISATION_NOUN})\b`);
const FILING_WITH = re(String.raw`\b(?:in|according to)\s+(?:a|an|its)\s+(?:regulatory\s+|securities\s+)?filing\s+with\s+${NAME}`);

/** The origin a sentence attributes its information to, and the cue that names it. */
export function findAttribution(sentence: string, context: AttributionContext = {}): Attribution | undefined {
  for (const rule of RULES) {
    for (const match of sentence.matchAll(new RegExp(rule.pattern.source, rule.pattern.flags + 'g'))) {
      const raw = match[1];
      const origin = raw && canonicalName(raw);
      if (origin && (!rule.accept || rule.accept(origin))) return { origin, cue: rule.cue };
    }
  }
  // "in a filing with the SEC": the filer speaks, the agency only receives the document.
  const filing = FILING_WITH.exec(sentence);
  if (filing) {
    const filer = impliedOrganisation(sentence.replace(filing[0], ''), context);
    const origin = filer ?? canonicalName(filing[1]);
    if (origin) return { origin, cue: 'filing' };
  }
  if (IMPLIED.test(sentence)) {
    const origin = impliedOrganisation(sentence, context);
    if (origin) return { origin, cue: 'statement' };
  }
  return undefined;
}
