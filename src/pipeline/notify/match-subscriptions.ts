import { eventForMatching, recordMatches } from '../../db/queries/deliveries';
import { putMessage } from '../../db/queries/outbox';
import { alertableChangesOfEvent, giveChanges, oldestWaitingChange } from '../../db/queries/status-changes';
import { deliverableSubscriptions } from '../../db/queries/subscriptions';
import { linksFrom } from '../../email/links';
import type { StageContext } from '../context';
import { eventMatches } from '../../email/event-matches';
import { webhookBody } from './webhook-body';

export { eventMatches } from '../../email/event-matches';

/** Alerts wait this long for more changes, so one burst of verification is one email. */
export const ALERT_WINDOW_MS = 60_000;

export interface NotifyOutcome {
  matched: number;
  /** Alert subscriptions given new changes: their oldest change still waiting names the batch, which waits ALERT_WINDOW_MS. */
  alerts: { subscriptionId: string; firstChangeId: number; delayMs: number }[];
  /** Webhook messages stored, one per change, to be sent at once. */
  messages: number[];
}

/**
 * Records a delivery for every deliverable subscription the event matches, gives each alert
 * subscriber the event's changes it has not had yet (appearance, status moves since it
 * subscribed) and stores one signed webhook body per new change. Everything is keyed by
 * (subscription, change), so a re-run or a re-verification delivers nothing twice. A job for
 * a revision that a newer verification has overtaken leaves the work to the newer job.
 */
export async function matchSubscriptions(ctx: StageContext, eventId: number, revision: number): Promise<NotifyOutcome> {
  const outcome: NotifyOutcome = { matched: 0, alerts: [], messages: [] };
  const subscriptions = await deliverableSubscriptions(ctx.db);
  if (subscriptions.length === 0) return outcome;
  const event = await eventForMatching(ctx.db, eventId);
  if (!event || event.verifiedRevision > revision) return outcome;
  const matching = subscriptions.filter((s) => eventMatches(event, s.filters));
  outcome.matched = await recordMatches(ctx.db, eventId, matching.map((s) => s.id));
  const links = linksFrom(ctx.settings.publicUrl);
  for (const subscription of matching.filter((s) => s.kind === 'alert')) {
    const changes = await alertableChangesOfEvent(ctx.db, eventId, subscription.confirmedAt ?? subscription.createdAt);
    const given = new Set(await giveChanges(ctx.db, subscription.id, changes.map((c) => c.id)));
    if (given.size === 0) continue;
    if (subscription.webhookUrl) {
      for (const change of changes.filter((c) => given.has(c.id))) {
        const { row } = await putMessage(ctx.db, {
          subscriptionId: subscription.id,
          key: `change-${change.id}`,
          kind: 'webhook',
          webhookBody: await webhookBody(ctx.db, change, event, links),
          eventCount: 1,
        });
        outcome.messages.push(row.id);
      }
    } else {
      // Every change arriving before the batch is sent finds the same oldest waiting change, so the same job id: one email.
      const firstChangeId = await oldestWaitingChange(ctx.db, subscription.id);
      if (firstChangeId !== undefined) outcome.alerts.push({ subscriptionId: subscription.id, firstChangeId, delayMs: ALERT_WINDOW_MS });
    }
  }
  return outcome;
}
