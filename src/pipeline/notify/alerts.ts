import { putAlertBatch, putMessage } from '../../db/queries/outbox';
import { oldestWaitingChange, waitingChanges } from '../../db/queries/status-changes';
import { getEvent } from '../../db/queries/events';
import { getSubscription, isDeliverable, type SubscriptionRow } from '../../db/queries/subscriptions';
import { linksFrom } from '../../email/links';
import { renderAlert, renderConfirmation, type AlertChange } from '../../email/render';
import { changeWords, confidenceWords, statusWords } from '../../email/wording';
import type { Db } from '../../db/client';
import type { StageContext } from '../context';

/**
 * Gathers every change an alert subscriber was given that no email carries yet into one email
 * (the batching window has closed). Returns the message to send (undefined when another run
 * already took them or the subscription receives nothing) and the oldest change given while
 * this ran, if any, which starts the next batch.
 */
export async function prepareAlerts(ctx: StageContext, subscriptionId: string): Promise<{ outboxId?: number; nextBatch?: number }> {
  const subscription = await getSubscription(ctx.db, subscriptionId);
  if (!subscription || !isDeliverable(subscription) || subscription.email === null) return {};
  const changes = await waitingChanges(ctx.db, subscriptionId);
  if (changes.length === 0) return {};
  const links = linksFrom(ctx.settings.publicUrl);
  const titles = new Map<number, string>();
  for (const id of new Set(changes.map((c) => c.eventId))) titles.set(id, (await getEvent(ctx.db, id))?.title ?? `event ${id}`);
  const items: AlertChange[] = changes.map((c) => ({
    title: titles.get(c.eventId)!,
    url: c.claimId !== null && c.subject === 'claim' ? links.claim(c.claimId) : links.event(c.eventId),
    what: c.previousStatus === null ? `new event, ${statusWords(c.status)}` : `${c.subject === 'claim' ? 'claim ' : ''}${changeWords(c)}`,
    confidenceText: confidenceWords(c.confidence),
    claimText: c.subject === 'claim' ? (c.claimText ?? undefined) : undefined,
    reason: c.reason,
  }));
  const content = renderAlert(items, links.unsubscribe(subscription.unsubscribeToken));
  const row = await putAlertBatch(
    ctx.db,
    { subscriptionId, key: `alerts-${changes[0].id}`, kind: 'alert', email: content, eventCount: titles.size },
    changes.map((c) => c.id),
  );
  return { outboxId: row?.id, nextBatch: await oldestWaitingChange(ctx.db, subscriptionId) };
}

/** Stores the one confirmation email a pending sign-up receives (once, whatever happens). */
export async function prepareConfirmation(db: Db, publicUrl: string, subscription: SubscriptionRow): Promise<number | undefined> {
  if (subscription.state !== 'pending' || !subscription.email || !subscription.confirmToken) return undefined;
  const content = renderConfirmation(subscription.email, subscription.kind, linksFrom(publicUrl).confirm(subscription.confirmToken));
  const { row, created } = await putMessage(db, { subscriptionId: subscription.id, key: 'confirmation', kind: 'confirmation', email: content });
  return created ? row.id : undefined;
}
