import type { FastifyInstance } from 'fastify';
import { decideCandidate, listCandidates } from '../../db/queries/entity-candidates';
import { getEntity, listEntities } from '../../db/queries/entities';
import { listEventsWithRefs } from '../../db/queries/events';
import { decodeCursor } from '../cursor';
import type { RouteOptions } from '../deps';
import { CANDIDATE_STATUSES, ENTITY_KINDS, type CandidateStatus, type EntityKind } from '../../vocabulary';
import { slugify } from '../../text/entities/tokens';
import { bearerSecurity } from '../auth';
import { ApiError, errorResponses, notFound } from '../errors';
import { paginate } from '../present';
import { cursorParam, idParam, limitParam, pageOf } from '../schemas';

// Entities: who and what the news is about, the events that name them, and the candidates
// (names the registry lacks) that analysts accept or reject.

interface EntitiesQuery {
  kind?: EntityKind;
  q?: string;
  candidates?: boolean;
  status?: CandidateStatus;
  limit: number;
  cursor?: string;
}

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

/** GET /api/entities, GET /api/entities/:id, POST /api/entities/candidates/:id/accept and /reject. */
export default async function entityRoutes(app: FastifyInstance, { deps, writeKey, limits }: RouteOptions): Promise<void> {
  const db = deps.database.db;

  app.get<{ Querystring: EntitiesQuery }>(
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

  app.get<{ Params: { id: number } }>(
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

  const decide = (decision: 'accept' | 'reject') =>
    app.post<{ Params: { id: number }; Body: { kind?: EntityKind } | undefined }>(
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
          ...(decision === 'accept'
            ? {
                body: {
                  type: ['object', 'null'],
                  additionalProperties: false,
                  properties: { kind: { type: 'string', enum: [...ENTITY_KINDS], description: 'Entity kind; default person for people, company for organisations.' } },
                },
              }
            : {}),
          response: { 200: { $ref: 'EntityCandidate#' }, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) => {
        const id = request.params.id;
        const result = await decideCandidate(
          db,
          id,
          { status: decision === 'accept' ? 'accepted' : 'rejected' },
          request.writer ?? 'unknown',
          (candidate) => ({ kind: request.body?.kind ?? (candidate.kind === 'person' ? 'person' : 'company'), key: `candidate-${slugify(candidate.name)}-${candidate.id}` }),
        );
        if (result === undefined) throw notFound(`candidate ${id} does not exist`);
        if (result === 'decided') throw new ApiError(409, 'conflict', `candidate ${id} was already decided`);
        return result;
      },
    );
  decide('accept');
  decide('reject');
}
