// Finds registry entities in text: trie matching, then context rules for ambiguous aliases,
// versioned AI models by pattern, and later bare surnames of people already named in full.
import { CONTRARY_WINDOW, CUE_WINDOW, INSTITUTION_HEADS, KIND_CUES } from './context';
import { findModelNames } from './models';
import type { RegistryEntity } from './registry-schema';
import { glued, isAcronym, phraseKey, slugify, tokenize, type Token } from './tokens';
import { insert, longestAt, newTrie, type Hit, type TrieNode } from './trie';

/** One mention of an entity: where it is, how sure the link is and why. */
export interface Mention {
  key: string;
  start: number;
  end: number;
  text: string;
  /** 1 for an unambiguous alias; lower for links resting on context. */
  confidence: number;
  reason: string;
}

/** A phrase that matched an alias but was not linked, with the rule that refused it. */
export interface Refusal {
  key: string;
  start: number;
  end: number;
  text: string;
  reason: string;
}

interface Pending extends Mention {
  entity: RegistryEntity;
  /** Ambiguous alias with no local cue: linked only if the text supports the entity. */
  needsSupport?: boolean;
}

export interface Matcher {
  match(text: string): { mentions: Mention[]; refused: Refusal[] };
  /** Longest alias covering the whole phrase, case ignored; undefined when none. */
  resolveTokens(tokens: Token[]): RegistryEntity | undefined;
  /** Entities made from model patterns ("Claude Opus 4.7"), by key, as they are first seen. */
  readonly synthetic: Map<string, RegistryEntity>;
}

const NUMBER = /^\d[\d,.]*$/;
const HONORIFICS = new Set(['mr', 'ms', 'mrs', 'dr', 'sen', 'rep', 'gov', 'president', 'judge', 'justice']);
const NAME_SUFFIX = /^(jr|sr|ii|iii|iv)$/i;
const capitalised = (t: Token | undefined) => t !== undefined && /^\p{Lu}/u.test(t.cased);

/** Builds the matcher for a list of entities and ignore phrases (matched, then dropped). */
export function buildMatcher(entities: RegistryEntity[], ignore: string[]): Matcher {
  const root = newTrie();
  const qualifiers = newTrie();
  const byKey = new Map(entities.map((e) => [e.key, e]));
  const synthetic = new Map<string, RegistryEntity>();
  entities.forEach((entity, index) => {
    for (const alias of new Set([entity.name, ...entity.aliases])) {
      const key = phraseKey(alias);
      const exact = entity.caseSensitive || isAcronym(alias) || entity.ambiguous.has(key) ? tokenize(alias).map((t) => t.cased) : undefined;
      insert(root, alias, { entity: index, alias, key, exact, capital: /^\p{Lu}/u.test(alias) });
    }
    if (entity.kind === 'country' || entity.key === 'european-union') {
      for (const q of new Set([entity.name, ...entity.aliases, ...entity.demonyms])) insert(qualifiers, q, { entity: index, alias: q, key: phraseKey(q), exact: tokenize(q).map((t) => t.cased) });
    }
  });
  for (const phrase of ignore) insert(root, phrase, { entity: -1, alias: phrase, key: phraseKey(phrase) });

  const countryOf = (e: RegistryEntity): string | undefined => {
    for (let cur: RegistryEntity | undefined = e, depth = 0; cur && depth < 6; cur = cur.parent ? byKey.get(cur.parent) : undefined, depth++) {
      if (cur.kind === 'country') return cur.key;
      if (cur.country) return cur.country;
    }
    return undefined;
  };
  const lineage = (key: string): string[] => {
    const out: string[] = [];
    for (let cur = byKey.get(key) ?? synthetic.get(key), depth = 0; cur && depth < 6; cur = cur.parent ? (byKey.get(cur.parent) ?? synthetic.get(cur.parent)) : undefined, depth++) out.push(cur.key);
    return out;
  };
  // Related: one is an ancestor of the other, or they share a parent (Tim Cook and Apple, AWS and Amazon).
  const related = (a: string, b: string) => {
    const la = lineage(a);
    const lb = lineage(b);
    return la.includes(b) || lb.includes(a) || (la[1] !== undefined && la[1] === lb[1]);
  };

  function modelEntity(name: string, developer: string): RegistryEntity {
    const tokens = tokenize(name);
    const known = resolveTokens(tokens);
    if (known && known.kind === 'model' && phraseKey(known.name) === phraseKey(name)) return known;
    const key = slugify(name);
    const existing = byKey.get(key) ?? synthetic.get(key);
    if (existing) return existing;
    const entity: RegistryEntity = {
      key,
      name,
      kind: 'model',
      aliases: [],
      parent: byKey.has(developer) ? developer : undefined,
      caseSensitive: true,
      ambiguous: new Set(),
      generic: new Set(),
      cues: [],
      notNear: [],
      demonyms: [],
      ids: {},
      source: 'pattern',
    };
    synthetic.set(key, entity);
    return entity;
  }

  function resolveTokens(tokens: Token[]): RegistryEntity | undefined {
    const match = longestAt(root, tokens, 0, true);
    return match && match[1] === tokens.length && match[0].entity >= 0 ? entities[match[0].entity] : undefined;
  }

  // One scan of a text. The helpers below take it as an argument rather than closing over it:
  // closures made per call cost a name definition each under the TypeScript loader, which
  // dominated the cost of matching a sentence.
  interface Scan {
    text: string;
    tokens: Token[];
    refused: Refusal[];
    pending: Pending[];
    /** Where a country (or its demonym) ends, for "Britain's Treasury" and "the Japanese finance ministry". */
    qualifierEnds: Map<number, string>;
  }

  function span(scan: Scan, from: number, to: number): { start: number; end: number } {
    const last = scan.tokens[to - 1];
    return { start: scan.tokens[from].start, end: last.start + last.length };
  }

  function refuse(scan: Scan, entity: RegistryEntity, from: number, to: number, reason: string): void {
    const s = span(scan, from, to);
    scan.refused.push({ key: entity.key, ...s, text: scan.text.slice(s.start, s.end), reason });
  }

  function foreignQualifier(scan: Scan, entity: RegistryEntity, at: number): string | undefined {
    const home = countryOf(entity);
    const { tokens } = scan;
    const candidates = [at - 1, tokens[at - 1]?.norm === 's' && tokens[at - 2]?.norm === "'" ? at - 3 : -1];
    for (const end of candidates) {
      const country = end >= 0 ? scan.qualifierEnds.get(end) : undefined;
      if (country && country !== home) return country;
    }
    return undefined;
  }

  // Cues count only in the mention's own sentence: "to explore Mars." is not the company
  // because the next sentence begins "The five companies".
  function sentenceAround(tokens: Token[], from: number, to: number, n: number): Token[] {
    const out: Token[] = [];
    for (let i = from - 1; i >= Math.max(0, from - n) && !endsSentence(tokens, i); i--) out.push(tokens[i]);
    for (let i = to; i < Math.min(tokens.length, to + n); i++) {
      out.push(tokens[i]);
      if (endsSentence(tokens, i)) break;
    }
    return out;
  }

  function tokensAround(tokens: Token[], from: number, to: number, n: number): Token[] {
    return tokens.slice(Math.max(0, from - n), from).concat(tokens.slice(to, to + n));
  }

  function match(text: string): { mentions: Mention[]; refused: Refusal[] } {
    const tokens = tokenize(text);
    const scan: Scan = { text, tokens, refused: [], pending: [], qualifierEnds: new Map() };
    const { refused, pending } = scan;
    for (let i = 0; i < tokens.length; i++) {
      const q = longestAt(qualifiers, tokens, i);
      if (q) scan.qualifierEnds.set(i + q[1] - 1, entities[q[0].entity].key);
    }

    const models = findModelNames(text);
    let nextModel = 0;
    for (let i = 0; i < tokens.length; ) {
      while (nextModel < models.length && models[nextModel].start < tokens[i].start) nextModel++;
      const model = models[nextModel];
      if (model && model.start === tokens[i].start) {
        let to = i;
        while (to < tokens.length && tokens[to].start < model.end) to++;
        const entity = modelEntity(model.name, model.developer);
        pending.push({ key: entity.key, ...span(scan, i, to), text: text.slice(model.start, model.end), confidence: 0.95, reason: 'model name pattern', entity, needsSupport: model.needsDeveloper });
        i = to;
        continue;
      }
      const found = longestAt(root, tokens, i) ?? datelineCountry(tokens, i);
      if (!found) {
        i++;
        continue;
      }
      const [hit, length] = found;
      if (hit.entity >= 0) judge(scan, hit, i, i + length);
      i += length;
    }

    // Support from the rest of the text: the same or a related entity named without doubt.
    const sure = pending.filter((p) => !p.needsSupport);
    const mentions: Pending[] = [];
    for (const p of pending) {
      if (!p.needsSupport) {
        mentions.push(p);
        continue;
      }
      const wanted = p.reason === 'model name pattern' && p.entity.parent ? p.entity.parent : p.key;
      const support = sure.find((s) => s !== p && (s.key === wanted || related(s.key, wanted)));
      if (support) mentions.push({ ...p, reason: `${p.reason}, supported by "${support.text}"` });
      else refused.push({ key: p.key, start: p.start, end: p.end, text: p.text, reason: `${p.reason} without supporting context` });
    }
    return { mentions: [...mentions, ...laterSurnames(tokens, text, mentions)].sort((a, b) => a.start - b.start).map(strip), refused };
  }

  const spaced = (scan: Scan, i: number) => scan.text.slice(scan.tokens[i - 1].start + scan.tokens[i - 1].length, scan.tokens[i].start) === ' ';
  const knownAt = (tokens: Token[], i: number) => (longestAt(root, tokens, i)?.[0].entity ?? -1) >= 0;

  function institutionFollows(scan: Scan, to: number): boolean {
    const { tokens } = scan;
    if (knownAt(tokens, to)) return false;
    for (let j = to; j < Math.min(tokens.length, to + 3) && capitalised(tokens[j]) && /\p{L}/u.test(tokens[j].cased) && spaced(scan, j); j++) {
      if (INSTITUTION_HEADS.has(tokens[j].norm)) return true;
    }
    return false;
  }

  function localStation(scan: Scan, to: number): boolean {
    const next = scan.tokens[to];
    if (!next || !spaced(scan, to) || knownAt(scan.tokens, to)) return false;
    return /^\d{1,2}$/.test(next.cased) || /^[A-Z]{2,4}$/.test(next.cased);
  }

  // A country's name (not its demonym, nor a name that is also a word: "Chad and Jordan") in the
  // qualifier trie, spanning tokens [at, at + length) exactly.
  const countryNameAt = (tokens: Token[], at: number, length?: number) => {
    const q = at >= 0 ? longestAt(qualifiers, tokens, at) : undefined;
    if (!q || (length !== undefined && q[1] !== length)) return undefined;
    const country = entities[q[0].entity];
    return [country.name, ...country.aliases].includes(q[0].alias) && !country.ambiguous.has(q[0].key) ? country : undefined;
  };
  const LIST_SEPARATORS = new Set([',', 'and', '/', '&', ';']);

  function listedWithCountry(scan: Scan, entity: RegistryEntity, from: number, to: number): boolean {
    const { tokens } = scan;
    if (tokens[to] && LIST_SEPARATORS.has(tokens[to].norm)) {
      const next = countryNameAt(tokens, to + 1);
      if (next && next !== entity) return true;
    }
    if (from >= 2 && LIST_SEPARATORS.has(tokens[from - 1].norm)) {
      for (let length = 1; length <= 4 && from - 1 - length >= 0; length++) {
        const before = countryNameAt(tokens, from - 1 - length, length);
        if (before && before !== entity) return true;
      }
    }
    return false;
  }

  const SHOUTED = /^\p{Lu}{2,}$/u;
  // "BAAR, SWITZERLAND": a dateline in capitals names the country in capitals too.
  function datelineCountry(tokens: Token[], i: number): [Hit, number] | undefined {
    if (i < 2 || tokens[i - 1].cased !== ',' || !SHOUTED.test(tokens[i - 2].cased) || !SHOUTED.test(tokens[i].cased)) return undefined;
    const found = longestAt(root, tokens, i, true);
    return found && found[0].entity >= 0 && entities[found[0].entity].kind === 'country' && tokens.slice(i, i + found[1]).every((t) => !/\p{Ll}/u.test(t.cased)) ? found : undefined;
  }

  function judge(scan: Scan, hit: Hit, from: number, to: number): void {
    const { text, tokens, pending } = scan;
    const entity = entities[hit.entity];
    const aliasKey = hit.key;
    const ambiguous = entity.ambiguous.has(aliasKey);
    const s = span(scan, from, to);
    const base = { key: entity.key, ...s, text: text.slice(s.start, s.end), entity };
    const prev = tokens[from - 1];
    // "Jean-Claude": the alias is the second half of a hyphenated name.
    if (from >= 2 && prev.cased === '-' && glued(tokens, from - 2) && glued(tokens, from - 1) && /\p{L}/u.test(tokens[from - 2].cased) && (ambiguous || entity.kind === 'person')) {
      return refuse(scan, entity, from, to, 'inside a hyphenated name');
    }
    // "30 FT", "5 AP": a short acronym or ambiguous word right after a number is a unit.
    if (prev && NUMBER.test(prev.cased) && (ambiguous || (isAcronym(hit.alias) && hit.alias.length <= 3))) return refuse(scan, entity, from, to, 'unit after a number');
    // ".DJI", ".SPX": after a full stop glued to it and not to the word before, an acronym is
    // a market data code (of an index here), not the company with that ticker or name.
    if (prev?.cased === '.' && glued(tokens, from - 1) && !(from >= 2 && glued(tokens, from - 2)) && isAcronym(hit.alias)) return refuse(scan, entity, from, to, 'market data code');
    // "Biman Bangladesh Airlines", "the US Embassy": a country opening an institution's name.
    if (entity.kind === 'country' && institutionFollows(scan, to)) return refuse(scan, entity, from, to, 'part of an institution’s name');
    // "NBC 5", "CBS DFW": a network's name before a channel number or a market's code names a
    // local station, another organisation.
    if (entity.outlet?.type === 'broadcaster' && isAcronym(hit.alias) && localStation(scan, to)) return refuse(scan, entity, from, to, 'local station');
    if (entity.generic.has(aliasKey)) {
      const other = foreignQualifier(scan, entity, from);
      if (other) return refuse(scan, entity, from, to, `qualified by another country (${other})`);
    }
    if (!ambiguous) {
      pending.push({ ...base, confidence: 1, reason: 'unambiguous alias' });
      return;
    }
    const wide = ` ${tokensAround(tokens, from, to, CONTRARY_WINDOW).map((t) => t.norm).join(' ')} `;
    const contrary = entity.notNear.find((w) => wide.includes(` ${w} `));
    if (contrary) return refuse(scan, entity, from, to, `contrary context "${contrary}"`);
    // "Meta-analysis": glued to a lower-case word, the alias reads as a prefix; local cues do not count.
    const prefix = glued(tokens, to - 1) && tokens[to]?.cased === '-' && glued(tokens, to) && /^\p{Ll}/u.test(tokens[to + 1]?.cased ?? '');
    const cues = KIND_CUES[entity.kind];
    // "Sierra Nevada", "Nature Astronomy": followed by another capitalised word, the alias is
    // the start of a longer name the registry does not hold. Not so before one of its own cues
    // ("Apple Watch") or before another registry name ("Dell Alienware").
    // "Nittany Lions", "Eastern Michigan Eagles": after another capitalised word inside a
    // sentence, a team's short name is the end of a longer one (a college team's). Companies
    // are left alone: deal listings capitalise every word ("35% Off Dell Alienware").
    const before = tokens[from - 1];
    if (entity.kind === 'other' && before && from >= 2 && capitalised(before) && /\p{L}/u.test(before.cased) && !endsSentence(tokens, from - 2) && !cues.has(before.norm) && text.slice(before.start + before.length, tokens[from].start) === ' ') {
      return refuse(scan, entity, from, to, `end of a longer name ("${before.cased}")`);
    }
    const after = tokens[to];
    const nextIsKnown = () => (longestAt(root, tokens, to)?.[0].entity ?? -1) >= 0;
    if (after && capitalised(after) && /\p{L}/u.test(after.cased) && !cues.has(after.norm) && !entity.cues.includes(after.norm) && text.slice(tokens[to - 1].start + tokens[to - 1].length, after.start) === ' ' && !nextIsKnown()) {
      return refuse(scan, entity, from, to, `start of a longer name ("${after.cased}")`);
    }
    // "Path D: Georgia, North Macedonia, Kosovo": named in a list beside another country, it is the country.
    if (entity.kind === 'country' && listedWithCountry(scan, entity, from, to)) {
      pending.push({ ...base, confidence: 0.9, reason: 'listed with another country' });
      return;
    }
    const cue = prefix ? undefined : sentenceAround(tokens, from, to, CUE_WINDOW).find((t) => cues.has(t.norm) || entity.cues.includes(t.norm));
    if (cue) pending.push({ ...base, confidence: 0.9, reason: `context cue "${cue.cased}"` });
    else pending.push({ ...base, confidence: 0.75, reason: 'ambiguous alias', needsSupport: true });
  }

  // "Cook" after "Tim Cook": a capitalised surname alone, not part of a longer name, links to
  // the one person named in full earlier with it.
  function laterSurnames(tokens: Token[], text: string, mentions: Pending[]): Pending[] {
    const bySurname = new Map<string, Pending[]>();
    for (const m of mentions) {
      if (m.entity.kind !== 'person') continue;
      const parts = tokenize(m.entity.name).filter((t) => /\p{L}/u.test(t.cased) && !NAME_SUFFIX.test(t.cased));
      if (parts.length < 2) continue;
      const surname = parts.at(-1)!.cased;
      const list = bySurname.get(surname) ?? [];
      if (!list.some((o) => o.key === m.key)) list.push(m);
      bySurname.set(surname, list);
    }
    if (bySurname.size === 0) return [];
    const out: Pending[] = [];
    tokens.forEach((t, i) => {
      const people = bySurname.get(t.cased);
      if (!people || people.length !== 1 || mentions.some((m) => m.start <= t.start && t.start < m.end) || t.start < people[0].start) return;
      const prev = tokens[i - 1];
      const next = tokens[i + 1];
      const prevIsName = capitalised(prev) && !HONORIFICS.has(prev.norm) && !(prev && /^[.!?"'“]$/.test(prev.cased));
      if (prevIsName || (capitalised(next) && !glued(tokens, i))) return;
      const person = people[0];
      out.push({ key: person.key, start: t.start, end: t.start + t.length, text: text.slice(t.start, t.start + t.length), confidence: 0.85, reason: `later mention of ${person.entity.name}`, entity: person.entity });
    });
    return out;
  }

  return { match, resolveTokens, synthetic };
}

/** A sentence ends after tokens[i]: a full stop, "!" or "?" (and closing quotes) before a capitalised word, not after an initial ("U.S. Army"). */
function endsSentence(tokens: Token[], i: number): boolean {
  if (!/^[.!?]$/.test(tokens[i].cased) || (tokens[i].cased === '.' && tokens[i - 1]?.cased.length === 1)) return false;
  let j = i + 1;
  while (tokens[j] && /^["')\]]$/.test(tokens[j].cased)) j++;
  const last = tokens[j - 1];
  return capitalised(tokens[j]) && tokens[j].start > last.start + last.length;
}

function strip(p: Pending): Mention {
  return { key: p.key, start: p.start, end: p.end, text: p.text, confidence: p.confidence, reason: p.reason };
}

export type { TrieNode };
