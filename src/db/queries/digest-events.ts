import { and, eq, gt, inArray, lte, or, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../client';
import { articleEntities, articles, entities, events, statusChanges, type ClaimOrigin, type ExplanationFactor } from '../schema';
import type { EventForMatching } from './deliveries';

// The events a digest window covers, loaded once per window with everything the digest shows
// and everything subscriptions filter on, so thousands of subscribers are matched in memory.

/** Claims shown per event in a digest: the most confident ones. */
const CLAIMS_PER_EVENT = 3;

export interface DigestClaim {
  id: number;
  text: string;
  status: string;
  confidence: number;
  origins: ClaimOrigin[];
  explanation: ExplanationFactor[];
}

export interface DigestEvent extends EventForMatching {
  firstSeenAt: Date;
  lastSeenAt: Date;
  articleCount: number;
  originCount: number;
  claims: DigestClaim[];
}

/** Events seen, or whose status moved, inside (from, to]; with entities, sources and their leading claims. */
export async function eventsOfWindow(db: Db, from: Date, to: Date, onlyIds?: number[]): Promise<DigestEvent[]> {
  const moved = db
    .select({ id: statusChanges.eventId })
    .from(statusChanges)
    .where(and(gt(statusChanges.changedAt, from), lte(statusChanges.changedAt, to)));
  const rows = await db
    .select({
      id: events.id,
      title: events.title,
      status: events.status,
      confidence: events.confidence,
      verifiedRevision: events.verifiedRevision,
      firstSeenAt: events.firstSeenAt,
      lastSeenAt: events.lastSeenAt,
      articleCount: events.articleCount,
      originCount: events.originCount,
      entityKeys: events.entityKeys,
    })
    .from(events)
    .where(
      and(
        or(and(gt(events.lastSeenAt, from), lte(events.lastSeenAt, to)), inArray(events.id, moved)),
        onlyIds ? inArray(events.id, onlyIds.length ? onlyIds : [-1]) : undefined,
      ),
    );
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [linked, keyed, sourceRows, claimRows] = await Promise.all([
    db
      .selectDistinct({ eventId: sql<number>`${articles.eventId}`.mapWith(Number), key: entities.key, name: entities.name, aliases: entities.aliases })
      .from(articles)
      .innerJoin(articleEntities, eq(articleEntities.articleId, articles.id))
      .innerJoin(entities, eq(entities.id, articleEntities.entityId))
      .where(inArray(articles.eventId, ids)),
    db
      .select({ eventId: events.id, key: entities.key, name: entities.name, aliases: entities.aliases })
      .from(events)
      .innerJoin(entities, sql`${events.entityKeys} @> jsonb_build_array(${entities.key})`)
      .where(inArray(events.id, ids)),
    db
      .selectDistinct({ eventId: sql<number>`${articles.eventId}`.mapWith(Number), sourceId: articles.sourceId })
      .from(articles)
      .where(inArray(articles.eventId, ids)),
    queryRows<{ id: string; event_id: string; text: string; status: string; confidence: number; origins: ClaimOrigin[]; explanation: ExplanationFactor[] }>(db, sql`
      select id, event_id, text, status, confidence, origins, explanation from (
        select c.*, row_number() over (partition by c.event_id order by c.confidence desc, c.id) as rank
        from claims c where c.event_id in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})
      ) ranked where rank <= ${CLAIMS_PER_EVENT} order by event_id, rank`),
  ]);
  const byId = new Map<number, DigestEvent>(
    rows.map(({ entityKeys: _keys, ...row }) => [row.id, { ...row, entities: [], sourceIds: [], claims: [] }]),
  );
  for (const e of [...linked, ...keyed]) {
    const event = byId.get(e.eventId);
    if (event && !event.entities.some((x) => x.key === e.key)) event.entities.push({ key: e.key, name: e.name, aliases: e.aliases });
  }
  for (const s of sourceRows) byId.get(s.eventId)?.sourceIds.push(s.sourceId);
  for (const c of claimRows) {
    byId.get(Number(c.event_id))?.claims.push({
      id: Number(c.id),
      text: c.text,
      status: c.status,
      confidence: Number(c.confidence),
      origins: c.origins,
      explanation: c.explanation,
    });
  }
  return [...byId.values()];
}
