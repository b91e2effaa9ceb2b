import { sql } from 'drizzle-orm';
import { bigint, check, index, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { articles } from './articles';
import { events } from './events';

/**
 * An analyst's merge or split of events: who (the write key's reviewer id), why and when. The
 * automatic clustering reads these back (through event_decision_articles) so it never undoes one.
 */
export const eventDecisions = pgTable(
  'event_decisions',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    kind: text('kind').$type<'merge' | 'split'>().notNull(),
    /** The event acted on: the survivor of a merge, the event a split took articles from. */
    eventId: bigint('event_id', { mode: 'number' })
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    /** A merge: the events merged into event_id. */
    mergedEventIds: jsonb('merged_event_ids').$type<number[]>().notNull().default([]),
    /** A split: the new event the articles left into. */
    newEventId: bigint('new_event_id', { mode: 'number' }).references(() => events.id, { onDelete: 'set null' }),
    /** A merge: every article of the merged event; a split: the articles split off. */
    articleIds: jsonb('article_ids').$type<number[]>().notNull().default([]),
    reviewer: text('reviewer').notNull(),
    reason: text('reason').notNull(),
    decidedAt: timestamp('decided_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('event_decisions_event').on(t.eventId), check('event_decisions_kind_known', sql`${t.kind} in ('merge', 'split')`)],
);

/**
 * Each article an analyst placed, by decision: the cluster stage leaves such an article where it
 * is, and never merges it back into the event it was split from (from_event_id).
 */
export const eventDecisionArticles = pgTable(
  'event_decision_articles',
  {
    decisionId: bigint('decision_id', { mode: 'number' })
      .notNull()
      .references(() => eventDecisions.id, { onDelete: 'cascade' }),
    articleId: bigint('article_id', { mode: 'number' })
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    /** A split-off article: the event it left, which it is kept apart from. */
    fromEventId: bigint('from_event_id', { mode: 'number' }).references(() => events.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.decisionId] }), index('event_decision_articles_from').on(t.fromEventId)],
);
