import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { articles } from './articles';
import { CANDIDATE_KINDS, CANDIDATE_STATUSES, ENTITY_KINDS, ENTITY_SOURCES, type EntityKind } from '../../vocabulary';
import { sqlList } from './sql-list';


/** Companies, models, agencies, people, outlets and countries named in articles. */
export const entities = pgTable(
  'entities',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    /** Gazetteer slug: the stable identity across restarts. */
    key: text('key').notNull().unique(),
    name: text('name').notNull(),
    kind: text('kind').$type<EntityKind>().notNull(),
    aliases: jsonb('aliases').$type<string[]>().notNull().default([]),
    parentId: bigint('parent_id', { mode: 'number' }).references((): AnyPgColumn => entities.id),
    /** registry: from the registry files; candidate: an analyst accepted a tagged name. */
    source: text('source').notNull().default('registry'),
  },
  (t) => [
    check('entities_kind_known', sql.raw(`kind in (${sqlList(ENTITY_KINDS)})`)),
    check('entities_source_known', sql.raw(`source in (${sqlList(ENTITY_SOURCES)})`)),
    index('entities_name').on(t.name),
  ],
);

/**
 * Names a tagger proposed that the registry does not know, waiting for an analyst: never
 * linked to articles or matched until accepted, when they become an entity (source candidate).
 */
export const entityCandidates = pgTable(
  'entity_candidates',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    /** Folded name (case, accents, "the", possessive): one candidate per kind and spelling. */
    normalized: text('normalized').notNull(),
    mentionCount: integer('mention_count').notNull().default(0),
    /** Up to a few sentences showing the name in use, newest last. */
    examples: jsonb('examples').$type<string[]>().notNull().default([]),
    /** Articles already counted, so re-extracting one adds nothing. */
    articleIds: jsonb('article_ids').$type<number[]>().notNull().default([]),
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    status: text('status').notNull().default('pending'),
    decidedBy: text('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    entityId: bigint('entity_id', { mode: 'number' }).references(() => entities.id, { onDelete: 'set null' }),
  },
  (t) => [
    check('entity_candidates_kind_known', sql.raw(`kind in (${sqlList(CANDIDATE_KINDS)})`)),
    check('entity_candidates_status_known', sql.raw(`status in (${sqlList(CANDIDATE_STATUSES)})`)),
    uniqueIndex('entity_candidates_kind_name').on(t.kind, t.normalized),
    index('entity_candidates_status_seen').on(t.status, t.lastSeenAt),
  ],
);

/** Which article names which entity, and how often. */
export const articleEntities = pgTable(
  'article_entities',
  {
    articleId: bigint('article_id', { mode: 'number' })
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    entityId: bigint('entity_id', { mode: 'number' })
      .notNull()
      .references(() => entities.id, { onDelete: 'cascade' }),
    mentions: integer('mentions').notNull().default(1),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.entityId] }), index('article_entities_entity').on(t.entityId)],
);
