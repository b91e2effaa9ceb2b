import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../client';

// The cluster stage's indexes: term document frequencies (IDF) and MinHash LSH buckets.

// One array parameter (drizzle would otherwise spread an array into a list of parameters).
const list = (values: (string | number)[]) => sql.param(values);

/** The empty term's row counts the documents (see schema/clustering.ts). */
const DOCS = '';

/** Document count and the document frequency of each given term. */
export async function termStats(db: Db, terms: string[]): Promise<{ docs: number; df: Map<string, number> }> {
  const rows = await queryRows<{ term: string; df: number }>(
    db,
    sql`select term, df from cluster_terms where term = any(${list([DOCS, ...terms])}::text[])`,
  );
  const df = new Map(rows.map((r) => [r.term, Number(r.df)]));
  const docs = df.get(DOCS) ?? 0;
  df.delete(DOCS);
  return { docs, df };
}

/** Counts one more document holding these terms. */
export async function countTerms(db: Db, terms: string[]): Promise<void> {
  await db.execute(countTermsStatement(terms));
}

/** countTerms' statement, for a caller that sends it with its own write (a data-modifying CTE). */
export function countTermsStatement(terms: string[]): SQL {
  // Sorted, so two writers lock the rows in one order and cannot deadlock.
  const all = [...new Set([DOCS, ...terms])].sort();
  return sql`
    insert into cluster_terms (term, df) select unnest(${list(all)}::text[]), 1
    on conflict (term) do update set df = cluster_terms.df + 1`;
}

export interface CopyCandidate {
  id: number;
  sourceId: string;
  title: string;
  text: string;
  shingles: number[] | null;
  eventId: number | null;
  duplicateOf: number | null;
  seenAt: Date;
  fetchedAt: Date;
}

/**
 * Replaces an article's LSH buckets (band numbers are global: whole-text and lead bands differ)
 * and returns the clustered articles sharing at least one of them, most shared first, then the
 * older id (so a tie at the limit, and which equally similar copy a reason names, is the same on
 * every run). One
 * statement: the neighbours are read as they were before the write, which only changes the
 * article's own rows, and those are never its neighbours. The buckets it no longer has go, the
 * new ones come (those it keeps stay put).
 */
export async function saveBandsAndFindNeighbours(db: Db, articleId: number, buckets: { band: number; bucket: number }[], limit = 50): Promise<CopyCandidate[]> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`
    with wanted as (
      select * from unnest(${list(buckets.map((b) => b.band))}::smallint[], ${list(buckets.map((b) => b.bucket))}::integer[]) as w(band, bucket)
    ), gone as (
      delete from article_bands b where b.article_id = ${articleId}
        and not exists (select 1 from wanted w where w.band = b.band and w.bucket = b.bucket)
    ), saved as (
      insert into article_bands (band, bucket, article_id) select band, bucket, ${articleId} from wanted
      on conflict do nothing
    ), hits as (
      select b.article_id, count(*) as shared
      from article_bands b
      join wanted q on b.band = q.band and b.bucket = q.bucket
      where b.article_id <> ${articleId}
      group by b.article_id
      order by shared desc, b.article_id
      limit ${limit}
    )
    select a.id, a.source_id, a.title, coalesce(a.content_text, a.summary, '') as text, a.shingles, a.event_id, a.duplicate_of,
      a.published_at, a.fetched_at
    from hits join articles a on a.id = hits.article_id
    where a.clustered_at is not null
    order by hits.shared desc, a.id`,
  );
  return rows.map(toCopyCandidate);
}

function toCopyCandidate(r: Record<string, unknown>): CopyCandidate {
  const fetchedAt = new Date(r.fetched_at as string);
  const published = r.published_at ? new Date(r.published_at as string) : null;
  return {
    id: Number(r.id),
    sourceId: String(r.source_id),
    title: String(r.title),
    text: String(r.text),
    shingles: (r.shingles as number[] | null) ?? null,
    eventId: r.event_id === null ? null : Number(r.event_id),
    duplicateOf: r.duplicate_of === null ? null : Number(r.duplicate_of),
    // The same rule as articleForCluster: a publication date far past the fetch is a feed bug.
    seenAt: published && published.getTime() <= fetchedAt.getTime() + 86_400_000 ? published : fetchedAt,
    fetchedAt,
  };
}

/** Makes `rootId` the original of every article that was a copy of one of `formerRoots`, and of those roots. */
export async function repointCopies(db: Db, formerRoots: number[], rootId: number): Promise<number> {
  if (formerRoots.length === 0) return 0;
  const rows = await queryRows<{ id: number }>(
    db,
    sql`update articles set duplicate_of = ${rootId}
        where (id = any(${list(formerRoots)}::bigint[]) or duplicate_of = any(${list(formerRoots)}::bigint[])) and id <> ${rootId}
        returning id`,
  );
  return rows.length;
}

/** The copy-relevant fields of the given articles (roots of copy groups not among the bucket hits). */
export async function copyTexts(db: Db, ids: number[]): Promise<CopyCandidate[]> {
  if (ids.length === 0) return [];
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select a.id, a.source_id, a.title, coalesce(a.content_text, a.summary, '') as text, a.shingles, a.event_id, a.duplicate_of,
          a.published_at, a.fetched_at
        from articles a where a.id = any(${list(ids)}::bigint[])`,
  );
  return rows.map(toCopyCandidate);
}
