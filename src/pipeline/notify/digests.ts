import { eventsOfWindow } from '../../db/queries/digest-events';
import { putDigest } from '../../db/queries/outbox';
import { statusMovesBetween } from '../../db/queries/status-changes';
import { getSubscription, isDeliverable, type SubscriptionRow } from '../../db/queries/subscriptions';
import type { EmailContent } from '../../db/schema';
import { buildDigest, movesByEvent, type DigestItem } from '../../email/digest';
import { linksFrom } from '../../email/links';
import { renderDigest } from '../../email/render';
import type { Db } from '../../db/client';

// Digests: the events of a subscriber's window (since its previous digest), built, stored, then sent by DeliverMessage.

const FREQUENCY_MS: Record<string, number> = { hourly: 3_600_000, daily: 86_400_000, weekly: 7 * 86_400_000, immediate: 86_400_000 };

/** Where a subscriber's next digest starts: where the previous one ended, else one period back (never before it subscribed). */
export function windowStart(subscription: SubscriptionRow, now: Date): Date {
  if (subscription.lastDigestAt) return subscription.lastDigestAt;
  const period = new Date(now.getTime() - (FREQUENCY_MS[subscription.frequency] ?? FREQUENCY_MS.daily));
  // A new subscriber's first digest also covers the period before it signed up: a useful first email.
  return period;
}

/** The digest a subscriber would get now, without storing or sending it. */
export async function composeDigest(
  db: Db,
  publicUrl: string,
  subscription: SubscriptionRow,
  now: Date,
): Promise<{ content: EmailContent; items: DigestItem[]; window: { start: Date; end: Date } }> {
  const window = { start: windowStart(subscription, now), end: now };
  const events = await eventsOfWindow(db, window.start, window.end);
  const moves = await statusMovesBetween(db, events.map((e) => e.id), window.start, window.end);
  const links = linksFrom(publicUrl);
  const model = buildDigest(subscription.filters, window, events, movesByEvent(moves), links);
  return { content: renderDigest(model, links.unsubscribe(subscription.unsubscribeToken)), items: model.items, window };
}

/**
 * Builds and stores a subscriber's due digest; returns the message to send, or undefined when
 * the subscription receives nothing or its digest would be empty (an empty digest is not sent).
 * The window's end is the job's scheduled time, so a retried or repeated job stores nothing twice.
 */
export async function prepareDigest(db: Db, publicUrl: string, subscriptionId: string, due: Date): Promise<number | undefined> {
  const subscription = await getSubscription(db, subscriptionId);
  if (!subscription || !isDeliverable(subscription) || subscription.kind !== 'digest' || subscription.email === null) return undefined;
  if (subscription.lastDigestAt && subscription.lastDigestAt >= due) return undefined;
  const { content, items, window } = await composeDigest(db, publicUrl, subscription, due);
  if (items.length === 0) return undefined;
  const { row } = await putDigest(
    db,
    { subscriptionId, key: `digest-${window.end.getTime()}`, kind: 'digest', email: content, eventCount: items.length },
    window.end,
  );
  return row.status === 'pending' ? row.id : undefined;
}
