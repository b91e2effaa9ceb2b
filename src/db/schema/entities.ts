import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, jsonb, pgTable, primaryKey, text, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { articles } from './articles';
import { ENTITY_KINDS, type EntityKind } from '../../vocabulary';
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
  },
  (t) => [check('entities_kind_known', sql.raw(`kind in (${sqlList(ENTITY_KINDS)})`)), index('entities_name').on(t.name)],
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
