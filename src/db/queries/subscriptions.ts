import { eq, sql } from 'drizzle-orm';
import type { SubscriptionFrequency, SubscriptionKind } from '../../vocabulary';
import type { Db } from '../client';
import { apiKeys, subscriptions, type SubscriptionFilters } from '../schema';

// Subscriptions as managed through the API, and the stored write-key hashes kept beside them.

export interface SubscriptionRow {
  id: string;
  email: string;
  kind: SubscriptionKind;
  frequency: SubscriptionFrequency;
  filters: SubscriptionFilters;
  unsubscribeToken: string;
  createdAt: Date;
  unsubscribedAt: Date | null;
  lastSentAt: Date | null;
}

const subscriptionColumns = {
  id: subscriptions.id,
  email: subscriptions.email,
  kind: subscriptions.kind,
  frequency: subscriptions.frequency,
  filters: subscriptions.filters,
  unsubscribeToken: subscriptions.unsubscribeToken,
  createdAt: subscriptions.createdAt,
  unsubscribedAt: subscriptions.unsubscribedAt,
  lastSentAt: subscriptions.lastSentAt,
};

/** Stores a new subscription. */
export async function createSubscription(
  db: Db,
  input: { email: string; kind: SubscriptionKind; frequency: SubscriptionFrequency; filters: SubscriptionFilters; unsubscribeToken: string },
): Promise<SubscriptionRow> {
  const [row] = await db.insert(subscriptions).values(input).returning(subscriptionColumns);
  return row;
}

/** One subscription by id, or undefined. */
export async function getSubscription(db: Db, id: string): Promise<SubscriptionRow | undefined> {
  const [row] = await db.select(subscriptionColumns).from(subscriptions).where(eq(subscriptions.id, id));
  return row;
}

/** Deletes a subscription (and, by cascade, its deliveries); false when there was none. */
export async function deleteSubscription(db: Db, id: string): Promise<boolean> {
  const rows = await db.delete(subscriptions).where(eq(subscriptions.id, id)).returning({ id: subscriptions.id });
  return rows.length > 0;
}

/** The subscription an unsubscribe token belongs to, without changing it; undefined for an unknown token. */
export async function subscriptionByToken(db: Db, token: string): Promise<SubscriptionRow | undefined> {
  const [row] = await db.select(subscriptionColumns).from(subscriptions).where(eq(subscriptions.unsubscribeToken, token));
  return row;
}

/** Marks the token's subscription unsubscribed (keeping the first time); undefined for an unknown token. */
export async function unsubscribeByToken(db: Db, token: string): Promise<SubscriptionRow | undefined> {
  const [row] = await db
    .update(subscriptions)
    .set({ unsubscribedAt: sql`coalesce(${subscriptions.unsubscribedAt}, now())` })
    .where(eq(subscriptions.unsubscribeToken, token))
    .returning(subscriptionColumns);
  return row;
}

/** Whether a sha256 hex digest belongs to a key generated and stored on first start. */
export async function isStoredKeyHash(db: Db, keyHash: string): Promise<boolean> {
  const rows = await db.select({ id: apiKeys.id }).from(apiKeys).where(eq(apiKeys.keyHash, keyHash)).limit(1);
  return rows.length > 0;
}
