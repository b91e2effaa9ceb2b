import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { statusChanges } from './status-changes';
import { subscriptions } from './subscriptions';

/** A rendered email or webhook body for one subscription: sent once, retried until it is. */
export interface EmailContent {
  subject: string;
  html: string;
  text: string;
}

/**
 * What is sent to subscribers. `key` names what the message is for (`confirmation`,
 * `digest-<window end>`, `alerts-<first change>`, `change-<id>`), and is unique per subscription:
 * retries and re-runs find the row instead of making another message.
 */
export const outbox = pgTable(
  'outbox',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    subscriptionId: uuid('subscription_id')
      .notNull()
      .references(() => subscriptions.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    kind: text('kind').notNull(),
    email: jsonb('email').$type<EmailContent>(),
    webhookBody: text('webhook_body'),
    eventCount: integer('event_count').notNull().default(0),
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    messageId: text('message_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    unique('outbox_subscription_key').on(t.subscriptionId, t.key),
    index('outbox_pending').on(t.status, t.createdAt),
    check('outbox_kind_known', sql`${t.kind} in ('confirmation', 'digest', 'alert', 'webhook')`),
    check('outbox_status_known', sql`${t.status} in ('pending', 'sent', 'failed', 'cancelled')`),
  ],
);

/**
 * Which status change an alert subscription has been given: one row per (subscription, change),
 * so a re-verification or a retried job never delivers a change twice. `outboxId` is the email
 * that carries it; null while it waits for the batching window to close.
 */
export const subscriptionChanges = pgTable(
  'subscription_changes',
  {
    subscriptionId: uuid('subscription_id')
      .notNull()
      .references(() => subscriptions.id, { onDelete: 'cascade' }),
    changeId: bigint('change_id', { mode: 'number' })
      .notNull()
      .references(() => statusChanges.id, { onDelete: 'cascade' }),
    outboxId: bigint('outbox_id', { mode: 'number' }).references(() => outbox.id, { onDelete: 'set null' }),
    matchedAt: timestamp('matched_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.subscriptionId, t.changeId] }), index('subscription_changes_waiting').on(t.subscriptionId, t.outboxId)],
);
