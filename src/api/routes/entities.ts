import type { FastifyInstance } from 'fastify';
import { getEntity, listEntities } from '../../db/queries/entities';
import { listEventsWithRefs } from '../../db/queries/events';
import { ENTITY_KINDS, type EntityKind } from '../../vocabulary';
import { decodeCursor } from '../cursor';
import type { RouteOptions } from '../deps';
import { errorResponses, notFound } from '../errors';
import { paginate } from '../present';
import { cursorParam, idParam, limitParam, pageOf } from '../schemas';

// Entities: who and what the news is about, and the events that name them.

interface EntitiesQuery {
  kind?: EntityKind;
  q?: string;
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

/** GET /api/entities and GET /api/entities/:id. */
export default async function entityRoutes(app: FastifyInstance, { deps }: RouteOptions): Promise<void> {
  const db = deps.database.db;

  app.get<{ Querystring: EntitiesQuery }>(
    '/api/entities',
    {
      schema: {
        tags: ['entities'],
        summary: 'Entities by name, with keyset paging',
        querystring: {
          type: 'object',
          properties: {
            kind: { type: 'string', enum: [...ENTITY_KINDS] },
            q: { type: 'string', minLength: 1, maxLength: 200, description: 'Substring of the name or an alias (any case).' },
            limit: limitParam,
            cursor: cursorParam,
          },
        },
        response: { 200: pageOf('Entity'), ...errorResponses(400) },
      },
    },
    async (request) => {
      const q = request.query;
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
        params: { type: 'object', required: ['id'], properties: { id: idParam } },
        response: { 200: entityDetail, ...errorResponses(400, 404) },
      },
    },
    async (request) => {
      const entity = await getEntity(db, request.params.id);
      if (!entity) throw notFound(`entity ${request.params.id} does not exist`);
      return { ...entity, events: await listEventsWithRefs(db, { entityIds: [entity.id], limit: EVENTS_PER_ENTITY }) };
    },
  );
}
