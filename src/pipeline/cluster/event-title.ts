// The headline an event shows: the member headline closest to the others.
import { centroid, cosineSimilarity, termVector, type TermVector } from '../../text/similarity';

// Events show the same headlines over and over; stemming them once pays.
const vectorCache = new Map<string, TermVector>();
function vectorOf(title: string): TermVector {
  let vector = vectorCache.get(title);
  if (!vector) {
    if (vectorCache.size > 20_000) vectorCache.clear();
    vector = termVector(title);
    vectorCache.set(title, vector);
  }
  return vector;
}

/** The most representative headline: the one closest to the event's centroid (ties: shorter, then earlier). */
export function eventTitle(titles: string[]): string {
  const unique = [...new Set(titles.map((t) => t.trim()).filter((t) => t.length > 0))];
  if (unique.length <= 2) return unique[0] ?? '';
  const center = centroid(unique.map(vectorOf));
  let best = unique[0];
  let bestScore = -1;
  for (const title of unique) {
    const score = cosineSimilarity(vectorOf(title), center);
    if (score > bestScore + 1e-9 || (Math.abs(score - bestScore) <= 1e-9 && title.length < best.length)) [best, bestScore] = [title, score];
  }
  return best;
}
