import { eq, isNull } from 'drizzle-orm';
import type { ClaimStatus } from '../../vocabulary';
import type { Db } from '../client';
import { articleEntities, articles, deliveries, entities, events, sources, subscriptions } from '../schema';

/** An event with what subscriptions filter on: its entities and its sources. */
export interface EventForMatching {
  id: number;
  title: string;
  status: ClaimStatus;
  confidence: number;
  verifiedRevision: number;
  entities: { key: string; name: string; aliases: string[] }[];
  sourceIds: string[];
}

/** Loads an event with its entities and sources, or undefined. */
export async function eventForMatching(db: Db, eventId: number): Promise<EventForMatching | undefined> {
  const [event] = await db
    .select({ id: events.id, title: events.title, status: events.status, confidence: events.confidence, verifiedRevision: events.verifiedRevision })
    .from(events)
    .where(eq(events.id, eventId));
  if (!event) return undefined;
  const linked = await db
    .selectDistinct({ key: entities.key, name: entities.name, aliases: entities.aliases })
    .from(articles)
    .innerJoin(articleEntities, eq(articleEntities.articleId, articles.id))
    .innerJoin(entities, eq(entities.id, articleEntities.entityId))
    .where(eq(articles.eventId, eventId));
  const sourceRows = await db
    .selectDistinct({ id: sources.id })
    .from(articles)
    .innerJoin(sources, eq(sources.id, articles.sourceId))
    .where(eq(articles.eventId, eventId));
  return { ...event, entities: linked, sourceIds: sourceRows.map((r) => r.id) };
}

/** Active (not unsubscribed) subscriptions. */
export async function activeSubscriptions(db: Db) {
  return db.select().from(subscriptions).where(isNull(subscriptions.unsubscribedAt));
}

/** Records that an event matched subscriptions; an existing record is kept as it is. */
export async function recordMatches(db: Db, eventId: number, subscriptionIds: string[]): Promise<number> {
  if (subscriptionIds.length === 0) return 0;
  const rows = await db
    .insert(deliveries)
    .values(subscriptionIds.map((subscriptionId) => ({ subscriptionId, eventId })))
    .onConflictDoNothing()
    .returning({ id: deliveries.id });
  return rows.length;
}
