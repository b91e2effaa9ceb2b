// Word tokens for entity matching: offsets into the original text, a folded lower-case key
// for the trie and the folded cased form for case-sensitive aliases.

export interface Token {
  /** Lower-cased, accent- and quote-folded form used as the trie key. */
  norm: string;
  /** Folded form with case kept, compared for case-sensitive aliases. */
  cased: string;
  start: number;
  /** Length of the token in the original text. */
  length: number;
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

/** Splits text into word and symbol tokens with their offsets. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(TOKEN_RE)) {
    const cased = fold(m[0]);
    tokens.push({ norm: cased.toLowerCase(), cased, start: m.index, length: m[0].length });
  }
  return tokens;
}

/** The folded lower-case key of a phrase: tokens joined by single spaces. */
export function phraseKey(phrase: string): string {
  return tokenize(phrase)
    .map((t) => t.norm)
    .join(' ');
}

/** True when nothing separates token a from the token after it ("Jean" "-" in "Jean-Claude"). */
export function glued(tokens: Token[], a: number): boolean {
  const next = tokens[a + 1];
  return next !== undefined && tokens[a].start + tokens[a].length === next.start;
}

/** A lower-case slug for keys: "Claude Opus 4.7" -> "claude-opus-4-7". */
export function slugify(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

// Acronyms (no lower-case letter, at least two letters) collide with common words when
// lower-cased ("SEC"/"sec", "AP"/"ap"), so they only ever match as written.
export function isAcronym(alias: string): boolean {
  return !/\p{Ll}/u.test(alias) && (alias.match(/\p{Lu}/gu)?.length ?? 0) >= 2;
}
