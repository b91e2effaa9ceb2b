import { cancelMessage, getMessage, markMessageAttemptFailed, markMessageSent } from '../../db/queries/outbox';
import {
  getSubscription,
  isDeliverable,
  recordDeliveryAttemptError,
  recordDeliveryFailure,
  recordDeliverySuccess,
} from '../../db/queries/subscriptions';
import { linksFrom } from '../../email/links';
import type { AttemptInfo, StageContext } from '../context';
import { postWebhook } from './webhook';

/** Deliveries in a row that exhausted their retries before a subscription is paused. */
export const PAUSE_AFTER_FAILED_DELIVERIES = 3;

/** A failed send the queue should retry (the message stays pending with the error recorded). */
export class DeliveryFailedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeliveryFailedError';
  }
}

export type DeliverResult = 'sent' | 'already_sent' | 'cancelled' | 'missing';

/** The Message-ID of a stored message: the same on every retry, so receivers can tell a duplicate. */
export function messageIdOf(outboxId: number, subscriptionId: string, publicUrl: string): string {
  return `<crosscheck-${outboxId}-${subscriptionId}@${new URL(publicUrl).hostname || 'localhost'}>`;
}

/**
 * Sends one stored message (email or webhook) unless it was sent already. A failure is recorded
 * on the message and the subscription's health, then thrown so the queue retries with backoff;
 * on the last attempt the message is marked failed, and repeated failed deliveries pause the
 * subscription. Nothing but a confirmation reaches a subscription that is not active.
 */
export async function deliverMessage(ctx: StageContext, outboxId: number, attempt: AttemptInfo): Promise<DeliverResult> {
  const message = await getMessage(ctx.db, outboxId);
  if (!message) return 'missing';
  if (message.status === 'sent') return 'already_sent';
  if (message.status === 'cancelled') return 'cancelled';
  const subscription = await getSubscription(ctx.db, message.subscriptionId);
  if (!subscription) return 'missing';
  const allowed = message.kind === 'confirmation' ? subscription.state === 'pending' && !subscription.unsubscribedAt : isDeliverable(subscription);
  if (!allowed) {
    await cancelMessage(ctx.db, outboxId, `subscription is ${subscription.unsubscribedAt ? 'unsubscribed' : subscription.state}`);
    return 'cancelled';
  }
  const final = attempt.attempt >= attempt.maxAttempts;
  const messageId = messageIdOf(message.id, subscription.id, ctx.settings.publicUrl);
  let error: string | undefined;
  if (message.kind === 'webhook') {
    const outcome = await postWebhook(subscription.webhookUrl!, message.webhookBody!, subscription.webhookSecret!, ctx.settings.webhookAllowPrivate);
    if (!outcome.ok) error = outcome.error ?? 'webhook failed';
  } else {
    if (!ctx.mailer) throw new Error('no mailer configured for the deliver stage');
    try {
      await ctx.mailer.send({
        to: subscription.email!,
        content: message.email!,
        messageId,
        unsubscribeUrl: message.kind === 'confirmation' ? undefined : linksFrom(ctx.settings.publicUrl).unsubscribe(subscription.unsubscribeToken),
      });
    } catch (e) {
      error = `${(e as { code?: string }).code ?? 'smtp'}: ${(e as Error).message}`;
    }
  }
  if (error === undefined) {
    await markMessageSent(ctx.db, message.id, message.kind === 'webhook' ? null : messageId);
    await recordDeliverySuccess(ctx.db, subscription.id);
    ctx.log.info({ subscription_id: subscription.id, outbox_id: message.id, kind: message.kind }, 'message delivered');
    return 'sent';
  }
  await markMessageAttemptFailed(ctx.db, message.id, error, final);
  if (final) {
    const state = await recordDeliveryFailure(ctx.db, subscription.id, error, PAUSE_AFTER_FAILED_DELIVERIES);
    ctx.log.warn({ subscription_id: subscription.id, outbox_id: message.id, err: error, state }, 'delivery failed for good');
  } else {
    await recordDeliveryAttemptError(ctx.db, subscription.id, error);
  }
  throw new DeliveryFailedError(`delivery of message ${message.id} failed: ${error}`);
}
