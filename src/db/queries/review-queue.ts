import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../client';

// What the review queue ranks: every claim no analyst has reviewed, plus reviewed claims whose
// evidence has since moved away from the verdict. The ranking itself is src/web/review-rank.ts.

export interface ReviewCandidate {
  id: number;
  eventId: number;
  eventTitle: string;
  text: string;
  status: string;
  confidence: number;
  /** Independent origins of the claim (its stored origins list). */
  originCount: number;
  /** Name of the only origin, when there is exactly one. */
  soleOrigin: string | null;
  /** Articles in the claim's event. */
  articleCount: number;
  supports: number;
  denies: number;
  /** The latest analyst verdict, if any. */
  reviewedStatus: string | null;
  /** What the evidence alone says (the verify stage's `status` factor). */
  evidenceStatus: string | null;
  /** The claim's (else its event's) most-named entity, and in how many articles it is named. */
  topEntity: string | null;
  topEntityArticles: number;
}

/** Every claim the queue may show, with the figures its ranking needs (one query, whole table). */
export async function reviewCandidates(db: Db): Promise<ReviewCandidate[]> {
  const rows = await queryRows<Record<string, unknown>>(db, reviewCandidatesQuery());
  return rows.map((r) => ({
    id: Number(r.id),
    eventId: Number(r.event_id),
    eventTitle: String(r.event_title),
    text: String(r.text),
    status: String(r.status),
    confidence: Number(r.confidence),
    originCount: Number(r.origin_count),
    soleOrigin: (r.sole_origin as string | null) ?? null,
    articleCount: Number(r.article_count),
    supports: Number(r.supports),
    denies: Number(r.denies),
    reviewedStatus: (r.reviewed_status as string | null) ?? null,
    evidenceStatus: (r.evidence_status as string | null) ?? null,
    topEntity: (r.top_entity as string | null) ?? null,
    topEntityArticles: Number(r.top_entity_articles),
  }));
}

/** The candidates query (exported so the bench can EXPLAIN it). */
export function reviewCandidatesQuery(): SQL {
  return sql`with latest_review as (
        select distinct on (claim_id) claim_id, status from claim_reviews order by claim_id, created_at desc, id desc
      ), candidates as (
        select c.id, c.event_id, c.text, c.status, c.confidence, c.origins,
          case when jsonb_array_length(c.entity_keys) > 0 then c.entity_keys else e.entity_keys end as keys,
          e.title as event_title, e.article_count, lr.status as reviewed_status,
          -- Only a reviewed claim's status can differ from what its evidence says.
          case when lr.status is not null then (select substring(f->>'detail' from '^evidence says ([a-z_]+)')
            from jsonb_array_elements(c.explanation) f where f->>'factor' = 'status' limit 1) end as evidence_status
        from claims c join events e on e.id = c.event_id left join latest_review lr on lr.claim_id = c.id
      ), queued as (
        select * from candidates
        where reviewed_status is null or (evidence_status is not null and evidence_status <> reviewed_status)
      ), entity_weight as (
        select en.key, en.name, count(*)::int as articles
        from entities en join article_entities ae on ae.entity_id = en.id group by en.id
      ), claim_keys as (
        select q.id, k.key from queued q cross join lateral jsonb_array_elements_text(q.keys) k(key)
      ), top_entity as (
        -- Keys unnested first, so this is one hash join rather than a scan of every entity per claim.
        select distinct on (ck.id) ck.id, ew.name, ew.articles
        from claim_keys ck join entity_weight ew on ew.key = ck.key
        order by ck.id, ew.articles desc, ew.name
      ), stances as (
        select ce.claim_id, count(*) filter (where ce.stance = 'supports')::int as supports,
          count(*) filter (where ce.stance = 'denies')::int as denies
        from claim_evidence ce where ce.claim_id in (select id from queued) group by ce.claim_id
      )
      select q.id, q.event_id, q.event_title, q.text, q.status, q.confidence, q.article_count,
        jsonb_array_length(q.origins) as origin_count,
        case when jsonb_array_length(q.origins) = 1 then q.origins->0->>'name' end as sole_origin,
        coalesce(s.supports, 0) as supports, coalesce(s.denies, 0) as denies,
        q.reviewed_status, q.evidence_status, t.name as top_entity, coalesce(t.articles, 0) as top_entity_articles
      from queued q left join top_entity t on t.id = q.id left join stances s on s.claim_id = q.id`;
}

/**
 * A fingerprint of everything the candidates query reads, in one cheap statement: it changes
 * whenever a claim, its evidence, a review, an event's verification, an article or an entity link
 * is added or changed (the verify stage stamps verified_at on every event it re-assesses, and appends
 * a status change for every status or confidence it moves). Equal fingerprints, equal candidates.
 */
export async function reviewCandidatesVersion(db: Db): Promise<string> {
  const [row] = await queryRows<{ version: string }>(
    db,
    sql`select concat_ws('/',
        (select count(*) || ':' || coalesce(max(id), 0) from claims),
        (select count(*) || ':' || coalesce(max(id), 0) from claim_evidence),
        (select count(*) || ':' || coalesce(max(id), 0) from claim_reviews),
        (select coalesce(max(id), 0) from status_changes),
        (select count(*) || ':' || coalesce(max(verified_at)::text, '') || ':' || coalesce(sum(article_count), 0) from events),
        (select count(*) from article_entities),
        (select count(*) || ':' || coalesce(max(id), 0) from entities)) as version`,
  );
  return row.version;
}

/** Claim statuses that active alert subscriptions would send (every status when one filters none). */
export async function alertedStatuses(db: Db): Promise<{ all: boolean; statuses: string[] }> {
  const rows = await queryRows<{ statuses: string[] | null }>(
    db,
    sql`select filters->'statuses' as statuses from subscriptions where kind = 'alert' and unsubscribed_at is null`,
  );
  const all = rows.some((r) => !Array.isArray(r.statuses) || r.statuses.length === 0);
  return { all, statuses: [...new Set(rows.flatMap((r) => (Array.isArray(r.statuses) ? r.statuses : [])))] };
}
