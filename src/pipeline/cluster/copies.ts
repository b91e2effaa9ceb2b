// Copies across the whole archive: near-duplicates by whole-text MinHash, excerpts and trimmed
// versions by containment (the share of the shorter text's shingles found in the longer one,
// counted exactly). LSH buckets find the candidates: whole-text and lead signature bands, and
// the body's opening shingles, which an excerpt shares with its original however short it is.
// The original of a group is its earliest published member (publication time, then first seen,
// then the lower id).
import { estimateJaccard, leadSignature, shingleCount, shingleHash, signatureBands, wordShingles } from '../../text/similarity';
import { wordTokens } from '../../text/tokens';
import type { ClusterTuning } from './event-score';

/** Whole-text bands are 0-31, lead bands 32-63, opening shingles 64: one bucket table holds all three. */
const LEAD_BAND_OFFSET = 32;
const OPENING_BAND = 64;
// The first 12 words give 8 opening shingles: a two-paragraph excerpt of a few dozen words,
// whose lead signature is diluted by its own closing line ("Read the full story at…"), still
// shares them with its original.
const OPENING_WORDS = 12;
// Fewer words than this carry too few shingles for a copy to be told from a shared phrase.
const MIN_COPY_WORDS = 12;
// Below that, only the same headline over the same body of at least this many words is a copy
// (one link-blog post in two feed formats: "This is a fun challenge."); a headline alone is not.
const MIN_SHORT_BODY_WORDS = 3;

export interface CopyText {
  id: number;
  title: string;
  text: string;
  shingles: number[] | null;
  seenAt: Date;
  fetchedAt: Date;
}

/** The LSH buckets an article is filed under. */
export function copyBuckets(article: CopyText): { band: number; bucket: number }[] {
  const whole = signatureBands(article.shingles ?? []).map((bucket, band) => ({ band, bucket }));
  const lead = signatureBands(leadSignature(article.text)).map((bucket, band) => ({ band: band + LEAD_BAND_OFFSET, bucket }));
  const opening = wordTokens(article.text).slice(0, OPENING_WORDS).join(' ');
  const openingBuckets = [...new Set(wordShingles(opening).map(shingleHash))].map((bucket) => ({ band: OPENING_BAND, bucket }));
  return [...whole, ...lead, ...openingBuckets];
}

export interface CopyEvidence {
  kind: 'near-duplicate' | 'excerpt';
  jaccard: number;
  containment?: number;
}

// An article's shingles, read once: one article is compared with many candidates.
const shingled = new WeakMap<CopyText, { count: number; set: Set<string> }>();
function shinglesOf(article: CopyText): { count: number; set: Set<string> } {
  let found = shingled.get(article);
  if (!found) {
    const text = `${article.title} ${article.text}`;
    found = { count: shingleCount(text), set: new Set(wordShingles(text)) };
    shingled.set(article, found);
  }
  return found;
}

/**
 * The share of the smaller text's shingles found in the larger. Counted exactly: the MinHash
 * estimate (from Jaccard and the set sizes) rests on a few matching signature slots when a
 * 50-word excerpt meets a 2,000-word article (one containing 0.89 of its shingles was estimated
 * at 0.43, another at 0).
 */
export function containment(a: CopyText, b: CopyText): number {
  const setA = shinglesOf(a).set;
  const setB = shinglesOf(b).set;
  const [small, large] = setA.size <= setB.size ? [setA, setB] : [setB, setA];
  if (small.size === 0) return 0;
  let found = 0;
  for (const shingle of small) if (large.has(shingle)) found++;
  return found / small.size;
}

// Word for word the same headline and body, the body long enough to be more than a teaser.
function sameShortText(a: CopyText, b: CopyText): boolean {
  const body = wordTokens(a.text);
  return body.length >= MIN_SHORT_BODY_WORDS && body.join(' ') === wordTokens(b.text).join(' ') && wordTokens(a.title).join(' ') === wordTokens(b.title).join(' ');
}

/** Whether two articles are copies of one text, and how the evidence reads. */
export function copyEvidence(a: CopyText, b: CopyText, tuning: ClusterTuning): CopyEvidence | null {
  if (!a.shingles?.length || !b.shingles?.length) return null;
  const jaccard = estimateJaccard(a.shingles, b.shingles);
  if (Math.min(shinglesOf(a).count, shinglesOf(b).count) < MIN_COPY_WORDS) {
    return jaccard === 1 && sameShortText(a, b) ? { kind: 'near-duplicate', jaccard: 1 } : null;
  }
  if (jaccard >= tuning.copyJaccard) return { kind: 'near-duplicate', jaccard: round(jaccard) };
  const share = containment(a, b);
  if (share < tuning.containment) return null;
  // The excerpt is the shorter text and comes after its original: a longer article published
  // after a short text it contains (a statement, a post it quotes in full) adds to it and copies
  // nothing, and the short text, being earlier, copies nothing either.
  const [shorter, longer] = shinglesOf(a).set.size <= shinglesOf(b).set.size ? [a, b] : [b, a];
  if (shorter.seenAt < longer.seenAt) return null;
  return { kind: 'excerpt', jaccard: round(jaccard), containment: round(share) };
}

/** Earlier first: publication time, then first seen, then id. */
export function publishedBefore(a: CopyText, b: CopyText): boolean {
  if (a.seenAt.getTime() !== b.seenAt.getTime()) return a.seenAt < b.seenAt;
  if (a.fetchedAt.getTime() !== b.fetchedAt.getTime()) return a.fetchedAt < b.fetchedAt;
  return a.id < b.id;
}

const round = (x: number) => Math.round(x * 1000) / 1000;
