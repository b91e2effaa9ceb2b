import type { EventForMatching } from '../db/queries/deliveries';
import type { SubscriptionFilters } from '../db/schema';

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
