import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, jsonb, pgTable, real, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { articles } from './articles';
import { events } from './events';
import { CLAIM_POLARITIES, CLAIM_PREDICATES, CLAIM_STATUSES, STANCES, type ClaimPolarity, type ClaimPredicate, type ClaimStatus, type Stance } from '../../vocabulary';
import type { StoredClaimCandidate, StoredClaimEntity } from './articles';
import { sqlList } from './sql-list';

const statusList = sqlList(CLAIM_STATUSES);

export interface ClaimOrigin {
  name: string;
  trust: number;
  articleCount: number;
  /** Whether an article of the origin itself is among the evidence (else it is known only through relays). */
  seenDirectly?: boolean;
  /** Sources that repeated the origin's report, with their own trust. */
  relayedBy?: { sourceId: string; trust: number }[];
}
export interface ExplanationFactor {
  factor: string;
  effect: number;
  detail: string;
}

/** A statement made about the entities of one event, with its current assessment. */
export const claims = pgTable(
  'claims',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    eventId: bigint('event_id', { mode: 'number' })
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    /** Normalised content words: one claim per key within an event. */
    claimKey: text('claim_key').notNull(),
    text: text('text').notNull(),
    status: text('status').$type<ClaimStatus>().notNull().default('unverified'),
    confidence: real('confidence').notNull().default(0),
    origins: jsonb('origins').$type<ClaimOrigin[]>().notNull().default([]),
    explanation: jsonb('explanation').$type<ExplanationFactor[]>().notNull().default([]),
    entityKeys: jsonb('entity_keys').$type<string[]>().notNull().default([]),
    /** Structure (see src/pipeline/extract/claim-structure.ts): null for claims assessed before it existed. */
    subject: jsonb('subject').$type<StoredClaimEntity>(),
    predicate: text('predicate').$type<ClaimPredicate>(),
    objects: jsonb('objects').$type<StoredClaimEntity[]>().notNull().default([]),
    amounts: jsonb('amounts').$type<NonNullable<StoredClaimCandidate['amounts']>>().notNull().default([]),
    dates: jsonb('dates').$type<NonNullable<StoredClaimCandidate['dates']>>().notNull().default([]),
    polarity: text('polarity').$type<ClaimPolarity>().notNull().default('affirmed'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    assessedAt: timestamp('assessed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('claims_event_key').on(t.eventId, t.claimKey),
    check('claims_status_known', sql.raw(`status in (${statusList})`)),
    check('claims_confidence_range', sql`${t.confidence} between 0 and 1`),
    check('claims_predicate_known', sql.raw(`predicate is null or predicate in (${sqlList(CLAIM_PREDICATES)})`)),
    check('claims_polarity_known', sql.raw(`polarity in (${sqlList(CLAIM_POLARITIES)})`)),
  ],
);

/** The sentence in one article that supports or denies a claim. */
export const claimEvidence = pgTable(
  'claim_evidence',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    claimId: bigint('claim_id', { mode: 'number' })
      .notNull()
      .references(() => claims.id, { onDelete: 'cascade' }),
    articleId: bigint('article_id', { mode: 'number' })
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    sentence: text('sentence').notNull(),
    stance: text('stance').$type<Stance>().notNull(),
    hedged: boolean('hedged').notNull(),
    origin: text('origin'),
    primary: boolean('is_primary').notNull().default(false),
  },
  (t) => [
    unique('claim_evidence_claim_article').on(t.claimId, t.articleId),
    index('claim_evidence_article').on(t.articleId),
    check('claim_evidence_stance_known', sql`${t.stance} in (${sql.raw(sqlList(STANCES))})`),
  ],
);

/** Analyst verdicts: an append-only audit trail; the latest one counts. */
export const claimReviews = pgTable(
  'claim_reviews',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    claimId: bigint('claim_id', { mode: 'number' })
      .notNull()
      .references(() => claims.id, { onDelete: 'cascade' }),
    status: text('status').$type<ClaimStatus>().notNull(),
    note: text('note'),
    reviewer: text('reviewer').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('claim_reviews_claim').on(t.claimId, t.createdAt), check('claim_reviews_status_known', sql.raw(`status in (${statusList})`))],
);
