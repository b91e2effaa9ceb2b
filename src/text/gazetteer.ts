// Dictionary-based entity recognition for AI and tech-policy news.
//
// Why a hand-built token trie rather than natural's Trie or one big regex: the matcher
// needs longest-match over multi-word aliases, per-alias case rules and offsets into the
// original text. natural's Trie works on characters of single strings and knows nothing
// of word boundaries or case; a regex alternation of ~700 aliases is re-tried at every
// character. The trie walks word tokens once: 10k articles of 3 KB take about two seconds.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { ENTITY_KINDS, type EntityKind } from '../vocabulary';

/** One curated entity, as validated from gazetteer.yaml. */
export interface GazetteerEntity {
  key: string;
  name: string;
  kind: EntityKind;
  aliases: string[];
  parent?: string;
  owner?: string;
  caseSensitive: boolean;
}

/** An entity found in a text, with how often and where it first occurs. */
export interface EntityMention {
  key: string;
  name: string;
  kind: EntityKind;
  parentKey?: string;
  mentions: number;
  firstOffset: number;
}

export interface Gazetteer {
  readonly entities: readonly GazetteerEntity[];
  /** The entity with this key. */
  get(key: string): GazetteerEntity | undefined;
  /** The entity whose name or alias is exactly this phrase (a leading "the" is ignored). */
  resolve(phrase: string): GazetteerEntity | undefined;
  /** Every entity mentioned in the text, in order of first mention. */
  findEntities(text: string): EntityMention[];
  /** Each mention's entity key and character span [start, end), in text order. */
  findMentions(text: string): MentionSpan[];
}

/** Where one mention of an entity sits in a text. */
export interface MentionSpan {
  key: string;
  start: number;
  end: number;
}

const entitySchema = z
  .object({
    key: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'key must be a lower-case slug'),
    name: z.string().min(1),
    kind: z.enum(ENTITY_KINDS),
    aliases: z.array(z.string().min(1)).default([]),
    parent: z.string().optional(),
    owner: z.string().min(1).optional(),
    caseSensitive: z.boolean().optional(),
  })
  .strict();

const fileSchema = z
  .object({ ignore: z.array(z.string().min(1)).default([]), entities: z.array(entitySchema).min(1) })
  .strict();

interface Token {
  /** Lower-cased, accent- and quote-folded form used as the trie key. */
  norm: string;
  /** Folded form with case kept, compared for case-sensitive aliases. */
  cased: string;
  start: number;
  /** Length of the token in the original text. */
  length: number;
}

interface Hit {
  /** Index into entities; -1 for an ignore phrase. */
  entity: number;
  /** Set for case-sensitive aliases: the exact token spellings required. */
  exact?: string[];
}

interface TrieNode {
  next: Map<string, TrieNode>;
  hits?: Hit[];
}

// Word runs, or any single non-space symbol: "OpenAI's" -> OpenAI ' s, "GPT-4o" -> GPT - 4o.
const TOKEN_RE = /[\p{L}\p{M}\p{N}]+|[^\s\p{L}\p{M}\p{N}]/gu;
// Printable ASCII needs no folding; anything else (curly quotes, accents, dashes) may.
const NEEDS_FOLDING = /[^\u0020-\u007e]/;
const FOLD: Record<string, string> = { '’': "'", '‘': "'", '`': "'", '´': "'", '“': '"', '”': '"', '–': '-', '—': '-', '‐': '-', '‑': '-' };

function fold(surface: string): string {
  if (!NEEDS_FOLDING.test(surface)) return surface;
  if (surface.length === 1 && FOLD[surface]) return FOLD[surface];
  return surface.normalize('NFKD').replace(/\p{M}/gu, '');
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(TOKEN_RE)) {
    const cased = fold(m[0]);
    tokens.push({ norm: cased.toLowerCase(), cased, start: m.index, length: m[0].length });
  }
  return tokens;
}

// Acronyms (no lower-case letter, at least two letters) collide with common words when
// lower-cased ("SEC"/"sec", "AP"/"ap"), so they only ever match as written.
function isAcronym(alias: string): boolean {
  return !/\p{Ll}/u.test(alias) && (alias.match(/\p{Lu}/gu)?.length ?? 0) >= 2;
}

function aliasIsCaseSensitive(entity: GazetteerEntity, alias: string): boolean {
  return entity.caseSensitive || isAcronym(alias);
}

function insert(root: TrieNode, phrase: string, hit: Hit): void {
  let node = root;
  for (const t of tokenize(phrase)) {
    let child = node.next.get(t.norm);
    if (!child) node.next.set(t.norm, (child = { next: new Map() }));
    node = child;
  }
  (node.hits ??= []).push(hit);
}

function hitMatches(hit: Hit, tokens: Token[], from: number, ignoreCase: boolean): boolean {
  return ignoreCase || !hit.exact || hit.exact.every((spelling, i) => tokens[from + i].cased === spelling);
}

/** Longest alias starting at tokens[from]: [hit, token count] or undefined. */
function longestAt(root: TrieNode, tokens: Token[], from: number, ignoreCase = false): [Hit, number] | undefined {
  let node: TrieNode | undefined = root;
  let best: [Hit, number] | undefined;
  for (let i = from; i < tokens.length; i++) {
    node = node.next.get(tokens[i].norm);
    if (!node) break;
    const hit = node.hits?.find((h) => hitMatches(h, tokens, from, ignoreCase));
    if (hit) best = [hit, i - from + 1];
  }
  return best;
}

function validate(file: z.infer<typeof fileSchema>, path: string): GazetteerEntity[] {
  const problems: string[] = [];
  const keys = new Set<string>();
  for (const e of file.entities) {
    if (keys.has(e.key)) problems.push(`duplicate key "${e.key}"`);
    keys.add(e.key);
  }
  const owners = new Map<string, string>();
  for (const e of file.entities) {
    if (e.parent && !keys.has(e.parent)) problems.push(`${e.key}: unknown parent "${e.parent}"`);
    if (e.owner && e.kind !== 'outlet') problems.push(`${e.key}: only outlets have an owner`);
    for (const alias of [e.name, ...e.aliases]) {
      const norm = tokenize(alias).map((t) => t.norm).join(' ');
      const other = owners.get(norm);
      if (other && other !== e.key) problems.push(`alias "${alias}" belongs to both ${other} and ${e.key}`);
      owners.set(norm, e.key);
    }
  }
  if (problems.length > 0) throw new Error(`${path}: ${problems.join('; ')}`);
  return file.entities.map((e) => ({
    ...e,
    caseSensitive: e.caseSensitive ?? (e.kind === 'person' || e.kind === 'country'),
  }));
}

function build(entities: GazetteerEntity[], ignore: string[]): Gazetteer {
  const root: TrieNode = { next: new Map() };
  const byKey = new Map(entities.map((e) => [e.key, e]));
  entities.forEach((entity, index) => {
    for (const alias of new Set([entity.name, ...entity.aliases])) {
      const exact = aliasIsCaseSensitive(entity, alias) ? tokenize(alias).map((t) => t.cased) : undefined;
      insert(root, alias, { entity: index, exact });
    }
  });
  for (const phrase of ignore) insert(root, phrase, { entity: -1 });

  function findMentions(text: string): MentionSpan[] {
    const tokens = tokenize(text);
    const spans: MentionSpan[] = [];
    for (let i = 0; i < tokens.length; ) {
      const match = longestAt(root, tokens, i);
      if (!match) {
        i++;
        continue;
      }
      const [hit, length] = match;
      const last = tokens[i + length - 1];
      if (hit.entity >= 0) spans.push({ key: entities[hit.entity].key, start: tokens[i].start, end: last.start + last.length });
      i += length;
    }
    return spans;
  }

  function findEntities(text: string): EntityMention[] {
    const found = new Map<string, EntityMention>();
    for (const span of findMentions(text)) {
      const seen = found.get(span.key);
      if (seen) {
        seen.mentions++;
        continue;
      }
      const e = byKey.get(span.key)!;
      const mention: EntityMention = { key: e.key, name: e.name, kind: e.kind, mentions: 1, firstOffset: span.start };
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
    for (const ts of candidates) {
      // The phrase is already known to be a name, so the case rules that keep common
      // words out of running text do not apply: "REUTERS" resolves.
      const match = longestAt(root, ts, 0, true);
      if (match && match[1] === ts.length && match[0].entity >= 0) return entities[match[0].entity];
    }
    return undefined;
  }

  return { entities, get: (key) => byKey.get(key), resolve, findEntities, findMentions };
}

const DEFAULT_PATH = fileURLToPath(new URL('./gazetteer.yaml', import.meta.url));
const cache = new Map<string, Gazetteer>();

/** Load, validate and index a gazetteer file once; later calls return the cached matcher. */
export function loadGazetteer(path: string = DEFAULT_PATH): Gazetteer {
  const cached = cache.get(path);
  if (cached) return cached;
  const lineCounter = new LineCounter();
  const doc = parseDocument(readFileSync(path, 'utf8'), { lineCounter });
  if (doc.errors.length > 0) throw new Error(`${path}: ${doc.errors[0].message}`);
  const parsed = fileSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    // Name the line of the first offending entry so a curator can find it.
    const issue = parsed.error.issues[0];
    const node = doc.getIn(issue.path as (string | number)[], true) as { range?: [number, number, number] } | undefined;
    const where = node?.range ? `:${lineCounter.linePos(node.range[0]).line}` : '';
    throw new Error(`${path}${where}: ${z.prettifyError(parsed.error)}`);
  }
  const gazetteer = build(validate(parsed.data, path), parsed.data.ignore);
  cache.set(path, gazetteer);
  return gazetteer;
}

/** Entities of the bundled gazetteer mentioned in the text, in order of first mention. */
export function findEntities(text: string): EntityMention[] {
  return loadGazetteer().findEntities(text);
}
