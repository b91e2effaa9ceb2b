import { sql } from 'drizzle-orm';
import { bigint, check, integer, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { SUBSCRIPTION_FREQUENCIES, SUBSCRIPTION_KINDS, type ClaimStatus, type SubscriptionFrequency, type SubscriptionKind } from '../../vocabulary';
import { events } from './events';
import { sqlList } from './sql-list';

export interface SubscriptionFilters {
  entities?: string[];
  statuses?: ClaimStatus[];
  minConfidence?: number;
  sources?: string[];
  q?: string;
}

/** Digest and alert subscriptions. */
export const subscriptions = pgTable(
  'subscriptions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Exactly one of email and webhookUrl is set. */
    email: text('email'),
    webhookUrl: text('webhook_url'),
    /** HMAC-SHA256 key of a webhook's signature (shown once at creation). */
    webhookSecret: text('webhook_secret'),
    /** `pending` until the emailed link is followed (sign-ups without a write key), `paused` after repeated webhook failures. */
    state: text('state').notNull().default('active'),
    confirmToken: text('confirm_token').unique(),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    /** IANA zone and local HH:MM at which digests are sent. */
    timezone: text('timezone').notNull().default('UTC'),
    sendAt: text('send_at').notNull().default('07:00'),
    kind: text('kind').$type<SubscriptionKind>().notNull().default('digest'),
    frequency: text('frequency').$type<SubscriptionFrequency>().notNull().default('daily'),
    filters: jsonb('filters').$type<SubscriptionFilters>().notNull().default({}),
    unsubscribeToken: text('unsubscribe_token').notNull().unique(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    unsubscribedAt: timestamp('unsubscribed_at', { withTimezone: true }),
    lastSentAt: timestamp('last_sent_at', { withTimezone: true }),
    /** End of the window the last digest covered: the next one starts there. */
    lastDigestAt: timestamp('last_digest_at', { withTimezone: true }),
    /** Delivery health: failed deliveries in a row (reset by a success), the last error and when. */
    consecutiveFailures: integer('consecutive_failures').notNull().default(0),
    lastError: text('last_error'),
    lastFailureAt: timestamp('last_failure_at', { withTimezone: true }),
    lastSuccessAt: timestamp('last_success_at', { withTimezone: true }),
    pausedAt: timestamp('paused_at', { withTimezone: true }),
  },
  (t) => [
    check('subscriptions_kind_known', sql`${t.kind} in (${sql.raw(sqlList(SUBSCRIPTION_KINDS))})`),
    check('subscriptions_state_known', sql`${t.state} in ('pending', 'active', 'paused')`),
    check('subscriptions_one_target', sql`(${t.email} is null) <> (${t.webhookUrl} is null)`),
    check('subscriptions_frequency_known', sql`${t.frequency} in (${sql.raw(sqlList(SUBSCRIPTION_FREQUENCIES))})`),
  ],
);

/** Which event goes (or went) to which subscription: matched by the notify stage, sent by delivery. */
export const deliveries = pgTable(
  'deliveries',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    subscriptionId: uuid('subscription_id')
      .notNull()
      .references(() => subscriptions.id, { onDelete: 'cascade' }),
    eventId: bigint('event_id', { mode: 'number' })
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    status: text('status').notNull().default('matched'),
    matchedAt: timestamp('matched_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    error: text('error'),
  },
  (t) => [
    unique('deliveries_subscription_event').on(t.subscriptionId, t.eventId),
    check('deliveries_status_known', sql`${t.status} in ('matched', 'sent', 'failed', 'skipped')`),
  ],
);

/** Hashes of write keys generated on first start (keys from API_KEYS are never stored). */
export const apiKeys = pgTable('api_keys', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  keyHash: text('key_hash').notNull().unique(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
