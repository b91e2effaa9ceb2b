// Dictionary-based entity recognition: the entity registry (src/text/registry/*.yaml) matched
// over word tokens, with context rules for ambiguous aliases (entities/matcher.ts).
//
// Why a hand-built token trie rather than natural's Trie or one big regex: the matcher needs
// longest-match over multi-word aliases, per-alias case rules and offsets into the original
// text. natural's Trie works on characters of single strings and knows nothing of word
// boundaries or case; a regex alternation of thousands of aliases is re-tried at every
// character. The trie walks word tokens once, at a cost that does not grow with the registry.
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EntityKind } from '../vocabulary';
import { buildMatcher, type Mention, type Refusal } from './entities/matcher';
import { loadTrustFile, outletTrust, type OutletTrust, type TrustFile } from './entities/outlet-trust';
import { loadRegistry } from './entities/registry';
import type { RegistryEntity } from './entities/registry-schema';
import { tokenize } from './entities/tokens';

export type { EntityKind };
export type { Mention, Refusal, OutletTrust, RegistryEntity };

/** One registry entity, as validated from the registry files. */
export type GazetteerEntity = RegistryEntity;

/** An entity found in a text, with how often and where it first occurs. */
export interface EntityMention {
  key: string;
  name: string;
  kind: EntityKind;
  parentKey?: string;
  mentions: number;
  firstOffset: number;
  /** The surest of its mentions' links. */
  confidence: number;
}

/** Where one mention of an entity sits in a text. */
export interface MentionSpan {
  key: string;
  start: number;
  end: number;
}

export interface Gazetteer {
  readonly entities: readonly GazetteerEntity[];
  /** The entity with this key (registry, accepted candidate or model pattern). */
  get(key: string): GazetteerEntity | undefined;
  /** The entity whose name or alias is exactly this phrase (a leading "the" is ignored). */
  resolve(phrase: string): GazetteerEntity | undefined;
  /** Every entity mentioned in the text, in order of first mention. */
  findEntities(text: string): EntityMention[];
  /** Each mention's entity key and character span [start, end), in text order. */
  findMentions(text: string): MentionSpan[];
  /** Each mention with its span, confidence and reason, and the matches refused by context. */
  findEntityMentions(text: string): { mentions: (Mention & { entity: GazetteerEntity })[]; refused: Refusal[] };
  /** An outlet by name or alias ("WSJ", "the Journal"): its entity, trust, reasons and owner. */
  lookupOutlet(nameOrAlias: string): OutletTrust | undefined;
  /** This registry plus more entities (accepted candidates); cached per distinct list. */
  withEntities(extra: GazetteerEntity[]): Gazetteer;
}

function build(entities: GazetteerEntity[], ignore: string[], trust: TrustFile | undefined): Gazetteer {
  const matcher = buildMatcher(entities, ignore);
  const byKey = new Map(entities.map((e) => [e.key, e]));
  const get = (key: string) => byKey.get(key) ?? matcher.synthetic.get(key);
  // Only the newest extension is kept: accepted candidates only grow, so an older list is stale.
  let extended: { signature: string; gazetteer: Gazetteer } | undefined;

  function findEntityMentions(text: string) {
    const { mentions, refused } = matcher.match(text);
    return { mentions: mentions.map((m) => ({ ...m, entity: get(m.key)! })), refused };
  }

  function findMentions(text: string): MentionSpan[] {
    return matcher.match(text).mentions.map(({ key, start, end }) => ({ key, start, end }));
  }

  function findEntities(text: string): EntityMention[] {
    const found = new Map<string, EntityMention>();
    for (const m of matcher.match(text).mentions) {
      const seen = found.get(m.key);
      if (seen) {
        seen.mentions++;
        seen.confidence = Math.max(seen.confidence, m.confidence);
        continue;
      }
      const e = get(m.key)!;
      const mention: EntityMention = { key: e.key, name: e.name, kind: e.kind, mentions: 1, firstOffset: m.start, confidence: m.confidence };
      if (e.parent) mention.parentKey = e.parent;
      found.set(e.key, mention);
    }
    return [...found.values()];
  }

  function resolve(phrase: string): GazetteerEntity | undefined {
    const tokens = tokenize(phrase);
    const candidates = [tokens];
    // Names lifted from prose may carry a possessive ("the Wall Street Journal's"),
    // though some names end in one ("Barron's"): try with it first.
    if (tokens.length > 2 && tokens.at(-1)?.norm === 's' && tokens.at(-2)?.norm === "'") candidates.push(tokens.slice(0, -2));
    // "The Information" keeps its article, "the Wall Street Journal" may drop it.
    for (const ts of [...candidates]) if (ts[0]?.norm === 'the') candidates.push(ts.slice(1));
    // The phrase is already known to be a name, so the case rules that keep common
    // words out of running text do not apply: "REUTERS" resolves.
    for (const ts of candidates) {
      const entity = ts.length > 0 ? matcher.resolveTokens(ts) : undefined;
      if (entity) return entity;
    }
    return undefined;
  }

  function lookupOutlet(nameOrAlias: string): OutletTrust | undefined {
    let entity = resolve(nameOrAlias);
    // "the Journal", "the Post": the bare noun of a one-word-shorter outlet name.
    if (!entity) entity = SHORT_OUTLET_NAMES[nameOrAlias.replace(/^the\s+/i, '').toLowerCase()]?.map((k) => byKey.get(k)).find(Boolean);
    return entity?.kind === 'outlet' ? outletTrust(entity, trust) : undefined;
  }

  function withEntities(extra: GazetteerEntity[]): Gazetteer {
    if (extra.length === 0) return gazetteer;
    const signature = extra.map((e) => `${e.key}:${e.name}:${e.aliases.join('|')}`).join(',');
    if (extended?.signature !== signature) extended = { signature, gazetteer: build([...entities, ...extra.filter((e) => !byKey.has(e.key))], ignore, trust) };
    return extended.gazetteer;
  }

  const gazetteer: Gazetteer = { entities, get, resolve, findEntities, findMentions, findEntityMentions, lookupOutlet, withEntities };
  return gazetteer;
}

// Short names the press uses for outlets whose aliases would collide with common words in
// running text; accepted only where a name is already known to be an outlet (lookupOutlet).
const SHORT_OUTLET_NAMES: Record<string, string[]> = {
  journal: ['wsj'],
  post: ['wapo'],
  times: ['nyt'],
  'ft': ['ft'],
  economist: ['the-economist'],
  globe: ['boston-globe'],
  chronicle: ['sf-chronicle'],
  inquirer: ['philly-inquirer'],
};

/** A stored entity (an accepted candidate) in registry form, so matching can find it. */
export function entityFromStore(row: { key: string; name: string; kind: EntityKind; aliases: string[] }): GazetteerEntity {
  return {
    key: row.key,
    name: row.name,
    kind: row.kind,
    aliases: row.aliases,
    caseSensitive: true,
    ambiguous: new Set(),
    generic: new Set(),
    cues: [],
    notNear: [],
    demonyms: [],
    ids: {},
    source: 'candidate',
  };
}

const DEFAULT_PATH = fileURLToPath(new URL('./registry', import.meta.url));
const cache = new Map<string, Gazetteer>();

/** Load, validate and index a registry folder (or one file) once; later calls return the cached matcher. */
export function loadGazetteer(path: string = DEFAULT_PATH): Gazetteer {
  const cached = cache.get(path);
  if (cached) return cached;
  const { entities, ignore } = loadRegistry(path);
  const trustPath = statSync(path).isDirectory() ? join(path, 'outlet-trust.yaml') : join(dirname(path), 'outlet-trust.yaml');
  const gazetteer = build(entities, ignore, existsSync(trustPath) ? loadTrustFile(trustPath) : undefined);
  cache.set(path, gazetteer);
  return gazetteer;
}

/** Entities of the bundled registry mentioned in the text, in order of first mention. */
export function findEntities(text: string): EntityMention[] {
  return loadGazetteer().findEntities(text);
}

/** An outlet of the bundled registry by name or alias, with its trust, reasons and owner. */
export function lookupOutlet(nameOrAlias: string): OutletTrust | undefined {
  return loadGazetteer().lookupOutlet(nameOrAlias);
}
