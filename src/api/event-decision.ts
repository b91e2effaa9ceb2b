import type { FastifyBaseLogger } from 'fastify';
import { EventDecisionError, mergeEventsByAnalyst, splitEventByAnalyst, type DecisionOutcome } from '../pipeline/cluster/analyst-control';
import type { ApiDeps } from './deps';
import { ApiError } from './errors';
import type { Reassessment } from './record-review';

// One way to merge or split events, shared by POST /api/events/:id/merge|split and the workspace forms.

export type EventDecisionRequest =
  | { kind: 'merge'; eventId: number; otherEventIds: number[]; reviewer: string; reason: string }
  | { kind: 'split'; eventId: number; articleIds: number[]; reviewer: string; reason: string };

/** Applies and records the decision, then asks for the changed events to be verified again. */
export async function decideEvents(
  deps: ApiDeps,
  log: FastifyBaseLogger,
  request: EventDecisionRequest,
): Promise<DecisionOutcome & { reverification: Reassessment }> {
  const db = deps.database.db;
  const by = { reviewer: request.reviewer, reason: request.reason };
  let outcome: DecisionOutcome;
  try {
    outcome =
      request.kind === 'merge'
        ? await mergeEventsByAnalyst(db, request.eventId, request.otherEventIds, by)
        : await splitEventByAnalyst(db, request.eventId, request.articleIds, by);
  } catch (err) {
    if (err instanceof EventDecisionError) throw new ApiError(err.statusCode, err.code, err.message);
    throw err;
  }
  let reverification: Reassessment = 'none';
  if (deps.onEventsChanged && outcome.changed.length) {
    try {
      await deps.onEventsChanged(outcome.changed);
      reverification = 'queued';
    } catch (err) {
      // The decision stands either way; events left unverified are queued again when the system next starts (resumePendingWork).
      log.error({ err, events: outcome.changed }, 'could not queue verification after an event decision');
      reverification = 'failed';
    }
  }
  return { ...outcome, reverification };
}
