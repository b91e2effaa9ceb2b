import { and, asc, eq, gt, gte, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { claims, statusChanges, subscriptionChanges } from '../schema';

// The status history of claims and events (written by saveAssessments) and which changes each alert subscriber was given.

export type StatusChangeRow = typeof statusChanges.$inferSelect;

/** A claim's history, oldest first. */
export async function historyOfClaim(db: Db, claimId: number) {
  return db
    .select({
      changedAt: statusChanges.changedAt,
      previousStatus: statusChanges.previousStatus,
      status: statusChanges.status,
      previousConfidence: statusChanges.previousConfidence,
      confidence: statusChanges.confidence,
      actor: statusChanges.actor,
      reason: statusChanges.reason,
    })
    .from(statusChanges)
    .where(eq(statusChanges.claimId, claimId))
    .orderBy(asc(statusChanges.id));
}

// What an alert is about: an event appearing, or a status (not just a confidence) moving.
const alertable = sql`((${statusChanges.subject} = 'event' and ${statusChanges.previousStatus} is null)
  or (${statusChanges.previousStatus} is not null and ${statusChanges.previousStatus} <> ${statusChanges.status}))`;

/** An event's changes worth an alert, made at or after `since`, oldest first. */
export async function alertableChangesOfEvent(db: Db, eventId: number, since: Date): Promise<StatusChangeRow[]> {
  return db
    .select()
    .from(statusChanges)
    .where(and(eq(statusChanges.eventId, eventId), gte(statusChanges.changedAt, since), alertable))
    .orderBy(asc(statusChanges.id));
}

/** Status changes (not confidence-only ones) of the given events inside (from, to], oldest first. */
export async function statusMovesBetween(db: Db, eventIds: number[], from: Date, to: Date) {
  if (eventIds.length === 0) return [];
  return db
    .select({
      id: statusChanges.id,
      eventId: statusChanges.eventId,
      claimId: statusChanges.claimId,
      subject: statusChanges.subject,
      previousStatus: statusChanges.previousStatus,
      status: statusChanges.status,
      reason: statusChanges.reason,
      changedAt: statusChanges.changedAt,
    })
    .from(statusChanges)
    .where(and(inArray(statusChanges.eventId, eventIds), gt(statusChanges.changedAt, from), lte(statusChanges.changedAt, to), alertable))
    .orderBy(asc(statusChanges.id));
}

/** Gives changes to a subscriber; returns the ids that were new to it (a change is given once). */
export async function giveChanges(db: Db, subscriptionId: string, changeIds: number[]): Promise<number[]> {
  if (changeIds.length === 0) return [];
  const rows = await db
    .insert(subscriptionChanges)
    .values(changeIds.map((changeId) => ({ subscriptionId, changeId })))
    .onConflictDoNothing()
    .returning({ changeId: subscriptionChanges.changeId });
  return rows.map((r) => r.changeId);
}

/** The changes a subscriber was given that no message carries yet, with the claim text, oldest first. */
export async function waitingChanges(db: Db, subscriptionId: string) {
  return db
    .select({
      id: statusChanges.id,
      eventId: statusChanges.eventId,
      claimId: statusChanges.claimId,
      claimText: claims.text,
      subject: statusChanges.subject,
      previousStatus: statusChanges.previousStatus,
      status: statusChanges.status,
      confidence: statusChanges.confidence,
      reason: statusChanges.reason,
      changedAt: statusChanges.changedAt,
    })
    .from(subscriptionChanges)
    .innerJoin(statusChanges, eq(statusChanges.id, subscriptionChanges.changeId))
    .leftJoin(claims, eq(claims.id, statusChanges.claimId))
    .where(and(eq(subscriptionChanges.subscriptionId, subscriptionId), isNull(subscriptionChanges.outboxId)))
    .orderBy(asc(statusChanges.id));
}

/** The oldest change a subscriber was given that no message carries yet (it names the next alert batch). */
export async function oldestWaitingChange(db: Db, subscriptionId: string): Promise<number | undefined> {
  const [row] = await db
    .select({ id: subscriptionChanges.changeId })
    .from(subscriptionChanges)
    .where(and(eq(subscriptionChanges.subscriptionId, subscriptionId), isNull(subscriptionChanges.outboxId)))
    .orderBy(asc(subscriptionChanges.changeId))
    .limit(1);
  return row?.id;
}
