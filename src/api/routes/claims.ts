import type { FastifyInstance } from 'fastify';
import { evidenceOfClaim, getClaim, listClaims } from '../../db/queries/claims';
import { resolveEntityIds } from '../../db/queries/entities';
import { reviewsOfClaim } from '../../db/queries/reviews';
import { bearerSecurity } from '../auth';
import { decodeCursor } from '../cursor';
import { historyOfClaim } from '../../db/queries/status-changes';
import type { RouteOptions } from '../deps';
import { errorResponses, notFound } from '../errors';
import { paginate } from '../present';
import { recordReview } from '../record-review';
import { typed } from '../type-provider';
import { confidence, cursorParam, idParam, limitParam, pageOf, statusEnum } from '../schemas';

// Claims with the reasons behind their scores, and the analyst review trail that can overrule them.

const claimsQuery = {
  type: 'object',
  properties: {
    event: { ...idParam, description: 'Event id.' },
    entity: { type: 'string', minLength: 1, maxLength: 200, description: 'Entity id, or name/alias (any case).' },
    status: statusEnum,
    minConfidence: { ...confidence, description: 'Only claims at least this confident (0-1).' },
    limit: limitParam,
    cursor: cursorParam,
  },
} as const;

const idParams = { type: 'object', required: ['id'], properties: { id: idParam } } as const;

const reviewBody = {
  type: 'object',
  required: ['status'],
  additionalProperties: false,
  properties: {
    status: { ...statusEnum, description: 'The analyst verdict.' },
    note: { type: ['string', 'null'], maxLength: 4000, description: 'Why: kept in the audit trail.' },
  },
} as const;

const reviewCreated = {
  type: 'object',
  description: 'The stored review; reassessment says whether the claim was queued for re-assessment.',
  allOf: [{ $ref: 'Review#' }],
  properties: { reassessment: { type: 'string', enum: ['queued', 'failed', 'none'] } },
} as const;

/** GET /api/claims, GET /api/claims/:id and POST /api/claims/:id/reviews. */
export default async function claimRoutes(fastify: FastifyInstance, { deps, writeKey, limits }: RouteOptions): Promise<void> {
  const app = typed(fastify);
  const db = deps.database.db;

  app.get(
    '/api/claims',
    {
      schema: {
        tags: ['claims'],
        summary: 'Claims, newest first, with filters and keyset paging (evidence only in the detail)',
        querystring: claimsQuery,
        response: { 200: pageOf('Claim'), ...errorResponses(400) },
      },
    },
    async (request) => {
      const q = request.query;
      const beforeId = q.cursor !== undefined ? decodeCursor(q.cursor, { i: 'id' }).i : undefined;
      const entityIds = q.entity !== undefined ? await resolveEntityIds(db, q.entity) : undefined;
      const rows = await listClaims(db, {
        eventId: q.event,
        entityIds,
        status: q.status,
        minConfidence: q.minConfidence,
        limit: q.limit + 1,
        beforeId,
      });
      return paginate(rows, q.limit, (last) => ({ i: last.id }));
    },
  );

  app.get(
    '/api/claims/:id',
    {
      schema: {
        tags: ['claims'],
        summary: 'One claim with its evidence, explanation and reviews',
        params: idParams,
        response: { 200: { $ref: 'ClaimDetail#' }, ...errorResponses(400, 404) },
      },
    },
    async (request) => {
      const claim = await getClaim(db, request.params.id);
      if (!claim) throw notFound(`claim ${request.params.id} does not exist`);
      const [evidence, reviews, history] = await Promise.all([evidenceOfClaim(db, claim.id), reviewsOfClaim(db, claim.id), historyOfClaim(db, claim.id)]);
      return { ...claim, evidence, reviews, history };
    },
  );

  app.post(
    '/api/claims/:id/reviews',
    {
      onRequest: writeKey,
      config: { rateLimit: limits.writes },
      schema: {
        tags: ['claims'],
        summary: 'Record an analyst verdict on a claim (audit trail; the newest verdict counts)',
        security: bearerSecurity,
        params: idParams,
        body: reviewBody,
        response: { 201: reviewCreated, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const review = await recordReview(deps, request.log, {
        claimId: request.params.id,
        status: request.body.status,
        note: request.body.note ?? null,
        reviewer: request.writer ?? 'unknown',
      });
      if (!review) throw notFound(`claim ${request.params.id} does not exist`);
      return reply.code(201).send(review);
    },
  );
}
