import { and, asc, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import type { ClaimPredicate, ClaimStatus } from '../../vocabulary';
import type { Db } from '../client';
import { articles, claimEvidence, claims, sources, type ClaimOrigin, type ExplanationFactor, type StoredClaimEntity } from '../schema';

// Reads for the claims aggregate: filtered listing, one claim, and its evidence with provenance.

export interface ClaimRow {
  id: number;
  eventId: number;
  text: string;
  status: ClaimStatus;
  confidence: number;
  origins: ClaimOrigin[];
  explanation: ExplanationFactor[];
  subject: StoredClaimEntity | null;
  predicate: ClaimPredicate | null;
  objects: StoredClaimEntity[];
  createdAt: Date;
  assessedAt: Date;
  evidenceCount: number;
}

export interface ClaimListParams {
  eventId?: number;
  /** Any of these entities: the claim's own entity keys, or its event's entities when it has none. */
  entityIds?: number[];
  status?: ClaimStatus;
  minConfidence?: number;
  limit: number;
  /** Keyset position: the last id of the previous page (ids descend). */
  beforeId?: number;
}

// Subqueries name outer columns as table.column: drizzle renders ${col} unqualified in a
// single-table select, and an unqualified "id" would bind to the subquery's own table.
const claimColumns = {
  id: claims.id,
  eventId: claims.eventId,
  text: claims.text,
  status: claims.status,
  confidence: claims.confidence,
  origins: claims.origins,
  explanation: claims.explanation,
  subject: claims.subject,
  predicate: claims.predicate,
  objects: claims.objects,
  createdAt: claims.createdAt,
  assessedAt: claims.assessedAt,
  evidenceCount: sql<number>`(select count(*)::int from claim_evidence ce where ce.claim_id = claims.id)`.mapWith(
    Number,
  ),
};

function entityCondition(entityIds: number[]): SQL {
  const ids = sql`(${sql.join(
    entityIds.map((id) => sql`${id}`),
    sql`, `,
  )})`;
  // A claim without entity keys of its own is taken to be about its event's entities.
  return sql`(exists (select 1 from entities en where en.id in ${ids}
      and claims.entity_keys @> jsonb_build_array(en.key))
    or (jsonb_array_length(claims.entity_keys) = 0 and exists (
      select 1 from articles a join article_entities ae on ae.article_id = a.id
      where a.event_id = claims.event_id and ae.entity_id in ${ids})))`;
}

/** Claims newest first (id desc), filtered, one page before the keyset position. */
export async function listClaims(db: Db, params: ClaimListParams): Promise<ClaimRow[]> {
  if (params.entityIds && params.entityIds.length === 0) return [];
  const c: SQL[] = [];
  if (params.eventId !== undefined) c.push(eq(claims.eventId, params.eventId));
  if (params.entityIds) c.push(entityCondition(params.entityIds));
  if (params.status) c.push(eq(claims.status, params.status));
  if (params.minConfidence !== undefined) c.push(gte(claims.confidence, params.minConfidence));
  if (params.beforeId !== undefined) c.push(lt(claims.id, params.beforeId));
  return db
    .select(claimColumns)
    .from(claims)
    .where(and(...c))
    .orderBy(desc(claims.id))
    .limit(params.limit);
}

/** Every claim of one event, most confident first. */
export async function claimsOfEvent(db: Db, eventId: number): Promise<ClaimRow[]> {
  return db
    .select(claimColumns)
    .from(claims)
    .where(eq(claims.eventId, eventId))
    .orderBy(desc(claims.confidence), asc(claims.id));
}

/** One claim by id, or undefined. */
export async function getClaim(db: Db, id: number): Promise<ClaimRow | undefined> {
  const [row] = await db.select(claimColumns).from(claims).where(eq(claims.id, id));
  return row;
}

export interface EvidenceRow {
  articleId: number;
  sentence: string;
  stance: string;
  hedged: boolean;
  origin: string | null;
  primary: boolean;
  sourceId: string;
  sourceName: string;
  sourceTrust: number;
  url: string;
  title: string;
  publishedAt: Date | null;
}

/** A claim's evidence sentences with the article and source each came from, primary sources first. */
export async function evidenceOfClaim(db: Db, claimId: number): Promise<EvidenceRow[]> {
  return db
    .select({
      articleId: claimEvidence.articleId,
      sentence: claimEvidence.sentence,
      stance: claimEvidence.stance,
      hedged: claimEvidence.hedged,
      origin: claimEvidence.origin,
      primary: claimEvidence.primary,
      sourceId: sources.id,
      sourceName: sources.name,
      sourceTrust: sources.trust,
      url: articles.url,
      title: articles.title,
      publishedAt: articles.publishedAt,
    })
    .from(claimEvidence)
    .innerJoin(articles, eq(articles.id, claimEvidence.articleId))
    .innerJoin(sources, eq(sources.id, articles.sourceId))
    .where(eq(claimEvidence.claimId, claimId))
    // Article order breaks ties: evidence rows that stayed keep older ids than the ones written since.
    .orderBy(desc(claimEvidence.primary), desc(sources.trust), asc(claimEvidence.articleId), asc(claimEvidence.id));
}
