import type { SubscriptionFilters } from '../../db/schema';
import { activeSubscriptions, eventForMatching, recordMatches, type EventForMatching } from '../../db/queries/deliveries';
import type { StageContext } from '../context';

/** Does an event pass a subscription's filters? Every given filter must hold; none given matches all. */
export function eventMatches(event: EventForMatching, filters: SubscriptionFilters): boolean {
  if (filters.statuses?.length && !filters.statuses.includes(event.status)) return false;
  if (filters.minConfidence !== undefined && event.confidence < filters.minConfidence) return false;
  if (filters.sources?.length && !filters.sources.some((id) => event.sourceIds.includes(id))) return false;
  if (filters.entities?.length) {
    const wanted = filters.entities.map((e) => e.toLowerCase());
    const named = event.entities.some((entity) =>
      [entity.key, entity.name, ...entity.aliases].some((label) => wanted.includes(label.toLowerCase())),
    );
    if (!named) return false;
  }
  if (filters.q) {
    const words = filters.q.toLowerCase().split(/\s+/).filter(Boolean);
    const title = event.title.toLowerCase();
    if (!words.every((w) => title.includes(w))) return false;
  }
  return true;
}

/**
 * Records a delivery for every active subscription the event matches; returns how many are new.
 * A job for a revision that a newer verification has overtaken leaves the work to the newer job.
 */
export async function matchSubscriptions(ctx: StageContext, eventId: number, revision: number): Promise<number> {
  const subscriptions = await activeSubscriptions(ctx.db);
  if (subscriptions.length === 0) return 0;
  const event = await eventForMatching(ctx.db, eventId);
  if (!event || event.verifiedRevision > revision) return 0;
  const matching = subscriptions.filter((s) => eventMatches(event, s.filters)).map((s) => s.id);
  return recordMatches(ctx.db, eventId, matching);
}
