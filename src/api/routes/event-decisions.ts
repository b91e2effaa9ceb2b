import type { FastifyInstance } from 'fastify';
import { bearerSecurity } from '../auth';
import type { RouteOptions } from '../deps';
import { badRequest, errorResponses } from '../errors';
import { decideEvents } from '../event-decision';
import { idParam } from '../schemas';

// An analyst's control over events: merge several into one, split articles off into a new one.
// Recorded with who (the write key's reviewer id), why and when; the clustering never undoes it.

const idParams = { type: 'object', required: ['id'], properties: { id: idParam } } as const;
// Optional, so the contract's original `{into}` and `{articleIds}` bodies keep working; blank is refused.
const reason = { type: 'string', minLength: 1, maxLength: 4000, pattern: '\\S', description: 'Why: kept with the decision (recorded as "no reason given" when absent).' } as const;
const NO_REASON = 'no reason given';
const ids = (description: string) => ({ type: 'array', minItems: 1, maxItems: 500, items: idParam, description }) as const;

// DESIGN.md: `{into}` merges this event into that one. Added: `{events}` merges those into this one.
const mergeBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    into: { ...idParam, description: 'The event this one is merged into; this id then answers with it.' },
    events: ids('Added to the contract: the events merged into this one; their ids then answer with it.'),
    reason,
  },
} as const;

const splitBody = {
  type: 'object',
  required: ['articleIds'],
  additionalProperties: false,
  properties: { articleIds: ids('Articles of this event that leave into a new event (not all of them).'), reason },
} as const;

const eventDecision = {
  type: 'object',
  description: 'An analyst merge or split as recorded; reverification says whether the changed events were queued for verification.',
  required: ['id', 'kind', 'eventId', 'mergedEventIds', 'newEventId', 'articleIds', 'reviewer', 'reason', 'decidedAt', 'changedEvents', 'reverification'],
  properties: {
    id: { type: 'integer' },
    kind: { type: 'string', enum: ['merge', 'split'] },
    eventId: { type: 'integer', description: 'The merge survivor, or the event a split took articles from.' },
    mergedEventIds: { type: 'array', items: { type: 'integer' } },
    newEventId: { type: ['integer', 'null'], description: 'A split: the new event.' },
    articleIds: { type: 'array', items: { type: 'integer' }, description: 'A merge: every article of the merged event; a split: those split off.' },
    reviewer: { type: 'string', description: "The write key's reviewer id." },
    reason: { type: 'string' },
    decidedAt: { type: 'string', format: 'date-time' },
    changedEvents: { type: 'array', items: { type: 'object', properties: { id: { type: 'integer' }, revision: { type: 'integer' } } } },
    reverification: { type: 'string', enum: ['queued', 'failed', 'none'] },
  },
} as const;

/** POST /api/events/:id/merge and POST /api/events/:id/split. */
export default async function eventDecisionRoutes(app: FastifyInstance, { deps, writeKey, limits }: RouteOptions): Promise<void> {
  const guarded = { onRequest: writeKey, config: { rateLimit: limits.writes } };
  const respond = (outcome: Awaited<ReturnType<typeof decideEvents>>) => ({
    ...outcome.decision,
    changedEvents: outcome.changed,
    reverification: outcome.reverification,
  });

  app.post<{ Params: { id: number }; Body: { into?: number; events?: number[]; reason?: string } }>(
    '/api/events/:id/merge',
    {
      ...guarded,
      schema: {
        tags: ['events'],
        summary: 'Merge this event into `into`, or `events` into this one (analyst decision, recorded; automatic clustering never splits it again)',
        security: bearerSecurity,
        params: idParams,
        body: mergeBody,
        response: { 201: eventDecision, ...errorResponses(400, 401, 403, 404, 429) },
      },
    },
    async (request, reply) => {
      const { into, events } = request.body;
      if ((into === undefined) === (events === undefined)) throw badRequest('body must have exactly one of "into" (merge this event into it) or "events" (merge them into this one)');
      const outcome = await decideEvents(deps, request.log, {
        kind: 'merge',
        eventId: into ?? request.params.id,
        otherEventIds: into !== undefined ? [request.params.id] : events!,
        reviewer: request.writer ?? 'unknown',
        reason: request.body.reason?.trim() ?? NO_REASON,
      });
      return reply.code(201).send(respond(outcome));
    },
  );

  app.post<{ Params: { id: number }; Body: { articleIds: number[]; reason?: string } }>(
    '/api/events/:id/split',
    {
      ...guarded,
      schema: {
        tags: ['events'],
        summary: 'Split articles off this event into a new one (analyst decision, recorded; never put back automatically)',
        security: bearerSecurity,
        params: idParams,
        body: splitBody,
        response: { 201: eventDecision, ...errorResponses(400, 401, 403, 404, 429) },
      },
    },
    async (request, reply) => {
      const outcome = await decideEvents(deps, request.log, {
        kind: 'split',
        eventId: request.params.id,
        articleIds: request.body.articleIds,
        reviewer: request.writer ?? 'unknown',
        reason: request.body.reason?.trim() ?? NO_REASON,
      });
      return reply.code(201).send(respond(outcome));
    },
  );
}
