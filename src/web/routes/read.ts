import type { FastifyInstance } from 'fastify';
import { eventFilters, eventsQuery, type EventsQuery } from '../../api/routes/events';
import { notFound } from '../../api/errors';
import { eventCursor, paginate, presentEvents } from '../../api/present';
import { idParam } from '../../api/schemas';
import { claimsOfEvent, evidenceOfClaim, getClaim } from '../../db/queries/claims';
import { currentEventId } from '../../db/queries/event-merges';
import { articlesOfEvent, getEvent, listEvents, type ArticleRow } from '../../db/queries/events';
import { reviewsOfClaim } from '../../db/queries/reviews';
import { CLAIM_STATUSES } from '../../vocabulary';
import { buildOriginGraph } from '../origin-graph';
import { typed } from '../../api/type-provider';
import { renderPage, type WebOptions } from '../page';

// Reading pages: the events list (and its refreshing fragment), one event, one claim.

const PAGE_SIZE = 50;
const idParams = { type: 'object', required: ['id'], properties: { id: idParam } } as const;
// The API's own filters; the page size is fixed, and an empty form field means "no filter".
const listQuery = { ...eventsQuery, properties: { ...eventsQuery.properties, limit: { type: 'integer', minimum: 1, maximum: 200, default: PAGE_SIZE } } } as const;

/** Drops empty form fields, so submitting the filter form with blanks is the unfiltered list. */
function filled(query: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(query).filter(([, v]) => v !== '' && v !== undefined));
}

/** Articles with their syndicated copies folded under the original they copy. */
export function foldCopies(articles: ArticleRow[]): { article: ArticleRow; copies: ArticleRow[] }[] {
  const ids = new Set(articles.map((a) => a.id));
  const copies = new Map<number, ArticleRow[]>();
  for (const a of articles) {
    if (a.duplicateOf !== null && ids.has(a.duplicateOf)) copies.set(a.duplicateOf, [...(copies.get(a.duplicateOf) ?? []), a]);
  }
  return articles.filter((a) => a.duplicateOf === null || !ids.has(a.duplicateOf)).map((article) => ({ article, copies: copies.get(article.id) ?? [] }));
}

/** GET /, GET /fragments/events, GET /events/:id, GET /claims/:id. */
export default async function readRoutes(fastify: FastifyInstance, { deps }: WebOptions): Promise<void> {
  const app = typed(fastify);
  const db = deps.database.db;

  async function eventsPage(query: EventsQuery) {
    const filters = await eventFilters(db, query);
    const rows = await listEvents(db, { ...filters, limit: query.limit + 1, after: eventCursor(query.cursor) });
    const page = paginate(rows, query.limit, (last) => ({ t: last.cursorTs, i: last.id }));
    const { cursor: _cursor, limit: _limit, ...kept } = query;
    const params = new URLSearchParams(Object.entries(kept).map(([k, v]) => [k, String(v)] as [string, string]));
    const older = page.nextCursor ? `/?${new URLSearchParams([...params, ['cursor', page.nextCursor] as [string, string]])}` : null;
    return { events: await presentEvents(db, page.items), older, filters: kept, fragmentQuery: params.toString(), first: query.cursor === undefined };
  }

  app.addHook('preValidation', async (request) => {
    if (request.method === 'GET' && request.query && typeof request.query === 'object') {
      request.query = filled(request.query as Record<string, unknown>);
    }
  });

  app.get('/', { schema: { querystring: listQuery } }, async (request, reply) =>
    renderPage(request, reply, 'events', { title: 'Events', statuses: CLAIM_STATUSES, ...(await eventsPage(request.query)) }),
  );

  app.get('/fragments/events', { schema: { querystring: listQuery } }, async (request, reply) =>
    renderPage(request, reply, 'events-rows', await eventsPage(request.query)),
  );

  const changedQuery = { type: 'object', properties: { merged: { type: 'string', maxLength: 2000, pattern: '^[0-9,]+$' }, split: idParam } } as const;
  app.get('/events/:id', { schema: { params: idParams, querystring: changedQuery } }, async (request, reply) => {
    // A merged event's page is the event it was merged into.
    const current = await currentEventId(db, request.params.id);
    if (current !== undefined && current !== request.params.id) return reply.redirect(`/events/${current}`, 302);
    const row = await getEvent(db, request.params.id);
    if (!row) throw notFound(`There is no event ${request.params.id}.`);
    const [[event], articles, claims] = await Promise.all([presentEvents(db, [row]), articlesOfEvent(db, row.id), claimsOfEvent(db, row.id)]);
    const sourceNames = new Map(event.sources.map((s) => [s.id, s.name]));
    return renderPage(request, reply, 'event', {
      title: event.title,
      event,
      claims,
      folded: foldCopies(articles),
      sourceNames,
      graph: buildOriginGraph(articles, sourceNames),
      articles,
      merged: request.query.merged,
      split: request.query.split,
    });
  });

  app.get(
    '/claims/:id',
    { schema: { params: idParams, querystring: { type: 'object', properties: { recorded: { type: 'string', maxLength: 40 } } } } },
    async (request, reply) => {
      const claim = await getClaim(db, request.params.id);
      if (!claim) throw notFound(`There is no claim ${request.params.id}.`);
      const [event, evidence, reviews] = await Promise.all([getEvent(db, claim.eventId), evidenceOfClaim(db, claim.id), reviewsOfClaim(db, claim.id)]);
      const total = claim.explanation.reduce((sum, f) => sum + f.effect, 0);
      return renderPage(request, reply, 'claim', {
        title: claim.text,
        claim,
        event,
        evidence,
        reviews,
        total,
        verdicts: ['confirmed', 'disputed', 'refuted'],
        recorded: request.query.recorded,
      });
    },
  );
}
