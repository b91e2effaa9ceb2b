import { and, asc, desc, eq, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { entities, entityCandidates } from '../schema';
import type { CandidateKind, CandidateStatus, EntityKind } from '../../vocabulary';

// Candidate entities: names a tagger proposed that the registry lacks, and analysts' decisions.

export interface CandidateInput {
  kind: CandidateKind;
  name: string;
  normalized: string;
  mentions: number;
  example: string;
}

export interface CandidateRow {
  id: number;
  kind: string;
  name: string;
  mentionCount: number;
  examples: string[];
  firstSeenAt: Date;
  lastSeenAt: Date;
  status: string;
  decidedBy: string | null;
  decidedAt: Date | null;
  entityId: number | null;
}

const columns = {
  id: entityCandidates.id,
  kind: entityCandidates.kind,
  name: entityCandidates.name,
  mentionCount: entityCandidates.mentionCount,
  examples: entityCandidates.examples,
  firstSeenAt: entityCandidates.firstSeenAt,
  lastSeenAt: entityCandidates.lastSeenAt,
  status: entityCandidates.status,
  decidedBy: entityCandidates.decidedBy,
  decidedAt: entityCandidates.decidedAt,
  entityId: entityCandidates.entityId,
};

const MAX_EXAMPLES = 3;

/**
 * Counts one article's candidates, in one statement: a name already counted for this article
 * (re-extraction) is left alone, so the job stays idempotent.
 */
export async function recordCandidates(db: Db, articleId: number, list: CandidateInput[]): Promise<void> {
  if (list.length === 0) return;
  const article = sql`to_jsonb(${articleId}::bigint)`;
  await db
    .insert(entityCandidates)
    .values(list.map((c) => ({ kind: c.kind, name: c.name, normalized: c.normalized, mentionCount: c.mentions, examples: [c.example], articleIds: [articleId] })))
    .onConflictDoUpdate({
      target: [entityCandidates.kind, entityCandidates.normalized],
      set: {
        mentionCount: sql`${entityCandidates.mentionCount} + excluded.mention_count`,
        examples: sql`(select coalesce(jsonb_agg(e), '[]'::jsonb) from (select e from jsonb_array_elements(${entityCandidates.examples} || excluded.examples) e offset greatest(jsonb_array_length(${entityCandidates.examples} || excluded.examples) - ${MAX_EXAMPLES}, 0)) t)`,
        articleIds: sql`${entityCandidates.articleIds} || ${article}`,
        lastSeenAt: sql`now()`,
      },
      where: sql`not (${entityCandidates.articleIds} @> jsonb_build_array(${articleId}::bigint))`,
    });
}

export interface CandidateListParams {
  status?: CandidateStatus;
  limit: number;
  /** Keyset position: the last (mentionCount, id) of the previous page. */
  after?: { mentions: number; id: number };
}

/** Candidates, most mentioned first, optionally by status. */
export async function listCandidates(db: Db, params: CandidateListParams): Promise<CandidateRow[]> {
  const conditions = [];
  if (params.status) conditions.push(eq(entityCandidates.status, params.status));
  if (params.after) {
    const { mentions, id } = params.after;
    conditions.push(or(lt(entityCandidates.mentionCount, mentions), and(eq(entityCandidates.mentionCount, mentions), sql`${entityCandidates.id} > ${id}`)));
  }
  return db
    .select(columns)
    .from(entityCandidates)
    .where(and(...conditions))
    .orderBy(desc(entityCandidates.mentionCount), asc(entityCandidates.id))
    .limit(params.limit);
}

export type Decision = { status: 'accepted' } | { status: 'rejected' };

/**
 * Records an analyst's decision on a pending candidate. Accepting creates its entity (source
 * "candidate") in the same transaction. Returns undefined for an unknown id, "decided" when
 * the candidate was decided before.
 */
export async function decideCandidate(
  db: Db,
  id: number,
  decision: Decision,
  writer: string,
  /** For an acceptance: the new entity's kind and key, from the candidate. */
  entityFor: (candidate: CandidateRow) => { kind: EntityKind; key: string },
): Promise<CandidateRow | 'decided' | undefined> {
  return db.transaction(async (tx) => {
    const [current] = await tx.select(columns).from(entityCandidates).where(eq(entityCandidates.id, id)).for('update');
    if (!current) return undefined;
    if (current.status !== 'pending') return 'decided';
    let entityId: number | null = null;
    if (decision.status === 'accepted') {
      const { kind, key } = entityFor(current);
      const [row] = await tx
        .insert(entities)
        .values({ key, name: current.name, kind, aliases: [], source: 'candidate' })
        .onConflictDoUpdate({ target: entities.key, set: { name: current.name } })
        .returning({ id: entities.id });
      entityId = row.id;
    }
    const [updated] = await tx
      .update(entityCandidates)
      .set({ status: decision.status, decidedBy: writer, decidedAt: new Date(), entityId })
      .where(eq(entityCandidates.id, id))
      .returning(columns);
    return updated;
  });
}

/** Entities created by accepting candidates: matching finds them like registry entries. */
export async function acceptedCandidateEntities(db: Db): Promise<{ key: string; name: string; kind: EntityKind; aliases: string[] }[]> {
  const rows = await db
    .select({ key: entities.key, name: entities.name, kind: entities.kind, aliases: entities.aliases })
    .from(entities)
    .where(eq(entities.source, 'candidate'))
    .orderBy(asc(entities.id));
  return rows.map((r) => ({ ...r, kind: r.kind as EntityKind }));
}
