import { and, inArray, isNull, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../client';
import { articles, eventDecisionArticles, events } from '../schema';
import { EVENT_TO_JOIN_COLUMNS, type EventToJoin } from './event-clusters';

// What the cluster stage reads and writes of single members of events, beside whole events.

export interface LooseMember {
  id: number;
  eventId: number;
  sourceId: string;
  title: string;
  /** md5 of the text (articles.text_digest): memberTexts reads the text itself when needed. */
  textDigest: string;
  seenAt: Date;
  entityKeys: string[];
  /** The score it joined its event with; null for the article that started it. */
  score: number | null;
}

/**
 * Members of the events that joined them with a score below `below` (or started them), which
 * the stage may move, the loosest first, at most `limit`: never one an analyst placed, a copy
 * (it follows its original) or an original with copies (they would have to follow it), nor
 * `exceptArticleId`.
 */
export async function looseMembers(db: Db, eventIds: number[], below: number, exceptArticleId: number, limit = 200): Promise<LooseMember[]> {
  if (eventIds.length === 0) return [];
  const rows = await queryRows<{ id: number; event_id: number; source_id: string; title: string; text_digest: string; seen_at: Date | string; score: string | null; keys: string[] | null }>(
    db,
    sql`select a.id, a.event_id, a.source_id, a.title, a.text_digest,
          -- as the cluster stage reads it: a publication date past the fetch by a day is a feed bug
          case when a.published_at is not null and a.published_at <= a.fetched_at + interval '1 day' then a.published_at else a.fetched_at end as seen_at,
          a.cluster_reason->>'score' as score,
          (select array_agg(distinct e.key) from article_entities ae join entities e on e.id = ae.entity_id where ae.article_id = a.id) as keys
        from ${articles} a
        where a.event_id = any(${`{${eventIds.join(',')}}`}::bigint[]) and a.id <> ${exceptArticleId}
          and a.clustered_at is not null and a.duplicate_of is null
          and coalesce((a.cluster_reason->>'score')::float8, -1e9) < ${below}
          and not exists (select 1 from ${eventDecisionArticles} p where p.article_id = a.id)
          -- copies sit in their original's event: only those events' copy links are read
          and a.id not in (select c.duplicate_of from ${articles} c
                           where c.event_id = any(${`{${eventIds.join(',')}}`}::bigint[]) and c.duplicate_of is not null)
        order by coalesce((a.cluster_reason->>'score')::float8, -1e9), a.id limit ${limit}`,
  );
  return rows.map((r) => ({
    id: Number(r.id),
    eventId: Number(r.event_id),
    sourceId: r.source_id,
    title: r.title,
    textDigest: r.text_digest,
    seenAt: new Date(r.seen_at),
    entityKeys: r.keys ?? [],
    score: r.score === null ? null : Number(r.score),
  }));
}

/** The texts of the given articles as the cluster stage reads them. */
export async function memberTexts(db: Db, ids: number[]): Promise<{ id: number; text: string }[]> {
  if (ids.length === 0) return [];
  const rows = await queryRows<{ id: number; text: string }>(
    db,
    sql`select id, coalesce(content_text, summary, '') as text from ${articles} where id = any(${`{${ids.join(',')}}`}::bigint[])`,
  );
  return rows.map((r) => ({ id: Number(r.id), text: r.text }));
}

/** Events as scoring and joining read them (eventCandidate), several at once. */
export async function eventsToScore(db: Db, ids: number[]): Promise<EventToJoin[]> {
  if (ids.length === 0) return [];
  return db
    .select(EVENT_TO_JOIN_COLUMNS)
    .from(events)
    .where(and(inArray(events.id, ids), isNull(events.mergedInto)));
}

/** Records where a moved article is now and why (the version's clustered mark stays). */
export async function recordMove(db: Db, articleId: number, eventId: number, reason: Record<string, unknown>): Promise<void> {
  await db.execute(sql`update ${articles} set event_id = ${eventId}, cluster_reason = ${JSON.stringify(reason)}::jsonb where id = ${articleId}`);
}
