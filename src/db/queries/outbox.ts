import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { outbox, subscriptionChanges, subscriptions, type EmailContent } from '../schema';

// Messages to subscribers: stored before they are sent, so a failed send is retried, never lost, never doubled.

export type OutboxRow = typeof outbox.$inferSelect;

export interface NewMessage {
  subscriptionId: string;
  key: string;
  kind: 'confirmation' | 'digest' | 'alert' | 'webhook';
  email?: EmailContent;
  webhookBody?: string;
  eventCount?: number;
}

/** Stores a message unless one with its key exists; returns the stored row either way (and whether it is new). */
export async function putMessage(db: Db, message: NewMessage): Promise<{ row: OutboxRow; created: boolean }> {
  const [inserted] = await db.insert(outbox).values(message).onConflictDoNothing().returning();
  if (inserted) return { row: inserted, created: true };
  const [existing] = await db
    .select()
    .from(outbox)
    .where(and(eq(outbox.subscriptionId, message.subscriptionId), eq(outbox.key, message.key)));
  return { row: existing, created: false };
}

/**
 * Stores the digest of a window and moves the subscription's window start, in one transaction:
 * the next digest starts where this one ended whether or not this one has been sent yet.
 */
export async function putDigest(db: Db, message: NewMessage, windowEnd: Date): Promise<{ row: OutboxRow; created: boolean }> {
  return db.transaction(async (tx) => {
    const result = await putMessage(tx as unknown as Db, message);
    if (result.created) await tx.update(subscriptions).set({ lastDigestAt: windowEnd }).where(eq(subscriptions.id, message.subscriptionId));
    return result;
  });
}

/** Stores one alert email carrying the given waiting changes, in one transaction; undefined when another run took them. */
export async function putAlertBatch(db: Db, message: NewMessage, changeIds: number[]): Promise<OutboxRow | undefined> {
  return db.transaction(async (tx) => {
    const { row, created } = await putMessage(tx as unknown as Db, message);
    if (!created) return undefined;
    await tx
      .update(subscriptionChanges)
      .set({ outboxId: row.id })
      .where(
        and(
          eq(subscriptionChanges.subscriptionId, message.subscriptionId),
          inArray(subscriptionChanges.changeId, changeIds),
          isNull(subscriptionChanges.outboxId),
        ),
      );
    return row;
  });
}

/** One message by id. */
export async function getMessage(db: Db, id: number): Promise<OutboxRow | undefined> {
  const [row] = await db.select().from(outbox).where(eq(outbox.id, id));
  return row;
}

/** Marks a message sent (the first time only). */
export async function markMessageSent(db: Db, id: number, messageId: string | null): Promise<void> {
  await db
    .update(outbox)
    .set({ status: 'sent', sentAt: sql`coalesce(${outbox.sentAt}, now())`, messageId, attempts: sql`${outbox.attempts} + 1`, lastError: null })
    .where(eq(outbox.id, id));
}

/** Records a failed attempt; `final` when no retry follows. */
export async function markMessageAttemptFailed(db: Db, id: number, error: string, final: boolean): Promise<void> {
  await db
    .update(outbox)
    .set({ attempts: sql`${outbox.attempts} + 1`, lastError: error, status: final ? 'failed' : 'pending' })
    .where(eq(outbox.id, id));
}

/** Marks a message that will not be sent (its subscriber unsubscribed or was paused meanwhile). */
export async function cancelMessage(db: Db, id: number, reason: string): Promise<void> {
  await db.update(outbox).set({ status: 'cancelled', lastError: reason }).where(and(eq(outbox.id, id), eq(outbox.status, 'pending')));
}

/** A subscription's latest messages, newest first (for GET /api/subscriptions/:id). */
export async function messagesOfSubscription(db: Db, subscriptionId: string, limit = 20) {
  return db
    .select({
      id: outbox.id,
      kind: outbox.kind,
      status: outbox.status,
      attempts: outbox.attempts,
      lastError: outbox.lastError,
      eventCount: outbox.eventCount,
      messageId: outbox.messageId,
      createdAt: outbox.createdAt,
      sentAt: outbox.sentAt,
    })
    .from(outbox)
    .where(eq(outbox.subscriptionId, subscriptionId))
    .orderBy(desc(outbox.id))
    .limit(limit);
}

/** Messages still waiting to be sent (re-enqueued at start-up after a crash). */
export async function pendingMessages(db: Db): Promise<{ id: number }[]> {
  return db.select({ id: outbox.id }).from(outbox).where(eq(outbox.status, 'pending'));
}
