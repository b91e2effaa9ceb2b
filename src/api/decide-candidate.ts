import type { Db } from '../db/client';
import { decideCandidate, type CandidateRow } from '../db/queries/entity-candidates';
import { slugify } from '../text/entities/tokens';
import type { EntityKind } from '../vocabulary';

// One way to accept or reject an entity candidate, shared by POST /api/entities/candidates/:id/accept
// (and /reject) and the workspace's forms on /entities.

export type CandidateVerdict = 'accept' | 'reject';

/**
 * Records an analyst's decision; accepting creates the entity (the given kind, else person for
 * people and company for organisations). Undefined for an unknown id, "decided" when it was decided before.
 */
export function decideEntityCandidate(
  db: Db,
  id: number,
  verdict: CandidateVerdict,
  writer: string,
  kind?: EntityKind,
): Promise<CandidateRow | 'decided' | undefined> {
  return decideCandidate(db, id, { status: verdict === 'accept' ? 'accepted' : 'rejected' }, writer, (candidate) => ({
    kind: kind ?? (candidate.kind === 'person' ? 'person' : 'company'),
    key: `candidate-${slugify(candidate.name)}-${candidate.id}`,
  }));
}
