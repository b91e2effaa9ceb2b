import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError, badRequest } from '../../api/errors';
import { decideEvents } from '../../api/event-decision';
import { idParam } from '../../api/schemas';
import type { WebOptions } from '../page';

// The event page's merge and split forms: the same decision as POST /api/events/:id/merge|split.

const idParams = { type: 'object', required: ['id'], properties: { id: idParam } } as const;
const reason = { type: 'string', minLength: 1, maxLength: 4000 } as const;
// A form sends one checkbox as a string and several as an array.
const idList = { anyOf: [{ type: 'string', maxLength: 40 }, { type: 'array', maxItems: 500, items: { type: 'string', maxLength: 40 } }] } as const;

async function requireSession(request: FastifyRequest): Promise<void> {
  if (!request.analyst) throw new ApiError(401, 'unauthorized', 'Sign in with a write key to merge or split events.');
}

function ids(field: string, value: string | string[] | undefined): number[] {
  const list = (Array.isArray(value) ? value : value === undefined ? [] : [value]).map((v) => v.trim()).filter(Boolean);
  if (list.length === 0) throw badRequest(`Choose at least one ${field}.`);
  return list.map((v) => {
    if (!/^\d{1,15}$/.test(v) || Number(v) < 1) throw badRequest(`"${v}" is not an ${field} id.`);
    return Number(v);
  });
}

const trimmedReason = (value: string) => {
  const text = value.trim();
  if (!text) throw badRequest('Say why: the reason is kept with the decision.');
  return text;
};

/** POST /events/:id/merge and POST /events/:id/split. */
export default async function eventControlRoutes(app: FastifyInstance, { deps }: WebOptions): Promise<void> {
  const guard = { preValidation: requireSession, preHandler: app.csrfProtection };

  app.post<{ Params: { id: number }; Body: { other: string; reason: string } }>(
    '/events/:id/merge',
    {
      ...guard,
      schema: { params: idParams, body: { type: 'object', required: ['other', 'reason'], properties: { other: { type: 'string', maxLength: 40 }, reason, _csrf: { type: 'string' } } } },
    },
    async (request, reply) => {
      const otherEventIds = ids('event', request.body.other.split(/[\s,]+/));
      const { decision } = await decideEvents(deps, request.log, {
        kind: 'merge',
        eventId: request.params.id,
        otherEventIds,
        reviewer: request.analyst ?? 'unknown',
        reason: trimmedReason(request.body.reason),
      });
      return reply.redirect(`/events/${decision.eventId}?merged=${decision.mergedEventIds.join(',')}`, 303);
    },
  );

  app.post<{ Params: { id: number }; Body: { articleIds?: string | string[]; reason: string } }>(
    '/events/:id/split',
    { ...guard, schema: { params: idParams, body: { type: 'object', required: ['reason'], properties: { articleIds: idList, reason, _csrf: { type: 'string' } } } } },
    async (request, reply) => {
      const { decision } = await decideEvents(deps, request.log, {
        kind: 'split',
        eventId: request.params.id,
        articleIds: ids('article', request.body.articleIds),
        reviewer: request.analyst ?? 'unknown',
        reason: trimmedReason(request.body.reason),
      });
      return reply.redirect(`/events/${decision.eventId}?split=${decision.newEventId}`, 303);
    },
  );
}
