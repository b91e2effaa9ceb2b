import { and, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { apiKeys, subscriptions, type SubscriptionFilters } from '../schema';
import type { SubscriptionFrequency, SubscriptionKind } from '../../vocabulary';

// Subscriptions as managed through the API and used by delivery, and the stored write-key hashes kept beside them.

export type SubscriptionRow = typeof subscriptions.$inferSelect;

/** How long a sign-up without a write key waits for its confirmation before it is deleted. */
export const PENDING_TTL_MS = 7 * 86_400_000;

/** Stores a new subscription. */
export async function createSubscription(
  db: Db,
  input: {
    email?: string | null;
    webhookUrl?: string | null;
    webhookSecret?: string | null;
    kind: SubscriptionKind;
    frequency: SubscriptionFrequency;
    timezone: string;
    sendAt: string;
    filters: SubscriptionFilters;
    state: 'pending' | 'active';
    unsubscribeToken: string;
    confirmToken?: string | null;
  },
): Promise<SubscriptionRow> {
  const [row] = await db
    .insert(subscriptions)
    .values({ ...input, confirmedAt: input.state === 'active' ? new Date() : null })
    .returning();
  return row;
}

/** One subscription by id, or undefined. */
export async function getSubscription(db: Db, id: string): Promise<SubscriptionRow | undefined> {
  const [row] = await db.select().from(subscriptions).where(eq(subscriptions.id, id));
  return row;
}

/** Deletes a subscription (and, by cascade, its deliveries); false when there was none. */
export async function deleteSubscription(db: Db, id: string): Promise<boolean> {
  const rows = await db.delete(subscriptions).where(eq(subscriptions.id, id)).returning({ id: subscriptions.id });
  return rows.length > 0;
}

/** The subscription an unsubscribe token belongs to, without changing it; undefined for an unknown token. */
export async function subscriptionByToken(db: Db, token: string): Promise<SubscriptionRow | undefined> {
  const [row] = await db.select().from(subscriptions).where(eq(subscriptions.unsubscribeToken, token));
  return row;
}

/** Marks the token's subscription unsubscribed (keeping the first time); undefined for an unknown token. */
export async function unsubscribeByToken(db: Db, token: string): Promise<SubscriptionRow | undefined> {
  const [row] = await db
    .update(subscriptions)
    .set({ unsubscribedAt: sql`coalesce(${subscriptions.unsubscribedAt}, now())` })
    .where(eq(subscriptions.unsubscribeToken, token))
    .returning();
  return row;
}

/** Activates a pending sign-up by its emailed token, unless it expired; undefined for an unknown or expired token. */
export async function confirmByToken(db: Db, token: string, now = new Date()): Promise<SubscriptionRow | undefined> {
  const [row] = await db
    .update(subscriptions)
    .set({ state: sql`case when ${subscriptions.state} = 'pending' then 'active' else ${subscriptions.state} end`, confirmedAt: sql`coalesce(${subscriptions.confirmedAt}, now())` })
    .where(and(eq(subscriptions.confirmToken, token), gt(subscriptions.createdAt, new Date(now.getTime() - PENDING_TTL_MS))))
    .returning();
  return row;
}

/** Deletes sign-ups never confirmed within the time allowed; returns how many. */
export async function expirePendingSubscriptions(db: Db, now = new Date()): Promise<number> {
  const rows = await db
    .delete(subscriptions)
    .where(and(eq(subscriptions.state, 'pending'), lt(subscriptions.createdAt, new Date(now.getTime() - PENDING_TTL_MS))))
    .returning({ id: subscriptions.id });
  return rows.length;
}

/** Sign-ups without a key for an address (any case) since a time: what the per-address limit counts. */
export async function recentPendingSignups(db: Db, email: string, since: Date): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(subscriptions)
    .where(and(sql`lower(${subscriptions.email}) = lower(${email})`, gt(subscriptions.createdAt, since), sql`${subscriptions.confirmToken} is not null`));
  return row?.n ?? 0;
}

/** Subscriptions that receive anything: confirmed, not paused, not unsubscribed. */
export async function deliverableSubscriptions(db: Db, kind?: 'digest' | 'alert'): Promise<SubscriptionRow[]> {
  return db
    .select()
    .from(subscriptions)
    .where(and(eq(subscriptions.state, 'active'), isNull(subscriptions.unsubscribedAt), kind ? eq(subscriptions.kind, kind) : undefined));
}

/** A page of deliverable digest subscriptions after `afterId` (keyset, for building digests in batches). */
export async function digestSubscriptionsPage(db: Db, afterId: string | undefined, limit: number): Promise<SubscriptionRow[]> {
  return db
    .select()
    .from(subscriptions)
    .where(
      and(
        eq(subscriptions.state, 'active'),
        isNull(subscriptions.unsubscribedAt),
        eq(subscriptions.kind, 'digest'),
        afterId ? gt(subscriptions.id, afterId) : undefined,
      ),
    )
    .orderBy(subscriptions.id)
    .limit(limit);
}

/** Whether a subscription may be sent anything but its confirmation. */
export function isDeliverable(row: SubscriptionRow): boolean {
  return row.state === 'active' && row.unsubscribedAt === null;
}

/** Records a delivery that went through: failures in a row reset. */
export async function recordDeliverySuccess(db: Db, id: string): Promise<void> {
  await db.update(subscriptions).set({ consecutiveFailures: 0, lastSuccessAt: new Date(), lastSentAt: new Date() }).where(eq(subscriptions.id, id));
}

/**
 * Records a delivery that failed for good (its retries exhausted); after `pauseAfter` in a row
 * the subscription is paused so a dead endpoint is not hammered forever. Returns the new state.
 */
export async function recordDeliveryFailure(db: Db, id: string, error: string, pauseAfter: number): Promise<string | undefined> {
  const [row] = await db
    .update(subscriptions)
    .set({
      consecutiveFailures: sql`${subscriptions.consecutiveFailures} + 1`,
      lastError: error,
      lastFailureAt: new Date(),
      state: sql`case when ${subscriptions.consecutiveFailures} + 1 >= ${pauseAfter} and ${subscriptions.state} = 'active' then 'paused' else ${subscriptions.state} end`,
      pausedAt: sql`case when ${subscriptions.consecutiveFailures} + 1 >= ${pauseAfter} then coalesce(${subscriptions.pausedAt}, now()) else ${subscriptions.pausedAt} end`,
    })
    .where(eq(subscriptions.id, id))
    .returning({ state: subscriptions.state });
  return row?.state;
}

/** Records the last error of an attempt that will be retried (health shows it before the retries run out). */
export async function recordDeliveryAttemptError(db: Db, id: string, error: string): Promise<void> {
  await db.update(subscriptions).set({ lastError: error, lastFailureAt: new Date() }).where(eq(subscriptions.id, id));
}

/** Whether a sha256 hex digest belongs to a key generated and stored on first start. */
export async function isStoredKeyHash(db: Db, keyHash: string): Promise<boolean> {
  const rows = await db.select({ id: apiKeys.id }).from(apiKeys).where(eq(apiKeys.keyHash, keyHash)).limit(1);
  return rows.length > 0;
}
