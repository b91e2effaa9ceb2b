import { and, asc, desc, eq, gte, inArray, lt, lte, sql, type SQL } from 'drizzle-orm';
import type { ClaimStatus, EntityKind } from '../../vocabulary';
import { queryRows, type Db } from '../client';
import { articles, events, sources } from '../schema';

// Reads for the events aggregate: filtered keyset listing and the pieces of an event's detail.

export interface EventRow {
  id: number;
  title: string;
  firstSeenAt: Date;
  lastSeenAt: Date;
  articleCount: number;
  originCount: number;
  status: ClaimStatus;
  confidence: number;
  verifiedAt: Date | null;
  /** last_seen_at at microsecond precision: a Date would drop the microseconds and make pages overlap. */
  cursorTs: string;
}

export interface EventFilters {
  /** Any of these entities, linked through the event's articles or the event's own entity keys. */
  entityIds?: number[];
  status?: ClaimStatus;
  minConfidence?: number;
  since?: Date;
  until?: Date;
  /** Exclusive upper bound, for date-only `until` values meaning "through that day". */
  untilExclusive?: boolean;
  q?: string;
  sourceId?: string;
}

export interface EventListParams extends EventFilters {
  limit: number;
  /** Keyset position: the last (last_seen_at, id) of the previous page. */
  after?: { ts: string; id: number };
}

const eventColumns = {
  id: events.id,
  title: events.title,
  firstSeenAt: events.firstSeenAt,
  lastSeenAt: events.lastSeenAt,
  articleCount: events.articleCount,
  originCount: events.originCount,
  status: events.status,
  confidence: events.confidence,
  verifiedAt: events.verifiedAt,
  cursorTs: sql<string>`to_char(${events.lastSeenAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
};

/** `(a, b, c)` with each id bound as a parameter. */
function idList(ids: number[]): SQL {
  return sql`(${sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  )})`;
}

// Subqueries name outer columns as table.column: drizzle renders ${col} unqualified in a
// single-table select, and an unqualified "id" would bind to the subquery's own table.
function filterConditions(f: EventFilters): SQL[] {
  // An event merged into another is only a forwarding address: its id answers with the survivor.
  const c: SQL[] = [sql`events.merged_into is null`];
  if (f.entityIds) {
    const ids = idList(f.entityIds);
    c.push(sql`(exists (select 1 from articles a join article_entities ae on ae.article_id = a.id
        where a.event_id = events.id and ae.entity_id in ${ids})
      or exists (select 1 from entities en
        where en.id in ${ids} and events.entity_keys @> jsonb_build_array(en.key)))`);
  }
  if (f.status) c.push(eq(events.status, f.status));
  if (f.minConfidence !== undefined) c.push(gte(events.confidence, f.minConfidence));
  if (f.since) c.push(gte(events.lastSeenAt, f.since));
  if (f.until) c.push(f.untilExclusive ? lt(events.lastSeenAt, f.until) : lte(events.lastSeenAt, f.until));
  if (f.q) {
    // The event title plus every article title: an outlet's wording finds the story too.
    c.push(sql`to_tsvector('english', ${events.title} || ' ' || coalesce(
        (select string_agg(a.title, ' ') from articles a where a.event_id = events.id), ''))
      @@ websearch_to_tsquery('english', ${f.q})`);
  }
  if (f.sourceId) {
    c.push(sql`exists (select 1 from articles a where a.event_id = events.id and a.source_id = ${f.sourceId})`);
  }
  return c;
}

/** Events newest first (last_seen_at desc, id desc), filtered, one page after the keyset position. */
export async function listEvents(db: Db, params: EventListParams): Promise<EventRow[]> {
  if (params.entityIds && params.entityIds.length === 0) return [];
  const conditions = filterConditions(params);
  if (params.after) {
    conditions.push(sql`(${events.lastSeenAt}, ${events.id}) < (${params.after.ts}::timestamptz, ${params.after.id})`);
  }
  return db
    .select(eventColumns)
    .from(events)
    .where(and(...conditions))
    .orderBy(desc(events.lastSeenAt), desc(events.id))
    .limit(params.limit);
}

export interface EventWithRefs extends EventRow {
  entities: EntityRef[];
  sources: SourceRef[];
}

interface PageRow {
  id: string | number;
  title: string;
  first_seen_at: Date | string;
  last_seen_at: Date | string;
  article_count: number;
  origin_count: number;
  status: ClaimStatus;
  confidence: number;
  verified_at: Date | string | null;
  cursor_ts: string;
  entities_json: string;
  sources_json: string;
}

const asDate = (value: Date | string) => (value instanceof Date ? value : new Date(value));

/**
 * Like listEvents, with each event's entities and sources attached, in one query and one round
 * trip. The page is chosen first (through the (last_seen_at, id) index, see migration 0005) and
 * its entities and sources are then gathered for the whole page at once, set-based: per-row
 * subqueries in the select list ran once per event, each building its own hash of the entities
 * and sources tables, and cost five times as much. The order of each list is applied in JS.
 */
export async function listEventsWithRefs(db: Db, params: EventListParams): Promise<EventWithRefs[]> {
  if (params.entityIds && params.entityIds.length === 0) return [];
  const conditions = filterConditions(params);
  if (params.after) {
    conditions.push(sql`(${events.lastSeenAt}, ${events.id}) < (${params.after.ts}::timestamptz, ${params.after.id})`);
  }
  const where = conditions.length ? sql`where ${and(...conditions)}` : sql``;
  const rows = await queryRows<PageRow>(
    db,
    sql`with page as (
        select events.id, events.title, events.first_seen_at, events.last_seen_at, events.article_count,
          events.origin_count, events.status, events.confidence, events.verified_at, events.entity_keys,
          to_char(events.last_seen_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as cursor_ts
        from events ${where}
        order by events.last_seen_at desc, events.id desc
        limit ${params.limit}
      ),
      links as (
        select a.event_id, ae.entity_id from page p
          join articles a on a.event_id = p.id
          join article_entities ae on ae.article_id = a.id
        union
        select p.id, ek.id from page p
          cross join lateral jsonb_array_elements_text(p.entity_keys) as k(key)
          join entities ek on ek.key = k.key
      ),
      page_entities as (
        select l.event_id, json_agg(json_build_object('id', en.id, 'name', en.name, 'kind', en.kind)) as list
        from links l join entities en on en.id = l.entity_id group by l.event_id
      ),
      page_sources as (
        select x.event_id, json_agg(json_build_object('id', s.id, 'name', s.name, 'trust', s.trust)) as list
        from (select distinct a.event_id, a.source_id from page p join articles a on a.event_id = p.id) x
        join sources s on s.id = x.source_id group by x.event_id
      )
      select p.id, p.title, p.first_seen_at, p.last_seen_at, p.article_count, p.origin_count, p.status,
        p.confidence, p.verified_at, p.cursor_ts,
        coalesce(pe.list, '[]')::text as entities_json, coalesce(ps.list, '[]')::text as sources_json
      from page p
      left join page_entities pe on pe.event_id = p.id
      left join page_sources ps on ps.event_id = p.id
      order by p.last_seen_at desc, p.id desc`,
  );
  return rows.map((r) => ({
    id: Number(r.id),
    title: r.title,
    firstSeenAt: asDate(r.first_seen_at),
    lastSeenAt: asDate(r.last_seen_at),
    articleCount: Number(r.article_count),
    originCount: Number(r.origin_count),
    status: r.status,
    confidence: Number(r.confidence),
    verifiedAt: r.verified_at === null ? null : asDate(r.verified_at),
    cursorTs: r.cursor_ts,
    entities: sortEntities(JSON.parse(r.entities_json) as EntityRef[]),
    sources: sortSources(JSON.parse(r.sources_json) as SourceRef[]),
  }));
}

const sortEntities = (list: EntityRef[]) => list.sort((a, b) => a.name.localeCompare(b.name) || a.id - b.id);
const sortSources = (list: SourceRef[]) => list.sort((a, b) => b.trust - a.trust || a.id.localeCompare(b.id));

/** One event by id, or undefined. */
export async function getEvent(db: Db, id: number): Promise<EventRow | undefined> {
  const [row] = await db.select(eventColumns).from(events).where(eq(events.id, id));
  return row;
}

export interface EntityRef {
  id: number;
  name: string;
  kind: EntityKind;
}
export interface SourceRef {
  id: string;
  name: string;
  trust: number;
}

/**
 * Entities of each event: named in its articles, or listed in its own entity keys by the cluster stage.
 * One query for the whole page. Its shape serves the indexes: the article ids are collected first so
 * article_entities is read through its primary key (a join let the planner scan the whole table), and
 * the entity keys are unnested and looked up by the unique key (a jsonb containment join tested every
 * entity against every event).
 */
export async function entitiesOfEvents(db: Db, eventIds: number[]): Promise<Map<number, EntityRef[]>> {
  const result = new Map<number, EntityRef[]>(eventIds.map((id) => [id, []]));
  if (eventIds.length === 0) return result;
  const ids = idList(eventIds);
  const rows = await queryRows<{ event_id: string | number; id: string | number; name: string; kind: EntityKind }>(
    db,
    sql`select x.event_id, en.id, en.name, en.kind from (
        select a.event_id, ae.entity_id from article_entities ae join articles a on a.id = ae.article_id
          where ae.article_id = any(array(select id from articles where event_id in ${ids}))
        union
        select ev.id, en.id from events ev
          cross join lateral jsonb_array_elements_text(ev.entity_keys) as k(key)
          join entities en on en.key = k.key
          where ev.id in ${ids}
      ) x join entities en on en.id = x.entity_id`,
  );
  for (const row of rows) {
    result.get(Number(row.event_id))?.push({ id: Number(row.id), name: row.name, kind: row.kind });
  }
  for (const list of result.values()) sortEntities(list);
  return result;
}

/** Sources that published at least one article of each event, most trusted first. */
export async function sourcesOfEvents(db: Db, eventIds: number[]): Promise<Map<number, SourceRef[]>> {
  const result = new Map<number, SourceRef[]>(eventIds.map((id) => [id, []]));
  if (eventIds.length === 0) return result;
  const rows = await db
    .selectDistinct({
      eventId: sql<number>`${articles.eventId}`.mapWith(Number),
      id: sources.id,
      name: sources.name,
      trust: sources.trust,
    })
    .from(articles)
    .innerJoin(sources, eq(sources.id, articles.sourceId))
    .where(inArray(articles.eventId, eventIds));
  for (const row of rows) result.get(row.eventId)?.push({ id: row.id, name: row.name, trust: row.trust });
  for (const list of result.values()) sortSources(list);
  return result;
}

export interface ArticleRow {
  id: number;
  url: string;
  title: string;
  sourceId: string;
  publishedAt: Date | null;
  fetchedAt: Date;
  origin: string | null;
  duplicateOf: number | null;
  /** Why the cluster stage put it here (score and signals), null before clustering. */
  clusterReason: Record<string, unknown> | null;
}

/** The articles of one event in publication order (unknown dates last, by fetch time). */
export async function articlesOfEvent(db: Db, eventId: number): Promise<ArticleRow[]> {
  return db
    .select({
      id: articles.id,
      url: articles.url,
      title: articles.title,
      sourceId: articles.sourceId,
      publishedAt: articles.publishedAt,
      fetchedAt: articles.fetchedAt,
      origin: articles.origin,
      duplicateOf: articles.duplicateOf,
      clusterReason: articles.clusterReason,
    })
    .from(articles)
    .where(eq(articles.eventId, eventId))
    .orderBy(sql`${articles.publishedAt} asc nulls last`, asc(articles.fetchedAt), asc(articles.id));
}
