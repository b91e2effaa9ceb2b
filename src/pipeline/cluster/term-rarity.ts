// Document frequencies for scoring: the article's own terms read fresh, its candidates' other
// profile terms (thousands per article, and the same ones article after article) from a
// per-process cache. IDF moves slowly: a cached frequency is used while the archive has grown
// by less than STALE_SHARE since it was read; a smaller archive (emptied, restored) drops it.
import type { Db } from '../../db/client';
import { termStats } from '../../db/queries/cluster-index';
import type { TermStats } from './event-score';

const STALE_SHARE = 0.1;
const MAX_CACHED = 200_000;

const cached = new Map<string, number>();
let cachedAtDocs = 0;

/** Document count and frequencies of `own` (read now) and of `others` (cached when recent enough). */
export async function termRarity(db: Db, own: Iterable<string>, others: Iterable<string>): Promise<TermStats> {
  const mine = new Set(own);
  const fresh = await termStats(db, [...mine]);
  if (fresh.docs < cachedAtDocs || fresh.docs > cachedAtDocs * (1 + STALE_SHARE) || cached.size > MAX_CACHED) {
    cached.clear();
    cachedAtDocs = fresh.docs;
  }
  const missing: string[] = [];
  for (const term of others) {
    if (mine.has(term)) continue;
    const df = cached.get(term);
    if (df === undefined) missing.push(term);
    else fresh.df.set(term, df);
  }
  if (missing.length > 0) {
    const read = await termStats(db, missing);
    for (const term of missing) {
      const df = read.df.get(term) ?? 0;
      cached.set(term, df);
      fresh.df.set(term, df);
    }
  }
  return fresh;
}
