import type { FastifyInstance } from 'fastify';
import type { FromSchema } from 'json-schema-to-ts';
import { listCandidates } from '../../db/queries/entity-candidates';
import { getEntity, listEntities } from '../../db/queries/entities';
import { listEventsWithRefs } from '../../db/queries/events';
import { decodeCursor } from '../cursor';
import type { RouteOptions } from '../deps';
import { CANDIDATE_STATUSES, ENTITY_KINDS } from '../../vocabulary';
import { bearerSecurity } from '../auth';
import { decideEntityCandidate, type CandidateVerdict } from '../decide-candidate';
import { ApiError, errorResponses, notFound } from '../errors';
import { paginate } from '../present';
import { typed } from '../type-provider';
import { cursorParam, idParam, limitParam, pageOf } from '../schemas';

// Entities: who and what the news is about, the events that name them, and the candidates
// (names the registry lacks) that analysts accept or reject.

const EVENTS_PER_ENTITY = 50;

const entityDetail = {
  type: 'object',
  description: `An entity with the newest ${EVENTS_PER_ENTITY} events whose articles name it.`,
  allOf: [{ $ref: 'Entity#' }],
  required: ['events'],
  properties: { events: { type: 'array', items: { $ref: 'Event#' } } },
} as const;

const entitiesPage = {
  ...pageOf('Entity'),
  description: 'Entities, or with candidates=true the pending (or status=) candidates, most mentioned first.',
  properties: { ...pageOf('Entity').properties, items: { type: 'array', items: { anyOf: [{ $ref: 'Entity#' }, { $ref: 'EntityCandidate#' }] } } },
} as const;

const idParams = { type: 'object', required: ['id'], properties: { id: idParam } } as const;

const acceptBody = {
  type: ['object', 'null'],
  additionalProperties: false,
  properties: { kind: { type: 'string', enum: [...ENTITY_KINDS], description: 'Entity kind; default person for people, company for organisations.' } },
} as const;

/** GET /api/entities, GET /api/entities/:id, POST /api/entities/candidates/:id/accept and /reject. */
export default async function entityRoutes(fastify: FastifyInstance, { deps, writeKey, limits }: RouteOptions): Promise<void> {
  const app = typed(fastify);
  const db = deps.database.db;

  app.get(
    '/api/entities',
    {
      schema: {
        tags: ['entities'],
        summary: 'Entities by name, or candidate entities, with keyset paging',
        querystring: {
          type: 'object',
          properties: {
            kind: { type: 'string', enum: [...ENTITY_KINDS] },
            q: { type: 'string', minLength: 1, maxLength: 200, description: 'Substring of the name or an alias (any case).' },
            candidates: { type: 'boolean', description: 'List candidate entities instead: names the tagger proposed that the registry lacks.' },
            status: { type: 'string', enum: [...CANDIDATE_STATUSES], description: 'With candidates=true: this status only (default pending).' },
            limit: limitParam,
            cursor: cursorParam,
          },
        },
        response: { 200: entitiesPage, ...errorResponses(400) },
      },
    },
    async (request) => {
      const q = request.query;
      if (q.candidates) {
        if (q.kind || q.q) throw new ApiError(400, 'bad_request', 'kind and q filter entities, not candidates');
        const after = q.cursor !== undefined ? decodeCursor(q.cursor, { m: 'id', i: 'id' }) : undefined;
        const rows = await listCandidates(db, { status: q.status ?? 'pending', limit: q.limit + 1, after: after && { mentions: after.m, id: after.i } });
        return paginate(rows, q.limit, (last) => ({ m: last.mentionCount, i: last.id }));
      }
      if (q.status) throw new ApiError(400, 'bad_request', 'status applies with candidates=true only');
      const after = q.cursor !== undefined ? decodeCursor(q.cursor, { n: 'text', i: 'id' }) : undefined;
      const rows = await listEntities(db, {
        kind: q.kind,
        q: q.q,
        limit: q.limit + 1,
        after: after && { name: after.n, id: after.i },
      });
      return paginate(rows, q.limit, (last) => ({ n: last.name, i: last.id }));
    },
  );

  app.get(
    '/api/entities/:id',
    {
      schema: {
        tags: ['entities'],
        summary: 'One entity with its newest events',
        params: idParams,
        response: { 200: entityDetail, ...errorResponses(400, 404) },
      },
    },
    async (request) => {
      const entity = await getEntity(db, request.params.id);
      if (!entity) throw notFound(`entity ${request.params.id} does not exist`);
      return { ...entity, events: await listEventsWithRefs(db, { entityIds: [entity.id], limit: EVENTS_PER_ENTITY }) };
    },
  );

  const decide = (decision: CandidateVerdict) =>
    app.post(
      `/api/entities/candidates/:id/${decision}`,
      {
        onRequest: writeKey,
        config: { rateLimit: limits.writes },
        schema: {
          tags: ['entities'],
          summary:
            decision === 'accept'
              ? 'Accept a candidate: it becomes an entity (source "candidate") that matching finds from then on'
              : 'Reject a candidate: it stays listed under status=rejected and is never matched',
          security: bearerSecurity,
          params: idParams,
          ...(decision === 'accept' ? { body: acceptBody } : {}),
          response: { 200: { $ref: 'EntityCandidate#' }, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) => {
        const id = request.params.id;
        // Only accept has a body schema; reject takes none, so its body is typed from accept's.
        const body = request.body as FromSchema<typeof acceptBody> | undefined;
        const result = await decideEntityCandidate(db, id, decision, request.writer ?? 'unknown', body?.kind);
        if (result === undefined) throw notFound(`candidate ${id} does not exist`);
        if (result === 'decided') throw new ApiError(409, 'conflict', `candidate ${id} was already decided`);
        return result;
      },
    );
  decide('accept');
  decide('reject');
}
