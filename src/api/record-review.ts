import type { FastifyBaseLogger } from 'fastify';
import { addReview, type ReviewRow } from '../db/queries/reviews';
import type { ClaimStatus } from '../vocabulary';
import type { ApiDeps } from './deps';

// One way to record an analyst verdict, shared by POST /api/claims/:id/reviews and the workspace form.

export type Reassessment = 'queued' | 'failed' | 'none';

/** Stores the review and asks for the claim to be re-assessed; undefined when the claim does not exist. */
export async function recordReview(
  deps: ApiDeps,
  log: FastifyBaseLogger,
  review: { claimId: number; status: ClaimStatus; note: string | null; reviewer: string },
): Promise<(ReviewRow & { reassessment: Reassessment }) | undefined> {
  const stored = await addReview(deps.database.db, review);
  if (!stored) return undefined;
  let reassessment: Reassessment = 'none';
  if (deps.onReview) {
    try {
      await deps.onReview(stored.claimId);
      reassessment = 'queued';
    } catch (err) {
      // The verdict is stored either way; the claim is re-assessed on its next verify run.
      log.error({ err, claimId: stored.claimId }, 'could not queue re-assessment after review');
      reassessment = 'failed';
    }
  }
  return { ...stored, reassessment };
}
