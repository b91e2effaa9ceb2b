import { bigint, index, integer, pgTable, primaryKey, smallint, text } from 'drizzle-orm/pg-core';
import { articles } from './articles';

/**
 * Document frequency of each headline-and-lead term over every clustered article, so the
 * cluster stage weighs terms by rarity (IDF) without holding the corpus in memory. The row
 * with the empty term counts the documents.
 */
export const clusterTerms = pgTable('cluster_terms', {
  term: text('term').primaryKey(),
  df: integer('df').notNull().default(0),
});

/**
 * MinHash LSH buckets: one row per band of an article's signature (whole text and lead), so
 * copies are found across the whole archive by an index lookup instead of a scan.
 */
export const articleBands = pgTable(
  'article_bands',
  {
    band: smallint('band').notNull(),
    bucket: integer('bucket').notNull(),
    articleId: bigint('article_id', { mode: 'number' })
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.band, t.bucket, t.articleId] }), index('article_bands_article').on(t.articleId)],
);
