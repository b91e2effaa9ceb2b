// A word-token trie: longest match over multi-word aliases with per-alias case rules. Lookup
// walks only as deep as the longest alias starting at a token, so its cost depends on the text
// and on alias length, not on how many entries the registry holds.
import { tokenize, type Token } from './tokens';

export interface Hit {
  /** Index into the entity list; -1 for an ignore phrase. */
  entity: number;
  /** The alias as written in the registry. */
  alias: string;
  /** Its folded phrase key (see phraseKey). */
  key: string;
  /** Set for case-sensitive aliases: the exact token spellings required. */
  exact?: string[];
  /** The alias starts with a capital: a text word starting lower-case is not it ("über" is not Uber). */
  capital?: boolean;
}

export interface TrieNode {
  next: Map<string, TrieNode>;
  hits?: Hit[];
}

export function newTrie(): TrieNode {
  return { next: new Map() };
}

export function insert(root: TrieNode, phrase: string, hit: Hit): void {
  let node = root;
  for (const t of tokenize(phrase)) {
    let child = node.next.get(t.norm);
    if (!child) node.next.set(t.norm, (child = { next: new Map() }));
    node = child;
  }
  (node.hits ??= []).push(hit);
}

function hitMatches(hit: Hit, tokens: Token[], from: number, ignoreCase: boolean): boolean {
  if (ignoreCase) return true;
  if (hit.capital && /^\p{Ll}/u.test(tokens[from].cased)) return false;
  return !hit.exact || hit.exact.every((spelling, i) => tokens[from + i].cased === spelling);
}

/** Longest alias starting at tokens[from]: [hit, token count] or undefined. */
export function longestAt(root: TrieNode, tokens: Token[], from: number, ignoreCase = false, accept?: (hit: Hit, length: number) => boolean): [Hit, number] | undefined {
  let node: TrieNode | undefined = root;
  let best: [Hit, number] | undefined;
  for (let i = from; i < tokens.length; i++) {
    node = node.next.get(tokens[i].norm);
    if (!node) break;
    const length = i - from + 1;
    const hit = node.hits?.find((h) => hitMatches(h, tokens, from, ignoreCase) && (!accept || accept(h, length)));
    if (hit) best = [hit, length];
  }
  return best;
}
