import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../client';
import { eventDecisionArticles, eventDecisions, events } from '../schema';

// The analyst's merges and splits, and what the cluster stage reads back so it never undoes one.

export type EventDecisionRow = typeof eventDecisions.$inferSelect;

// Any constant works; every process that assigns articles to events takes this one lock.
const CLUSTER_LOCK_ID = 4_242_010;

/**
 * Holds the one clustering lock until the transaction ends: the cluster stage and the analyst's
 * merge and split then run one at a time across all processes, whatever the queue does (a job
 * whose worker lock lapsed runs beside the next one). A transaction-level advisory lock was chosen
 * over the alternatives: serialisable transactions would abort and retry whenever two articles
 * read the same candidate events (nearly always, since a story arrives from many feeds at once),
 * and partitioned queues need the story's key before clustering has found it. The stage is one
 * at a time by design (globalConcurrency 1), so the lock costs nothing in throughput; it goes away
 * with the connection of a worker that dies, so nothing is left held.
 */
export async function lockClustering(db: Db): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(${CLUSTER_LOCK_ID})`);
}

/** Stores a decision and the articles it placed (from_event_id set for articles split off). */
export async function recordEventDecision(
  db: Db,
  decision: Omit<typeof eventDecisions.$inferInsert, 'id' | 'decidedAt'>,
  placed: { articleId: number; fromEventId: number | null }[],
): Promise<EventDecisionRow> {
  const [row] = await db.insert(eventDecisions).values(decision).returning();
  if (placed.length) {
    await db
      .insert(eventDecisionArticles)
      .values(placed.map((p) => ({ decisionId: row.id, articleId: p.articleId, fromEventId: p.fromEventId })))
      .onConflictDoNothing();
  }
  return row;
}

/**
 * The event an analyst placed the article in, as it stands now (an event merged since answers
 * with its survivor); undefined when no analyst decision placed it or its event is gone.
 */
export async function analystPlacement(db: Db, articleId: number): Promise<number | undefined> {
  const [row] = await queryRows<{ event_id: number | null }>(
    db,
    sql`select a.event_id from articles a
        where a.id = ${articleId} and exists (select 1 from ${eventDecisionArticles} p where p.article_id = a.id)`,
  );
  if (!row || row.event_id === null) return undefined;
  const [event] = await queryRows<{ id: number }>(db, sql`select coalesce(merged_into, id) as id from ${events} where id = ${row.event_id}`);
  return event ? Number(event.id) : undefined;
}

/**
 * Whether an analyst split articles of one of the two events off the other: then no automatic
 * merge may bring them together again. Events merged since count as their survivors.
 */
export async function keptApart(db: Db, a: number, b: number): Promise<boolean> {
  const rows = await queryRows<{ found: number }>(
    db,
    sql`select 1 as found from ${eventDecisionArticles} p
        join articles x on x.id = p.article_id
        join ${events} f on f.id = p.from_event_id
        where (x.event_id = ${a} and coalesce(f.merged_into, f.id) = ${b})
           or (x.event_id = ${b} and coalesce(f.merged_into, f.id) = ${a})
        limit 1`,
  );
  return rows.length > 0;
}

/** An event's decisions, newest first. */
export async function decisionsOfEvent(db: Db, eventId: number): Promise<EventDecisionRow[]> {
  return db
    .select()
    .from(eventDecisions)
    .where(sql`${eventDecisions.eventId} = ${eventId} or ${eventDecisions.newEventId} = ${eventId}`)
    .orderBy(sql`${eventDecisions.decidedAt} desc, ${eventDecisions.id} desc`);
}

export interface EventMember {
  id: number;
  sourceId: string;
  title: string;
  text: string;
  seenAt: Date;
  entityKeys: string[];
}

/** The articles of an event with what its profile is built from, earliest first. */
export async function eventMembers(db: Db, eventId: number): Promise<EventMember[]> {
  const rows = await queryRows<{ id: number; source_id: string; title: string; text: string; seen_at: Date | string; keys: string[] | null }>(
    db,
    sql`select a.id, a.source_id, a.title, coalesce(a.content_text, a.summary, '') as text,
          -- as the cluster stage reads it: a publication date past the fetch by a day is a feed bug
          case when a.published_at is not null and a.published_at <= a.fetched_at + interval '1 day' then a.published_at else a.fetched_at end as seen_at,
          (select array_agg(distinct e.key) from article_entities ae join entities e on e.id = ae.entity_id where ae.article_id = a.id) as keys
        from articles a where a.event_id = ${eventId} order by seen_at, a.id`,
  );
  return rows.map((r) => ({ id: Number(r.id), sourceId: r.source_id, title: r.title, text: r.text, seenAt: new Date(r.seen_at), entityKeys: r.keys ?? [] }));
}

/** Articles of an event that are copies of the given originals (copy links point at the original). */
export async function copiesInEvent(db: Db, eventId: number, originalIds: number[]): Promise<number[]> {
  if (originalIds.length === 0) return [];
  const rows = await queryRows<{ id: number }>(
    db,
    sql`select id from articles where event_id = ${eventId} and duplicate_of = any(${`{${originalIds.join(',')}}`}::bigint[]) order by id`,
  );
  return rows.map((r) => Number(r.id));
}

/**
 * Cuts the copy links of the given articles to originals that are not among them: split off
 * without its original, a copy is, by the analyst's word, another story. The ids cut.
 */
export async function cutCopyLinks(db: Db, articleIds: number[]): Promise<number[]> {
  if (articleIds.length === 0) return [];
  const ids = `{${articleIds.join(',')}}`;
  const rows = await queryRows<{ id: number }>(
    db,
    sql`update articles set duplicate_of = null
        where id = any(${ids}::bigint[]) and duplicate_of is not null and not (duplicate_of = any(${ids}::bigint[]))
        returning id`,
  );
  return rows.map((r) => Number(r.id)).sort((a, b) => a - b);
}

/** A new, empty event to move articles into; setEventProfile fills it. */
export async function createEmptyEvent(db: Db, at: Date): Promise<number> {
  const [row] = await db.insert(events).values({ title: '', firstSeenAt: at, lastSeenAt: at }).returning({ id: events.id });
  return row.id;
}

/** Moves the given articles of one event into another. */
export async function moveArticles(db: Db, articleIds: number[], fromEventId: number, toEventId: number): Promise<number> {
  const rows = await queryRows<{ id: number }>(
    db,
    sql`update articles set event_id = ${toEventId} where event_id = ${fromEventId} and id = any(${`{${articleIds.join(',')}}`}::bigint[]) returning id`,
  );
  return rows.length;
}

/** Rewrites an event's profile from its members (after a split); returns its new revision. */
export async function setEventProfile(
  db: Db,
  eventId: number,
  p: { title: string; titles: string[]; terms: Record<string, number>; sourceIds: string[]; entityKeys: string[]; firstSeenAt: Date; lastSeenAt: Date; articleCount: number },
): Promise<{ id: number; revision: number }> {
  const [row] = await db
    .update(events)
    .set({
      title: p.title,
      titles: p.titles,
      search: sql`to_tsvector('english', ${p.titles.join(' \n ')})`,
      terms: p.terms,
      sourceIds: p.sourceIds,
      entityKeys: p.entityKeys,
      firstSeenAt: p.firstSeenAt,
      lastSeenAt: p.lastSeenAt,
      articleCount: p.articleCount,
      revision: sql`${events.revision} + 1`,
      updatedAt: new Date(),
    })
    .where(sql`${events.id} = ${eventId}`)
    .returning({ id: events.id, revision: events.revision });
  return row;
}
