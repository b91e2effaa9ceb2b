import { sql } from 'drizzle-orm';
import { bigint, check, type AnyPgColumn, customType, index, integer, jsonb, pgTable, real, text, timestamp } from 'drizzle-orm/pg-core';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });
import { CLAIM_STATUSES, type ClaimStatus } from '../../vocabulary';
import { sqlList } from './sql-list';

/** One real-world story, however many outlets carry it. */
export const events = pgTable(
  'events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    title: text('title').notNull(),
    /** Every article title so far: the cluster stage compares new articles against them. */
    titles: jsonb('titles').$type<string[]>().notNull().default([]),
    /** Full-text index over all titles: finds candidate events for a new article and serves `q`. */
    search: tsvector('search'),
    /** Summed headline-and-lead term counts of the members: the event's profile for matching. */
    terms: jsonb('terms').$type<Record<string, number>>().notNull().default({}),
    /** A digest of `terms`: the cluster stage keeps profiles it has parsed by it (queries/event-clusters.ts). */
    termsDigest: text('terms_digest').notNull().generatedAlwaysAs(sql`md5(terms::text)`),
    /** Sources of the members: one outlet's own articles alone make weaker evidence of one story. */
    sourceIds: jsonb('source_ids').$type<string[]>().notNull().default([]),
    entityKeys: jsonb('entity_keys').$type<string[]>().notNull().default([]),
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    articleCount: integer('article_count').notNull().default(0),
    originCount: integer('origin_count').notNull().default(0),
    status: text('status').$type<ClaimStatus>().notNull().default('unverified'),
    confidence: real('confidence').notNull().default(0),
    /** Bumped whenever an article joins or leaves, so each change gets its own verify job. */
    revision: integer('revision').notNull().default(0),
    verifiedRevision: integer('verified_revision').notNull().default(0),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    /** Set when this event was merged into another: its id answers with that event. */
    mergedInto: bigint('merged_into', { mode: 'number' }).references((): AnyPgColumn => events.id, { onDelete: 'set null' }),
  },
  (t) => [
    // The list order (newest first, id breaking ties) read straight off the index, scanned
    // backwards: a page is its first rows, with no sort. since/until ranges use it too.
    index('events_last_seen_id').on(t.lastSeenAt, t.id),
    index('events_search').using('gin', t.search),
    check('events_status_known', sql.raw(`status in (${sqlList(CLAIM_STATUSES)})`)),
    check('events_confidence_range', sql`${t.confidence} between 0 and 1`),
  ],
);
