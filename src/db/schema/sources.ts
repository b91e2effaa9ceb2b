import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { FETCH_OUTCOMES, SOURCE_CATEGORIES, SOURCE_KINDS, type FetchOutcome, type SourceCategory, type SourceKind } from '../../vocabulary';
import { sqlList } from './sql-list';

/** Configured sources plus their polling state and health (the scheduler's memory lives here, not in Redis). */
export const sources = pgTable(
  'sources',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    kind: text('kind').$type<SourceKind>().notNull(),
    url: text('url').notNull(),
    trust: integer('trust').notNull(),
    category: text('category').$type<SourceCategory>().notNull(),
    owner: text('owner').notNull(),
    intervalSeconds: integer('interval_seconds').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    /** The rest of the sources.yaml entry (selectors, limits, tags, country, language, fetchFullText). */
    config: jsonb('config').notNull().default({}),
    etag: text('etag'),
    lastModified: text('last_modified'),
    lastFetchedAt: timestamp('last_fetched_at', { withTimezone: true }),
    lastSuccessAt: timestamp('last_success_at', { withTimezone: true }),
    lastErrorClass: text('last_error_class'),
    lastErrorMessage: text('last_error_message'),
    lastHttpStatus: integer('last_http_status'),
    consecutiveFailures: integer('consecutive_failures').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('sources_trust_range', sql`${t.trust} between 0 and 100`),
    check('sources_kind_known', sql`${t.kind} in (${sql.raw(sqlList(SOURCE_KINDS))})`),
    check('sources_category_known', sql`${t.category} in (${sql.raw(sqlList(SOURCE_CATEGORIES))})`),
  ],
);

/** One row per fetch attempt: the source's history, for health and debugging. */
export const fetchLog = pgTable(
  'fetch_log',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    sourceId: text('source_id')
      .notNull()
      .references(() => sources.id, { onDelete: 'cascade' }),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    durationMs: integer('duration_ms').notNull(),
    outcome: text('outcome').$type<FetchOutcome>().notNull(),
    httpStatus: integer('http_status'),
    errorClass: text('error_class'),
    message: text('message'),
    itemsFound: integer('items_found').notNull().default(0),
    itemsNew: integer('items_new').notNull().default(0),
    itemsUpdated: integer('items_updated').notNull().default(0),
    bytes: integer('bytes'),
  },
  (t) => [
    index('fetch_log_source_started').on(t.sourceId, t.startedAt),
    check('fetch_log_outcome_known', sql`${t.outcome} in (${sql.raw(sqlList(FETCH_OUTCOMES))})`),
  ],
);
