import type { FastifyInstance } from 'fastify';
import type { FromSchema } from 'json-schema-to-ts';
import type { Db } from '../../db/client';
import { claimsOfEvent } from '../../db/queries/claims';
import { resolveEntityIds } from '../../db/queries/entities';
import { currentEventId } from '../../db/queries/event-merges';
import { articlesOfEvent, getEvent, listEventsWithRefs, type EventFilters } from '../../db/queries/events';
import type { RouteOptions } from '../deps';
import { errorResponses, notFound } from '../errors';
import { LAST_INSTANT } from '../formats';
import { eventCursor, paginate, presentEvents, queryDate } from '../present';
import { typed } from '../type-provider';
import { confidence, cursorParam, idParam, limitParam, pageOf, statusEnum } from '../schemas';

// Events: the deduplicated stories, filtered and paged newest first.

const isoDate = (description: string) => ({ type: 'string', format: 'iso-date', maxLength: 40, description }) as const;

export const eventsQuery = {
  type: 'object',
  properties: {
    entity: { type: 'string', minLength: 1, maxLength: 200, description: 'Entity id, or name/alias (any case).' },
    status: statusEnum,
    minConfidence: { ...confidence, description: 'Only events at least this confident (0-1).' },
    since: isoDate('Last seen at or after this ISO 8601 date or date-time (UTC when no zone).'),
    until: isoDate('Last seen at or before this date-time; a date alone means through the end of that day (UTC).'),
    q: { type: 'string', minLength: 1, maxLength: 500, description: 'Full-text search over the event and article titles.' },
    source: { type: 'string', minLength: 1, maxLength: 200, description: 'Source slug: events with an article from it.' },
    limit: limitParam,
    cursor: cursorParam,
  },
} as const;

/** The validated query of GET /api/events (and of the feeds and the workspace's list, which take the same filters). */
export type EventsQuery = FromSchema<typeof eventsQuery>;

/** Turns validated query parameters into query filters; an unknown entity yields an empty id list. */
export async function eventFilters(db: Db, q: EventsQuery): Promise<EventFilters> {
  const since = queryDate('since', q.since);
  const until = queryDate('until', q.until);
  let untilDate = until?.date;
  // Through the end of that day, but never past what an ISO timestamp (and Postgres) can spell.
  if (until?.dateOnly) untilDate = new Date(Math.min(until.date.getTime() + 86_400_000, LAST_INSTANT));
  return {
    entityIds: q.entity !== undefined ? await resolveEntityIds(db, q.entity) : undefined,
    status: q.status,
    minConfidence: q.minConfidence,
    since: since?.date,
    until: untilDate,
    untilExclusive: until?.dateOnly,
    q: q.q,
    sourceId: q.source,
  };
}

const QUERY_NAMES = Object.keys(eventsQuery.properties) as (keyof EventsQuery)[];
const pageKey = (q: EventsQuery) => `events ${JSON.stringify(QUERY_NAMES.map((name) => q[name] ?? null))}`;

const eventDetail = {
  type: 'object',
  description: 'An event with its articles, claims (each with its explanation) and entities.',
  allOf: [{ $ref: 'Event#' }],
  required: ['articles', 'claims', 'entities'],
  properties: {
    articles: { type: 'array', items: { $ref: 'Article#' } },
    claims: { type: 'array', items: { $ref: 'Claim#' } },
  },
} as const;

/** GET /api/events and GET /api/events/:id. */
export default async function eventRoutes(fastify: FastifyInstance, { deps, listCache }: RouteOptions): Promise<void> {
  const app = typed(fastify);
  const db = deps.database.db;

  app.get(
    '/api/events',
    {
      schema: {
        tags: ['events'],
        summary: 'Events, newest first (by last seen), with filters and keyset paging',
        querystring: eventsQuery,
        response: { 200: pageOf('Event'), ...errorResponses(400) },
      },
    },
    // The validated query (defaults filled in) names the page, whatever the order of its parameters.
    async (request, reply) =>
      listCache.serve(request, reply, pageKey(request.query), async () => {
        const q = request.query;
        const after = eventCursor(q.cursor);
        const filters = await eventFilters(db, q);
        const rows = await listEventsWithRefs(db, { ...filters, limit: q.limit + 1, after });
        return paginate(rows, q.limit, (last) => ({ t: last.cursorTs, i: last.id }));
      }),
  );

  app.get(
    '/api/events/:id',
    {
      schema: {
        tags: ['events'],
        summary: 'One event with its articles, claims and entities',
        params: { type: 'object', required: ['id'], properties: { id: idParam } } as const,
        response: { 200: eventDetail, ...errorResponses(400, 404) },
      },
    },
    async (request) => {
      // A merged event's id answers with the event it was merged into (that body carries its own id).
      const row = await getEvent(db, (await currentEventId(db, request.params.id)) ?? request.params.id);
      if (!row) throw notFound(`event ${request.params.id} does not exist`);
      const [[event], articles, claims] = await Promise.all([
        presentEvents(db, [row]),
        articlesOfEvent(db, row.id),
        claimsOfEvent(db, row.id),
      ]);
      return { ...event, articles, claims };
    },
  );
}
