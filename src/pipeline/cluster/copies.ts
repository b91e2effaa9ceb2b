// Copies across the whole archive: near-duplicates by whole-text MinHash (LSH buckets find
// them), excerpts and trimmed versions by their lead and by containment (the shorter text's
// shingles found in the longer one). The original of a group is its earliest published
// member (publication time, then first seen, then the lower id).
import { estimateContainment, estimateJaccard, leadSignature, shingleCount, signatureBands } from '../../text/similarity';
import type { ClusterTuning } from './event-score';

/** Whole-text bands are 0-31, lead bands 32-63: one bucket table holds both. */
const LEAD_BAND_OFFSET = 32;
// Fewer words than this carry too few shingles for a copy to be told from a shared phrase.
const MIN_COPY_WORDS = 12;

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
  return [...whole, ...lead];
}

export interface CopyEvidence {
  kind: 'near-duplicate' | 'excerpt';
  jaccard: number;
  containment?: number;
}

/** Whether two articles are copies of one text, and how the evidence reads. */
export function copyEvidence(a: CopyText, b: CopyText, tuning: ClusterTuning): CopyEvidence | null {
  if (!a.shingles?.length || !b.shingles?.length) return null;
  const countA = shingleCount(`${a.title} ${a.text}`);
  const countB = shingleCount(`${b.title} ${b.text}`);
  if (Math.min(countA, countB) < MIN_COPY_WORDS) return null;
  const jaccard = estimateJaccard(a.shingles, b.shingles);
  if (jaccard >= tuning.copyJaccard) return { kind: 'near-duplicate', jaccard: round(jaccard) };
  const lead = estimateJaccard(leadSignature(a.text), leadSignature(b.text));
  if (lead < tuning.leadJaccard) return null;
  const containment = estimateContainment(jaccard, countA, countB);
  return containment >= tuning.containment ? { kind: 'excerpt', jaccard: round(jaccard), containment: round(containment) } : null;
}

/** Earlier first: publication time, then first seen, then id. */
export function publishedBefore(a: CopyText, b: CopyText): boolean {
  if (a.seenAt.getTime() !== b.seenAt.getTime()) return a.seenAt < b.seenAt;
  if (a.fetchedAt.getTime() !== b.fetchedAt.getTime()) return a.fetchedAt < b.fetchedAt;
  return a.id < b.id;
}

const round = (x: number) => Math.round(x * 1000) / 1000;
