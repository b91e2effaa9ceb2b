import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  createSubscription,
  deleteSubscription,
  getSubscription,
  subscriptionByToken,
  unsubscribeByToken,
  type SubscriptionRow,
} from '../../db/queries/subscriptions';
import type { SubscriptionFilters } from '../../db/schema';
import { bearerSecurity } from '../auth';
import type { RouteOptions } from '../deps';
import { errorResponses, notFound } from '../errors';
import { confidence, statusEnum } from '../schemas';
import { SUBSCRIPTION_FREQUENCIES, SUBSCRIPTION_KINDS, type SubscriptionFrequency, type SubscriptionKind } from '../../vocabulary';

// Digest and alert subscriptions, and the one-click unsubscribe every email links to.

const stringList = (description: string) =>
  ({ type: 'array', maxItems: 50, items: { type: 'string', minLength: 1, maxLength: 200 }, description }) as const;

const filters = {
  type: 'object',
  additionalProperties: false,
  description: 'All given filters must match; an empty object matches every event.',
  properties: {
    entities: stringList('Entity ids or names; any of them.'),
    statuses: { type: 'array', maxItems: 6, items: statusEnum, description: 'Any of these statuses.' },
    minConfidence: confidence,
    sources: stringList('Source slugs; any of them.'),
    q: { type: 'string', minLength: 1, maxLength: 500, description: 'Full-text query.' },
  },
} as const;

const createBody = {
  type: 'object',
  required: ['email'],
  additionalProperties: false,
  properties: {
    email: { type: 'string', format: 'email', maxLength: 254 },
    kind: { type: 'string', enum: [...SUBSCRIPTION_KINDS], default: 'digest' },
    frequency: { type: 'string', enum: [...SUBSCRIPTION_FREQUENCIES], description: 'Default: immediate for alerts, daily for digests.' },
    filters: { ...filters, default: {} },
  },
} as const;

const subscription = {
  type: 'object',
  required: ['id', 'email', 'kind', 'frequency', 'filters', 'createdAt', 'unsubscribedAt', 'unsubscribeUrl'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    email: { type: 'string' },
    kind: { type: 'string', enum: [...SUBSCRIPTION_KINDS] },
    frequency: { type: 'string', enum: [...SUBSCRIPTION_FREQUENCIES] },
    filters,
    createdAt: { type: 'string', format: 'date-time' },
    unsubscribedAt: { type: ['string', 'null'], format: 'date-time' },
    lastSentAt: { type: ['string', 'null'], format: 'date-time' },
    unsubscribeUrl: { type: 'string' },
  },
} as const;

const uuidParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } } as const;
const tokenQuery = {
  type: 'object',
  required: ['token'],
  properties: { token: { type: 'string', minLength: 1, maxLength: 200 } },
} as const;

interface CreateBody {
  email: string;
  kind: SubscriptionKind;
  frequency?: SubscriptionFrequency;
  filters: SubscriptionFilters;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

const page = (title: string, text: string, form = '') =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>` +
  `<body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p>${form}</body></html>`;

// GET only asks: mail scanners follow links, and a link that unsubscribed would unsubscribe people.
// The form posts back to the same URL (token included) with the RFC 8058 one-click body.
const confirmForm = (token: string) =>
  `<form method="post" action="?token=${escapeHtml(encodeURIComponent(token))}">` +
  '<input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">Unsubscribe</button></form>';

const unknownLink = () =>
  page('Link not recognised', 'This unsubscribe link is unknown or has been deleted; no subscription was changed.');

const htmlAnswer = { content: { 'text/html': { schema: { type: 'string' } } } } as const;

/** POST/GET/DELETE /api/subscriptions and GET/POST /unsubscribe. */
export default async function subscriptionRoutes(app: FastifyInstance, { deps, writeKey, limits }: RouteOptions): Promise<void> {
  const db = deps.database.db;

  const unsubscribeUrl = (request: FastifyRequest, token: string) => {
    const base = (deps.publicUrl ?? `${request.protocol}://${request.host}`).replace(/\/+$/, '');
    return `${base}/unsubscribe?token=${encodeURIComponent(token)}`;
  };
  const present = (request: FastifyRequest, row: SubscriptionRow) => ({
    ...row,
    unsubscribeUrl: unsubscribeUrl(request, row.unsubscribeToken),
  });

  app.post<{ Body: CreateBody }>(
    '/api/subscriptions',
    {
      config: { rateLimit: limits.signups },
      schema: {
        tags: ['subscriptions'],
        summary: 'Subscribe an address to digests or alerts',
        body: createBody,
        response: { 201: subscription, ...errorResponses(400) },
      },
    },
    async (request, reply) => {
      const { email, kind, filters: wanted } = request.body;
      const row = await createSubscription(db, {
        email,
        kind,
        frequency: request.body.frequency ?? (kind === 'alert' ? 'immediate' : 'daily'),
        filters: wanted,
        // 24 random bytes: unguessable, and short enough for a List-Unsubscribe header.
        unsubscribeToken: randomBytes(24).toString('base64url'),
      });
      return reply.code(201).send(present(request, row));
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/subscriptions/:id',
    {
      onRequest: writeKey,
      schema: {
        tags: ['subscriptions'],
        summary: 'One subscription',
        security: bearerSecurity,
        params: uuidParams,
        response: { 200: subscription, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const row = await getSubscription(db, request.params.id);
      if (!row) throw notFound(`subscription ${request.params.id} does not exist`);
      return present(request, row);
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/api/subscriptions/:id',
    {
      onRequest: writeKey,
      config: { rateLimit: limits.writes },
      schema: {
        tags: ['subscriptions'],
        summary: 'Delete a subscription and its delivery history',
        security: bearerSecurity,
        params: uuidParams,
        response: { 204: { type: 'null', description: 'Deleted.' }, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      if (!(await deleteSubscription(db, request.params.id))) {
        throw notFound(`subscription ${request.params.id} does not exist`);
      }
      return reply.code(204).send();
    },
  );

  // Mail clients doing RFC 8058 one-click POST a form body ("List-Unsubscribe=One-Click"); its content is irrelevant.
  app.addContentTypeParser(
    ['application/x-www-form-urlencoded', 'multipart/form-data'],
    { parseAs: 'string', bodyLimit: 4096 },
    (_request, body, done) => done(null, body),
  );

  app.get<{ Querystring: { token: string } }>(
    '/unsubscribe',
    {
      schema: {
        tags: ['subscriptions'],
        summary: 'Unsubscribe link from an email: a page asking to confirm (changes nothing by itself)',
        querystring: tokenQuery,
        response: {
          200: { description: 'The confirmation form, or a note that it is already done.', ...htmlAnswer },
          404: { description: 'Unknown token: nothing changed.', ...htmlAnswer },
          ...errorResponses(400),
        },
      },
    },
    async (request, reply) => {
      const row = await subscriptionByToken(db, request.query.token);
      reply.type('text/html; charset=utf-8');
      if (!row) return reply.code(404).send(unknownLink());
      if (row.unsubscribedAt) return page('Already unsubscribed', `${row.email} receives no more emails from this subscription.`);
      return page('Unsubscribe?', `Stop sending ${row.email} the emails of this subscription?`, confirmForm(request.query.token));
    },
  );

  app.post<{ Querystring: { token: string } }>(
    '/unsubscribe',
    {
      config: { rateLimit: limits.writes },
      schema: {
        tags: ['subscriptions'],
        summary: 'Unsubscribe: RFC 8058 one-click (JSON), or the confirmation form (an HTML page for browsers)',
        querystring: tokenQuery,
        response: {
          200: {
            description: 'Unsubscribed (again is fine).',
            content: {
              'application/json': {
                schema: { type: 'object', required: ['unsubscribed'], properties: { unsubscribed: { type: 'boolean' } } },
              },
              ...htmlAnswer.content,
            },
          },
          ...errorResponses(400, 404),
        },
      },
    },
    async (request, reply) => {
      const row = await unsubscribeByToken(db, request.query.token);
      // A browser submitting the form asks for HTML; a mail client's one-click POST does not.
      if (/\btext\/html\b/.test(request.headers.accept ?? '')) {
        reply.type('text/html; charset=utf-8');
        if (!row) return reply.code(404).send(unknownLink());
        return page('Unsubscribed', `${row.email} will receive no more emails from this subscription.`);
      }
      if (!row) throw notFound('unknown unsubscribe token; no subscription was changed');
      return { unsubscribed: true };
    },
  );
}
