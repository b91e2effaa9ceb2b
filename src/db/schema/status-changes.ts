import { sql } from 'drizzle-orm';
import { bigint, check, index, pgTable, real, text, timestamp } from 'drizzle-orm/pg-core';
import { claims } from './claims';
import { events } from './events';
import { CLAIM_STATUSES } from '../../vocabulary';
import { sqlList } from './sql-list';

const statusList = sqlList(CLAIM_STATUSES);

/**
 * Every change of an event's or a claim's status or confidence, written by the verify stage in
 * the same transaction as the assessment: the claim history the API shows and what alerts deliver.
 * A row with no previous status is the first assessment (for an event: it has just appeared).
 */
export const statusChanges = pgTable(
  'status_changes',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    eventId: bigint('event_id', { mode: 'number' })
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    /** Null for a change of the event itself. Kept (set null) when a claim disappears, so the event's history stays whole. */
    claimId: bigint('claim_id', { mode: 'number' }).references(() => claims.id, { onDelete: 'set null' }),
    subject: text('subject').notNull(),
    previousStatus: text('previous_status'),
    status: text('status').notNull(),
    previousConfidence: real('previous_confidence'),
    confidence: real('confidence').notNull(),
    /** `rule` for the verify stage's own assessment, else the analyst's id. */
    actor: text('actor').notNull(),
    reason: text('reason').notNull(),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('status_changes_event').on(t.eventId, t.id),
    index('status_changes_claim').on(t.claimId, t.id),
    index('status_changes_changed_at').on(t.changedAt),
    check('status_changes_subject_known', sql`${t.subject} in ('event', 'claim')`),
    check('status_changes_status_known', sql.raw(`status in (${statusList})`)),
  ],
);
