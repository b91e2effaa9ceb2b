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

/** Document count and the frequencies of the article's own terms, read now. */
export async function ownTermRarity(db: Db, own: Iterable<string>): Promise<TermStats> {
  const fresh = await termStats(db, [...own]);
  if (fresh.docs < cachedAtDocs || fresh.docs > cachedAtDocs * (1 + STALE_SHARE) || cached.size > MAX_CACHED) {
    cached.clear();
    cachedAtDocs = fresh.docs;
  }
  return fresh;
}

/** Adds the frequencies of `others` (terms of candidate profiles) to `stats`, cached when recent enough. */
export async function addProfileRarity(db: Db, stats: TermStats, own: ReadonlySet<string> | ReadonlyMap<string, unknown>, others: Iterable<string>): Promise<TermStats> {
  const missing = new Set<string>();
  for (const term of others) {
    if (own.has(term) || stats.df.has(term)) continue;
    const df = cached.get(term);
    if (df === undefined) missing.add(term);
    else stats.df.set(term, df);
  }
  if (missing.size > 0) {
    const read = await termStats(db, [...missing]);
    for (const term of missing) {
      const df = read.df.get(term) ?? 0;
      cached.set(term, df);
      stats.df.set(term, df);
    }
  }
  return stats;
}
