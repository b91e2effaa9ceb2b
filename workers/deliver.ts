import { expirePendingSubscriptions } from '../src/db/queries/subscriptions';
import type { JobHandler } from '../src/jobs/handlers';
import { prepareAlerts } from '../src/pipeline/notify/alerts';
import { deliverMessage } from '../src/pipeline/notify/deliver-message';
import { prepareDigest } from '../src/pipeline/notify/digests';
import { ALERT_WINDOW_MS } from '../src/pipeline/notify/match-subscriptions';

/** SendDigest: build and store a subscriber's due digest (the scheduled time is the window's end). */
export const sendDigestJob: JobHandler<'SendDigest'> = async (ctx, { subscriptionId, due }, { scheduledAt }) => {
  const id = await prepareDigest(ctx.db, ctx.settings.publicUrl, subscriptionId, due !== undefined ? new Date(due) : (scheduledAt ?? new Date()));
  return { messages: id === undefined ? [] : [id] };
};

/** SendAlerts: one email for every change a subscriber was given during the batching window. */
export const sendAlertsJob: JobHandler<'SendAlerts'> = async (ctx, { subscriptionId }) => {
  const { outboxId, nextBatch } = await prepareAlerts(ctx, subscriptionId);
  return { messages: outboxId === undefined ? [] : [outboxId], nextBatch: nextBatch === undefined ? undefined : { subscriptionId, firstChangeId: nextBatch, delayMs: ALERT_WINDOW_MS } };
};

/** DeliverMessage: send one stored email or webhook (a failure throws, so the queue retries it). */
export const deliverMessageJob: JobHandler<'DeliverMessage'> = async (ctx, { outboxId }, attempt) => {
  return { outcome: await deliverMessage(ctx, outboxId, attempt) };
};

/** ExpireSignups: delete sign-ups never confirmed in time. */
export const expireSignupsJob: JobHandler<'ExpireSignups'> = async (ctx) => {
  return { expired: await expirePendingSubscriptions(ctx.db) };
};
