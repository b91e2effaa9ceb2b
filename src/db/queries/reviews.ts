import { desc, eq } from 'drizzle-orm';
import type { ClaimStatus } from '../../vocabulary';
import type { Db } from '../client';
import { claimReviews, claims } from '../schema';

// The analyst review trail of claims: append-only, newest first.

export interface ReviewRow {
  id: number;
  claimId: number;
  status: ClaimStatus;
  note: string | null;
  reviewer: string;
  createdAt: Date;
}

const reviewColumns = {
  id: claimReviews.id,
  claimId: claimReviews.claimId,
  status: claimReviews.status,
  note: claimReviews.note,
  reviewer: claimReviews.reviewer,
  createdAt: claimReviews.createdAt,
};

/** Every review of a claim, newest first (the first one is the verdict that counts). */
export async function reviewsOfClaim(db: Db, claimId: number): Promise<ReviewRow[]> {
  return db
    .select(reviewColumns)
    .from(claimReviews)
    .where(eq(claimReviews.claimId, claimId))
    .orderBy(desc(claimReviews.createdAt), desc(claimReviews.id));
}

/** Stores a review if the claim exists; undefined when it does not. */
export async function addReview(
  db: Db,
  review: { claimId: number; status: ClaimStatus; note: string | null; reviewer: string },
): Promise<ReviewRow | undefined> {
  const [claim] = await db.select({ id: claims.id }).from(claims).where(eq(claims.id, review.claimId));
  if (!claim) return undefined;
  const [row] = await db.insert(claimReviews).values(review).returning(reviewColumns);
  return row;
}
