import type { FastifyInstance, FastifyRequest } from 'fastify';
import { create } from 'xmlbuilder2';
import { eventsOfWindow, type DigestEvent } from '../../db/queries/digest-events';
import { listEvents } from '../../db/queries/events';
import { linksFrom } from '../../email/links';
import { confidenceWords, evidenceWords, statusWords } from '../../email/wording';
import type { RouteOptions } from '../deps';
import { errorResponses } from '../errors';
import { typed } from '../type-provider';
import { eventFilters, eventsQuery, type EventsQuery } from './events';

// Feeds out: the same events and filters as GET /api/events, as Atom 1.0 and JSON Feed 1.1, so
// any feed reader can follow Crosscheck. Each entry carries the event's status and its origins.

const feedQuery = {
  ...eventsQuery,
  properties: { ...eventsQuery.properties, limit: { type: 'integer', minimum: 1, maximum: 100, default: 50 } },
} as const;

const FAR_FUTURE = new Date('9999-12-31T00:00:00Z');

function summaryOf(event: DigestEvent): string {
  const lead = event.claims[0];
  const evidence = lead ? evidenceWords(lead) : 'no claims extracted yet';
  const origins = lead?.origins.length ? ` Origins: ${lead.origins.map((o) => `${o.name} (trust ${o.trust}, ${o.articleCount} article${o.articleCount === 1 ? '' : 's'})`).join('; ')}.` : '';
  return `${statusWords(event.status)}, confidence ${confidenceWords(event.confidence)}: ${evidence}. ${event.articleCount} articles, ${event.originCount} independent origins.${origins}`;
}

/** GET /feeds/events.xml and GET /feeds/events.json. */
export default async function feedRoutes(fastify: FastifyInstance, { deps }: RouteOptions): Promise<void> {
  const app = typed(fastify);
  const db = deps.database.db;

  const load = async (request: FastifyRequest, query: EventsQuery) => {
    const filters = await eventFilters(db, query);
    const rows = await listEvents(db, { ...filters, limit: query.limit });
    const details = new Map((await eventsOfWindow(db, new Date(0), FAR_FUTURE, rows.map((r) => r.id))).map((e) => [e.id, e]));
    const links = linksFrom(deps.publicUrl ?? `${request.protocol}://${request.host}`);
    const self = `${links.base}${request.url}`;
    return { links, self, events: rows.map((r) => details.get(r.id)).filter((e): e is DigestEvent => e !== undefined) };
  };

  app.get(
    '/feeds/events.xml',
    {
      schema: {
        tags: ['feeds'],
        summary: 'Events as an Atom 1.0 feed (same filters as GET /api/events)',
        querystring: feedQuery,
        response: { 200: { description: 'Atom feed.', content: { 'application/atom+xml': { schema: { type: 'string' } } } }, ...errorResponses(400) },
      },
    },
    async (request, reply) => {
      const { links, self, events } = await load(request, request.query);
      const updated = events.reduce((max, e) => (e.lastSeenAt > max ? e.lastSeenAt : max), new Date(0));
      const feed = create({ version: '1.0', encoding: 'utf-8' }).ele('http://www.w3.org/2005/Atom', 'feed');
      feed.ele('id').txt(`${links.base}/feeds/events.xml`);
      feed.ele('title').txt('Crosscheck events');
      feed.ele('updated').txt((events.length ? updated : new Date()).toISOString());
      feed.ele('link', { rel: 'self', href: self, type: 'application/atom+xml' });
      feed.ele('link', { rel: 'alternate', href: `${links.base}/` });
      feed.ele('author').ele('name').txt('Crosscheck');
      feed.ele('generator').txt('Crosscheck');
      for (const event of events) {
        const entry = feed.ele('entry');
        entry.ele('id').txt(links.event(event.id));
        entry.ele('title').txt(event.title);
        entry.ele('updated').txt(event.lastSeenAt.toISOString());
        entry.ele('published').txt(event.firstSeenAt.toISOString());
        entry.ele('link', { rel: 'alternate', href: links.event(event.id) });
        entry.ele('category', { term: event.status, label: statusWords(event.status) });
        entry.ele('summary', { type: 'text' }).txt(summaryOf(event));
      }
      reply.type('application/atom+xml; charset=utf-8');
      return feed.end({ prettyPrint: true });
    },
  );

  app.get(
    '/feeds/events.json',
    {
      schema: {
        tags: ['feeds'],
        summary: 'Events as a JSON Feed 1.1 (same filters as GET /api/events)',
        querystring: feedQuery,
        response: { 200: { description: 'JSON Feed.', content: { 'application/feed+json': { schema: { type: 'object' } } } }, ...errorResponses(400) },
      },
    },
    async (request, reply) => {
      const { links, self, events } = await load(request, request.query);
      reply.type('application/feed+json; charset=utf-8');
      // Serialised here: the body is a JSON Feed document, not an API shape with a response schema.
      return JSON.stringify({
        version: 'https://jsonfeed.org/version/1.1',
        title: 'Crosscheck events',
        home_page_url: `${links.base}/`,
        feed_url: self,
        authors: [{ name: 'Crosscheck' }],
        items: events.map((event) => ({
          id: links.event(event.id),
          url: links.event(event.id),
          title: event.title,
          content_text: summaryOf(event),
          date_published: event.firstSeenAt.toISOString(),
          date_modified: event.lastSeenAt.toISOString(),
          tags: [event.status],
          _crosscheck: {
            status: event.status,
            confidence: event.confidence,
            originCount: event.originCount,
            origins: event.claims[0]?.origins ?? [],
          },
        })),
      });
    },
  );
}
