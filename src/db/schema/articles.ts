import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, jsonb, pgTable, text, timestamp, unique, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { sources } from './sources';
import { ARTICLE_TYPES, type ArticleType, type ClaimPolarity, type ClaimPredicate, type Stance } from '../../vocabulary';
import { sqlList } from './sql-list';
import { events } from './events';

/** An entity a claim is about: a registry key, or the slug of a proposed candidate. */
export interface StoredClaimEntity {
  key: string;
  name: string;
  candidate?: true;
}

/** A claim as extraction found it, with its structure (see src/pipeline/extract/claims.ts). */
export interface StoredClaimCandidate {
  text: string;
  sentence: string;
  hedged: boolean;
  hedge?: { cues: string[]; strength: 'strong' | 'weak' };
  stance: Stance;
  attribution?: { origin: string; cue: string };
  entityKeys: string[];
  /** Absent on candidates stored before claims had structure: verification derives it from the text. */
  subject?: StoredClaimEntity;
  predicate?: ClaimPredicate;
  objects?: StoredClaimEntity[];
  amounts?: { value: number; unit: string; text: string }[];
  dates?: { value: string; text: string }[];
  polarity?: ClaimPolarity;
  /** Of a claim naming no one: the entity its article names most, whom it is taken to be about. */
  about?: StoredClaimEntity;
}

/**
 * One item as published by one source; the canonical URL makes a story at two tracking URLs one
 * article. A source's guid names its post, so two posts of one feed that link to the same page
 * (a linked item and a sponsor item pointing at one site) are two articles: the first at a link
 * has an empty link_post, a further post of the same source there carries its guid. Another
 * source at a stored link still finds it taken.
 */
export const articles = pgTable(
  'articles',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    sourceId: text('source_id')
      .notNull()
      .references(() => sources.id, { onDelete: 'cascade' }),
    guid: text('guid').notNull(),
    url: text('url').notNull(),
    canonicalUrl: text('canonical_url').notNull(),
    /** Empty for the first post at a canonical URL; the guid of a further post of the same source at it. */
    linkPost: text('link_post').notNull().default(''),
    title: text('title').notNull(),
    summary: text('summary'),
    contentHtml: text('content_html'),
    contentText: text('content_text'),
    author: text('author'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    fetchedAt: timestamp('fetched_at', { withTimezone: true }).notNull().defaultNow(),
    /** Bumped when the source edits the item, so downstream jobs for the new version are new jobs. */
    version: integer('version').notNull().default(1),
    /** The outlet the article attributes its report to ("according to Reuters"), if any. */
    origin: text('origin'),
    /** Set when this article is a syndicated copy of an earlier one. */
    duplicateOf: bigint('duplicate_of', { mode: 'number' }).references((): AnyPgColumn => articles.id, {
      onDelete: 'set null',
    }),
    eventId: bigint('event_id', { mode: 'number' }).references(() => events.id, { onDelete: 'set null' }),
    shingles: jsonb('shingles').$type<number[]>(),
    /** Claim candidates found at extraction, so verifying an event does not re-read every article. */
    claimCandidates: jsonb('claim_candidates').$type<StoredClaimCandidate[]>(),
    /** Report, analysis, explainer, press release, official document or aggregator summary (null before it was classified). */
    articleType: text('article_type').$type<ArticleType>(),
    /** The article has sourcing of its own (people who told this outlet, its own documents). */
    ownSourcing: boolean('own_sourcing').notNull().default(false),
    extra: jsonb('extra').$type<Record<string, unknown>>(),
    extractedAt: timestamp('extracted_at', { withTimezone: true }),
    clusteredAt: timestamp('clustered_at', { withTimezone: true }),
    /** Why the cluster stage put the article in its event: score and signals. */
    clusterReason: jsonb('cluster_reason').$type<Record<string, unknown>>(),
    /** A digest of the text the cluster stage reads: it keeps members' terms by it (pipeline/cluster/member-terms.ts). */
    textDigest: text('text_digest')
      .notNull()
      .generatedAlwaysAs(sql`md5(coalesce(content_text, summary, ''))`),
  },
  (t) => [
    unique('articles_source_guid').on(t.sourceId, t.guid),
    unique('articles_canonical_url_post').on(t.canonicalUrl, t.linkPost),
    index('articles_event').on(t.eventId),
    index('articles_published').on(t.publishedAt),
    index('articles_fetched').on(t.fetchedAt),
    check('articles_type_known', sql.raw(`article_type is null or article_type in (${sqlList(ARTICLE_TYPES)})`)),
  ],
);
