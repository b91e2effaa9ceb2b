import { and, asc, eq, inArray, notInArray, sql } from 'drizzle-orm';
import type { ClaimStatus, Stance } from '../../vocabulary';
import type { Db } from '../client';
import { articles, claimEvidence, claimReviews, claims, events, sources, statusChanges } from '../schema';
import type { ClaimOrigin, ExplanationFactor } from '../schema/claims';

// Writes and stage reads for claims as the verify stage assesses them.

const EVIDENCE_BATCH = 500;

/** What verification weighs of an article: text, attribution, syndication, and its source's standing. */
export const verificationColumns = {
  id: articles.id,
  title: articles.title,
  origin: articles.origin,
  claimCandidates: articles.claimCandidates,
  duplicateOf: articles.duplicateOf,
  articleType: articles.articleType,
  ownSourcing: articles.ownSourcing,
  publishedAt: articles.publishedAt,
  fetchedAt: articles.fetchedAt,
  summary: articles.summary,
  extra: articles.extra,
  sourceId: sources.id,
  sourceName: sources.name,
  sourceTrust: sources.trust,
  sourceCategory: sources.category,
  sourceOwner: sources.owner,
};

/** How soon an event may be verified again: a pause per article since its last verification, up to a cap. */
export interface VerificationPace {
  perArticleMs: number;
  maxMs: number;
}

/**
 * Where an event's verification stands: its revision, the one verified last, and how long until
 * `pace` lets it be verified again (0 when no pace is given or the pause is over). The pause is
 * counted on the database's clock, the one verified_at is compared with.
 */
export async function verificationState(db: Db, eventId: number, pace?: VerificationPace) {
  const waitMs = pace
    ? // (greatest and least skip nulls: a never verified event is tested for apart.)
      sql<number>`case when ${events.verifiedAt} is null then 0
        else greatest(0, least(${pace.maxMs}, extract(epoch from (${events.verifiedAt} - now())) * 1000 + ${events.articleCount} * ${pace.perArticleMs})) end::float8`
    : sql<number>`0::float8`;
  const [event] = await db
    .select({ id: events.id, revision: events.revision, verifiedRevision: events.verifiedRevision, waitMs })
    .from(events)
    .where(eq(events.id, eventId));
  return event && { ...event, waitMs: Math.ceil(Number(event.waitMs)) };
}

/** An event's articles with what verification weighs (verificationColumns), oldest first. */
export async function articlesForVerification(db: Db, eventId: number) {
  return db
    .select(verificationColumns)
    .from(articles)
    .innerJoin(sources, eq(sources.id, articles.sourceId))
    .where(eq(articles.eventId, eventId))
    .orderBy(asc(articles.id));
}

/** Analyst reviews of an event's claims, oldest first, by claim key. */
export async function reviewsOfEvent(
  db: Db,
  eventId: number,
): Promise<Map<string, { status: ClaimStatus; note: string | null; reviewer: string; createdAt: Date }[]>> {
  const rows = await db
    .select({ key: claims.claimKey, status: claimReviews.status, note: claimReviews.note, reviewer: claimReviews.reviewer, createdAt: claimReviews.createdAt })
    .from(claimReviews)
    .innerJoin(claims, eq(claims.id, claimReviews.claimId))
    .where(eq(claims.eventId, eventId))
    .orderBy(asc(claimReviews.createdAt), asc(claimReviews.id));
  const byKey = new Map<string, { status: ClaimStatus; note: string | null; reviewer: string; createdAt: Date }[]>();
  for (const row of rows) byKey.set(row.key, [...(byKey.get(row.key) ?? []), row]);
  return byKey;
}

export interface AssessedClaim {
  key: string;
  text: string;
  status: ClaimStatus;
  confidence: number;
  origins: ClaimOrigin[];
  explanation: ExplanationFactor[];
  entityKeys: string[];
  /** The claim's structure (absent parts stay null or empty). */
  structure: Pick<typeof claims.$inferInsert, 'subject' | 'predicate' | 'objects' | 'amounts' | 'dates' | 'polarity'>;
  /** Who set the status: `rule`, or the analyst whose review holds it; and why, in a line (for the history). */
  actor: string;
  reason: string;
  evidence: { articleId: number; sentence: string; stance: Stance; hedged: boolean; origin: string | null; primary: boolean }[];
}

// Confidence moves below this are rounding noise, not a change worth a history row.
const CONFIDENCE_EPSILON = 1e-4;
const changed = (before: { status: string; confidence: number } | undefined, after: { status: string; confidence: number }) =>
  !before || before.status !== after.status || Math.abs(before.confidence - after.confidence) > CONFIDENCE_EPSILON;

/** Comparable form of a stored or assessed value: keys sorted (jsonb reorders them), absent as null. */
function canonical(value: unknown): string {
  return JSON.stringify(value ?? null, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined).sort(([a], [b]) => (a < b ? -1 : 1))) : v ?? null,
  );
}
// Status and confidence are compared by `changed` (confidence within its epsilon); this is the rest.
const claimContent = (c: Pick<AssessedClaim, 'text' | 'origins' | 'explanation' | 'entityKeys' | 'structure'>) =>
  canonical([c.text, c.origins, c.explanation, c.entityKeys, c.structure.subject, c.structure.predicate, c.structure.objects ?? [], c.structure.amounts ?? [], c.structure.dates ?? [], c.structure.polarity ?? 'affirmed']);
const evidenceContent = (e: Omit<AssessedClaim['evidence'][number], 'articleId'>) => canonical([e.sentence, e.stance, e.hedged, e.origin, e.primary]);

/**
 * Replaces an event's claims with a fresh assessment in one transaction. Only what changed is
 * written: a claim whose assessment is the same keeps its row (and its assessedAt, the time of
 * the assessment that still holds), an evidence sentence that is the same stays. A big event is
 * verified again for every few articles that join, and most of its claims and evidence stay as
 * they were. Claims that lost all evidence are deleted unless an analyst reviewed them (the
 * audit trail stays). The event's own status, confidence and origin count are updated with the
 * revision that was verified. Every change of status or confidence (of a claim or the event) is
 * appended to status_changes in the same transaction, so the history never disagrees with the
 * current assessment. An assessment of a revision older than the one already stored (two jobs
 * of one event finishing out of order) changes nothing.
 */
export async function saveAssessments(
  db: Db,
  eventId: number,
  revision: number,
  assessed: AssessedClaim[],
  summary: { status: ClaimStatus; confidence: number; originCount: number; actor: string; reason: string },
  /** Other events whose evidence this assessment changed (a document they await): they get a new revision. */
  touch: number[] = [],
): Promise<{ touched: { id: number; revision: number }[] }> {
  return db.transaction(async (tx) => {
    const keys = assessed.map((c) => c.key);
    // The event's row lock orders two assessments of one event; the later revision wins.
    const [before] = await tx
      .select({ status: events.status, confidence: events.confidence, verifiedAt: events.verifiedAt, verifiedRevision: events.verifiedRevision })
      .from(events)
      .where(eq(events.id, eventId))
      .for('update');
    if (before && before.verifiedRevision >= revision) return { touched: [] };
    const stored = await tx
      .select({
        id: claims.id,
        key: claims.claimKey,
        text: claims.text,
        status: claims.status,
        confidence: claims.confidence,
        origins: claims.origins,
        explanation: claims.explanation,
        entityKeys: claims.entityKeys,
        subject: claims.subject,
        predicate: claims.predicate,
        objects: claims.objects,
        amounts: claims.amounts,
        dates: claims.dates,
        polarity: claims.polarity,
      })
      .from(claims)
      .where(eq(claims.eventId, eventId));
    const previous = new Map(stored.map((c) => [c.key, c]));
    const unchanged = (claim: AssessedClaim) => {
      const prior = previous.get(claim.key);
      return prior !== undefined && !changed(prior, claim) && claimContent({ ...prior, structure: prior }) === claimContent(claim);
    };
    const toWrite = assessed.filter((claim) => !unchanged(claim));
    // One statement per table, not per claim: big events carry hundreds of claims.
    const written = toWrite.length
      ? await tx
          .insert(claims)
          .values(
            toWrite.map((claim) => ({
              eventId,
              claimKey: claim.key,
              text: claim.text,
              status: claim.status,
              confidence: claim.confidence,
              origins: claim.origins,
              explanation: claim.explanation,
              entityKeys: claim.entityKeys,
              ...claim.structure,
            })),
          )
          .onConflictDoUpdate({
            target: [claims.eventId, claims.claimKey],
            set: {
              text: sql`excluded.text`,
              status: sql`excluded.status`,
              confidence: sql`excluded.confidence`,
              origins: sql`excluded.origins`,
              explanation: sql`excluded.explanation`,
              entityKeys: sql`excluded.entity_keys`,
              subject: sql`excluded.subject`,
              predicate: sql`excluded.predicate`,
              objects: sql`excluded.objects`,
              amounts: sql`excluded.amounts`,
              dates: sql`excluded.dates`,
              polarity: sql`excluded.polarity`,
              assessedAt: new Date(),
            },
          })
          .returning({ id: claims.id, key: claims.claimKey })
      : [];
    const idByKey = new Map([...stored, ...written].map((row) => [row.key, row.id]));
    const assessedKeys = new Set(keys);
    await replaceChangedEvidence(
      tx,
      stored.filter((c) => assessedKeys.has(c.key)).map((c) => c.id),
      assessed.flatMap((claim) => claim.evidence.map((e) => ({ ...e, claimId: idByKey.get(claim.key)! }))),
    );
    const reviewed = tx.select({ id: claimReviews.claimId }).from(claimReviews);
    await tx
      .delete(claims)
      .where(and(eq(claims.eventId, eventId), keys.length ? notInArray(claims.claimKey, keys) : sql`true`, sql`${claims.id} not in (${reviewed})`));
    const history = assessed
      .filter((claim) => changed(previous.get(claim.key), claim))
      .map((claim) => {
        const prior = previous.get(claim.key);
        return {
          eventId,
          claimId: idByKey.get(claim.key)!,
          subject: 'claim',
          previousStatus: prior?.status ?? null,
          status: claim.status,
          previousConfidence: prior?.confidence ?? null,
          confidence: claim.confidence,
          actor: claim.actor,
          reason: claim.reason,
        };
      });
    // An event never verified before has just appeared: its first row has no previous status.
    const eventBefore = before?.verifiedAt ? before : undefined;
    if (before && changed(eventBefore, summary)) {
      history.push({
        eventId,
        claimId: null as unknown as number,
        subject: 'event',
        previousStatus: eventBefore?.status ?? null,
        status: summary.status,
        previousConfidence: eventBefore?.confidence ?? null,
        confidence: summary.confidence,
        actor: summary.actor,
        reason: summary.reason,
      });
    }
    for (let start = 0; start < history.length; start += EVIDENCE_BATCH) {
      await tx.insert(statusChanges).values(history.slice(start, start + EVIDENCE_BATCH));
    }
    await tx
      .update(events)
      .set({
        status: summary.status,
        confidence: summary.confidence,
        originCount: summary.originCount,
        verifiedRevision: sql`greatest(${events.verifiedRevision}, ${revision})`,
        // The database's clock, the one the verification pace is counted on (verificationState).
        verifiedAt: sql`now()`,
      })
      .where(eq(events.id, eventId));
    return { touched: await bumpRevisions(tx, touch) };
  });
}

type EvidenceRow = typeof claimEvidence.$inferInsert & AssessedClaim['evidence'][number];

/**
 * Makes the evidence of the event's claims what `wanted` says, touching only the rows that
 * differ: a sentence no longer there or changed is deleted, a new or changed one inserted.
 * `storedClaims` are the assessed claims the event had before (their evidence is what may be
 * stale); a reviewed claim the assessment no longer has keeps its evidence, as it keeps its row.
 */
async function replaceChangedEvidence(db: Db, storedClaims: number[], wanted: EvidenceRow[]): Promise<void> {
  const keyOf = (claimId: number, articleId: number) => `${claimId}:${articleId}`;
  const current = new Map<string, string>();
  if (storedClaims.length) {
    const rows = await db
      .select({ claimId: claimEvidence.claimId, articleId: claimEvidence.articleId, sentence: claimEvidence.sentence, stance: claimEvidence.stance, hedged: claimEvidence.hedged, origin: claimEvidence.origin, primary: claimEvidence.primary })
      .from(claimEvidence)
      .where(sql`${claimEvidence.claimId} = any(${sql.param(storedClaims)}::bigint[])`);
    for (const row of rows) current.set(keyOf(row.claimId, row.articleId), evidenceContent(row));
  }
  const wantedKeys = new Set(wanted.map((e) => keyOf(e.claimId, e.articleId)));
  const inserts = wanted.filter((e) => current.get(keyOf(e.claimId, e.articleId)) !== evidenceContent(e));
  const replaced = new Set(inserts.map((e) => keyOf(e.claimId, e.articleId)));
  const stale = [...current.keys()].filter((key) => !wantedKeys.has(key) || replaced.has(key));
  if (stale.length) {
    const pairs = stale.map((key) => key.split(':').map(Number));
    await db.execute(sql`
      delete from claim_evidence e using unnest(${sql.param(pairs.map((p) => p[0]))}::bigint[], ${sql.param(pairs.map((p) => p[1]))}::bigint[]) as s(claim_id, article_id)
      where e.claim_id = s.claim_id and e.article_id = s.article_id`);
  }
  for (let start = 0; start < inserts.length; start += EVIDENCE_BATCH) {
    await db.insert(claimEvidence).values(inserts.slice(start, start + EVIDENCE_BATCH));
  }
}

/** Event id and revision of a claim (for re-verification after a review). */
export async function claimEvent(db: Db, claimId: number): Promise<{ eventId: number; revision: number } | undefined> {
  const [row] = await db
    .select({ eventId: claims.eventId, revision: events.revision })
    .from(claims)
    .innerJoin(events, eq(events.id, claims.eventId))
    .where(eq(claims.id, claimId));
  return row;
}

/** Marks events' evidence as changed (a document about them arrived): each gets a new revision to verify. */
async function bumpRevisions(db: Db, eventIds: number[]): Promise<{ id: number; revision: number }[]> {
  if (eventIds.length === 0) return [];
  return db
    .update(events)
    .set({ revision: sql`${events.revision} + 1` })
    .where(and(inArray(events.id, eventIds), sql`${events.mergedInto} is null`))
    .returning({ id: events.id, revision: events.revision });
}
