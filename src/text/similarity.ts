// Text similarity for clustering: headline similarity and near-duplicate detection.
//
// Tokens come from ./tokens. Two measures are written here because natural
// has neither: a weighted token overlap for headlines (natural's TfIdf needs a corpus
// held in memory; a headline carries too few words for its cosine to be stable) and MinHash
// over word 5-shingles, the standard estimator of shingle Jaccard (Broder 1997), for
// syndicated copies. MinHash is ~30 lines; the npm packages for it are unmaintained.
import { contentTerms, termWeight, wordTokens } from './tokens';

export type TermVector = Map<string, number>;

/** Weighted bag of a headline's content terms (each distinct term once). */
export function termVector(text: string): TermVector {
  const vector: TermVector = new Map();
  for (const term of contentTerms(text)) vector.set(term, termWeight(term));
  return vector;
}

/** Cosine of two term vectors, 0 when either is empty. */
export function cosineSimilarity(a: TermVector, b: TermVector): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (const [term, weight] of a) {
    normA += weight * weight;
    dot += weight * (b.get(term) ?? 0);
  }
  for (const weight of b.values()) normB += weight * weight;
  return normA === 0 || normB === 0 ? 0 : dot / Math.sqrt(normA * normB);
}

/** Mean of term vectors: terms most headlines of an event share weigh most. */
export function centroid(vectors: TermVector[]): TermVector {
  const sum: TermVector = new Map();
  for (const v of vectors) for (const [term, weight] of v) sum.set(term, (sum.get(term) ?? 0) + weight / vectors.length);
  return sum;
}

/**
 * Headline similarity in [0, 1]: cosine of length-weighted stemmed content words. Chosen
 * over token Jaccard and corpus TF-IDF on the UCI headlines (bench/cluster-quality.ts):
 * best pairwise F1 at equal precision, and no corpus statistics to keep.
 */
export function titleSimilarity(a: string, b: string): number {
  return cosineSimilarity(termVector(a), termVector(b));
}

// ── MinHash over word 5-shingles ─────────────────────────────────────────

const SHINGLE_WORDS = 5;
const SIGNATURE_LENGTH = 128;

// murmur3's 32-bit finaliser: a bijection with full avalanche. XOR-ing a seed before it
// gives one pseudo-random permutation of the hash space per signature slot.
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

// Fixed seeds so signatures stored today compare with signatures computed next year.
const SEEDS = Array.from({ length: SIGNATURE_LENGTH }, (_, i) => fmix32(0x9e3779b9 + Math.imul(i + 1, 0x7f4a7c15)));

/** A shingle's 32-bit hash as a signed integer (fits a Postgres integer column). */
export function shingleHash(shingle: string): number {
  return fnv1a(shingle) | 0;
}

/** The text's word 5-shingles in order (the whole text as one when shorter): what a signature summarises. */
export function wordShingles(text: string): string[] {
  const words = wordTokens(text);
  const n = Math.min(SHINGLE_WORDS, words.length);
  const shingles: string[] = [];
  for (let i = 0; n > 0 && i + n <= words.length; i++) shingles.push(words.slice(i, i + n).join(' '));
  return shingles;
}

/** MinHash signature (128 values) of the text's word 5-shingles; [] for an empty text. */
export function shingleSignature(text: string): number[] {
  const shingles = wordShingles(text);
  if (shingles.length === 0) return [];
  const signature = new Array<number>(SIGNATURE_LENGTH).fill(0xffffffff);
  for (const shingle of shingles) {
    const h = fnv1a(shingle);
    for (let k = 0; k < SIGNATURE_LENGTH; k++) {
      const v = fmix32(h ^ SEEDS[k]);
      if (v < signature[k]) signature[k] = v;
    }
  }
  return signature;
}

/** Estimated Jaccard similarity of the shingle sets behind two signatures. */
export function estimateJaccard(sigA: readonly number[], sigB: readonly number[]): number {
  if (sigA.length === 0 || sigA.length !== sigB.length) return 0;
  let same = 0;
  for (let k = 0; k < sigA.length; k++) if (sigA[k] === sigB[k]) same++;
  return same / sigA.length;
}

/**
 * Shingle-Jaccard at or above which two texts are copies of one story (wire copy,
 * syndication, re-extraction). Calibrated with bench/cluster-quality.ts: one page extracted
 * by two extractors (181 article-extraction-benchmark pages, copies with different
 * boilerplate) scores median 0.95, 5th percentile 0.67, 180/181 at or above 0.4; distinct
 * same-topic WikiRef220 articles (3,394 pairs) score at most 0.16 and different outlets'
 * rewrites of one event (44 benchmark pairs) at most 0.10. 0.4 leaves room for copies
 * that are truncated or carry a different standfirst.
 */
export const SYNDICATION_THRESHOLD = 0.4;

/** Whether two signatures belong to near-identical copies of one text. */
export function isSyndicatedSignature(sigA: readonly number[], sigB: readonly number[]): boolean {
  return estimateJaccard(sigA, sigB) >= SYNDICATION_THRESHOLD;
}

/** Whether two texts are near-identical copies (syndicated or re-published) of one story. */
export function isSyndicatedCopy(textA: string, textB: string): boolean {
  return isSyndicatedSignature(shingleSignature(textA), shingleSignature(textB));
}

// ── LSH bands and containment ────────────────────────────────────────────

/**
 * The signature cut into `bands` bands of `rows` values, each hashed to one bucket. Two
 * texts share at least one bucket with probability 1 - (1 - J^rows)^bands: 32 bands of 4
 * rows find pairs at Jaccard 0.4 with probability 0.56, at 0.5 with 0.87 and at 0.6 with
 * 0.99, while pairs at 0.1 collide 0.3 % of the time.
 */
export function signatureBands(signature: readonly number[], bands = 32, rows = 4): number[] {
  if (signature.length < bands * rows) return [];
  const buckets: number[] = [];
  for (let b = 0; b < bands; b++) {
    let h = 0x811c9dc5 ^ b;
    for (let r = 0; r < rows; r++) h = fmix32(Math.imul(h ^ signature[b * rows + r], 0x01000193));
    buckets.push(h | 0); // a signed 32-bit value fits Postgres integer
  }
  return buckets;
}

/** Words of a text's lead that the lead signature covers: excerpts and trims keep them. */
export const LEAD_WORDS = 60;

/** MinHash of the first LEAD_WORDS words of a body (no headline: copies rewrite headlines). */
export function leadSignature(body: string): number[] {
  return shingleSignature(wordTokens(body).slice(0, LEAD_WORDS).join(' '));
}

/** How many word 5-shingles a text has (the set size behind its signature). */
export function shingleCount(text: string): number {
  const words = wordTokens(text).length;
  return words === 0 ? 0 : Math.max(1, words - SHINGLE_WORDS + 1);
}
