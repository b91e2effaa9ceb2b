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

/** An event's articles with what verification weighs (verificationColumns). */
export async function eventForVerification(db: Db, eventId: number) {
  const [event] = await db
    .select({ id: events.id, revision: events.revision, verifiedRevision: events.verifiedRevision })
    .from(events)
    .where(eq(events.id, eventId));
  if (!event) return undefined;
  const rows = await db
    .select(verificationColumns)
    .from(articles)
    .innerJoin(sources, eq(sources.id, articles.sourceId))
    .where(eq(articles.eventId, eventId))
    .orderBy(asc(articles.id));
  return { ...event, articles: rows };
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

/**
 * Replaces an event's claims with a fresh assessment in one transaction. Claims that lost all
 * evidence are deleted unless an analyst reviewed them (the audit trail stays). The event's own
 * status, confidence and origin count are updated with the revision that was verified. Every
 * change of status or confidence (of a claim or the event) is appended to status_changes in the
 * same transaction, so the history never disagrees with the current assessment.
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
    const [before] = await tx
      .select({ status: events.status, confidence: events.confidence, verifiedAt: events.verifiedAt })
      .from(events)
      .where(eq(events.id, eventId));
    const previous = new Map(
      (await tx.select({ key: claims.claimKey, status: claims.status, confidence: claims.confidence }).from(claims).where(eq(claims.eventId, eventId))).map(
        (c) => [c.key, c],
      ),
    );
    // One statement per table, not per claim: big events carry hundreds of claims.
    const rows = assessed.length
      ? await tx
          .insert(claims)
          .values(
            assessed.map((claim) => ({
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
    const idByKey = new Map(rows.map((row) => [row.key, row.id]));
    if (rows.length) await tx.delete(claimEvidence).where(inArray(claimEvidence.claimId, rows.map((r) => r.id)));
    const evidence = assessed.flatMap((claim) => claim.evidence.map((e) => ({ ...e, claimId: idByKey.get(claim.key)! })));
    for (let start = 0; start < evidence.length; start += EVIDENCE_BATCH) {
      await tx.insert(claimEvidence).values(evidence.slice(start, start + EVIDENCE_BATCH));
    }
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
        verifiedAt: new Date(),
      })
      .where(eq(events.id, eventId));
    return { touched: await bumpRevisions(tx, touch) };
  });
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
