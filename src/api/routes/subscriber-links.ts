import type { FastifyInstance, FastifyRequest } from 'fastify';
import { confirmByToken, subscriptionByToken, unsubscribeByToken } from '../../db/queries/subscriptions';
import type { RouteOptions } from '../deps';
import { errorResponses, notFound } from '../errors';
import { typed } from '../type-provider';
import { tokenQuery } from './subscription-schemas';

// The links every email carries: one-click unsubscribe (RFC 8058) and the sign-up confirmation.

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

const page = (title: string, text: string, form?: { action: string; button: string }) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title></head>` +
  `<body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p>` +
  (form ? `<form method="post" action="${escapeHtml(form.action)}"><button type="submit">${escapeHtml(form.button)}</button></form>` : '') +
  `</body></html>`;

const htmlResponse = (description: string) => ({ description, content: { 'text/html': { schema: { type: 'string' } } } });

/** GET/POST /unsubscribe and GET/POST /confirm. */
export default async function subscriberLinkRoutes(fastify: FastifyInstance, { deps, limits }: RouteOptions): Promise<void> {
  const app = typed(fastify);
  const db = deps.database.db;

  // Mail clients doing RFC 8058 one-click POST a form body ("List-Unsubscribe=One-Click"); its content is irrelevant.
  app.addContentTypeParser(
    ['application/x-www-form-urlencoded', 'multipart/form-data'],
    { parseAs: 'string', bodyLimit: 4096 },
    (_request, body, done) => done(null, body),
  );

  const unsubscribe = async (token: string) => {
    const row = await unsubscribeByToken(db, token);
    // Mail already stored for it is cancelled when its turn comes; the digest schedule goes now.
    if (row) await deps.delivery?.subscriptionChanged(row.id);
    return row;
  };

  const unknownLink = () => page('Link not recognised', 'This unsubscribe link is unknown or has been deleted; no subscription was changed.');
  const wantsHtml = (request: FastifyRequest) => /text\/html/.test(String(request.headers.accept ?? ''));

  // GET only asks: mail scanners follow links, and a link that unsubscribed would unsubscribe people.
  // The form posts back to the same URL (token included), as a one-click client would.
  app.get(
    '/unsubscribe',
    {
      schema: {
        tags: ['subscriptions'],
        summary: 'Unsubscribe link from an email: a confirmation page whose form POSTs (nothing changes on GET)',
        querystring: tokenQuery,
        response: { 200: htmlResponse('Confirmation page.'), 404: htmlResponse('Unknown token: nothing changed.'), ...errorResponses(400) },
      },
    },
    async (request, reply) => {
      const row = await subscriptionByToken(db, request.query.token);
      reply.type('text/html; charset=utf-8');
      if (!row) return reply.code(404).send(unknownLink());
      const who = row.email ?? row.webhookUrl ?? 'this subscription';
      if (row.unsubscribedAt) return page('Already unsubscribed', `${who} receives no more emails from this subscription.`);
      return page('Unsubscribe?', `Stop every email of this subscription to ${who}.`, {
        action: `?token=${encodeURIComponent(request.query.token)}`,
        button: 'Unsubscribe',
      });
    },
  );

  app.post(
    '/unsubscribe',
    {
      config: { rateLimit: limits.writes },
      schema: {
        tags: ['subscriptions'],
        summary: 'Unsubscribe: RFC 8058 one-click (JSON), or the confirmation form (HTML when the client accepts it)',
        querystring: tokenQuery,
        response: {
          200: {
            description: 'Unsubscribed (JSON for one-click clients, an HTML page for browsers).',
            content: {
              'application/json': { schema: { type: 'object', required: ['unsubscribed'], properties: { unsubscribed: { type: 'boolean' } } } },
              'text/html': { schema: { type: 'string' } },
            },
          },
          ...errorResponses(400, 404),
        },
      },
    },
    async (request, reply) => {
      const row = await unsubscribe(request.query.token);
      if (wantsHtml(request)) {
        reply.type('text/html; charset=utf-8');
        if (!row) return reply.code(404).send(unknownLink());
        return page('Unsubscribed', `${row.email ?? row.webhookUrl} will receive no more emails from this subscription.`);
      }
      if (!row) throw notFound('unknown unsubscribe token; no subscription was changed');
      return reply.type('application/json').send({ unsubscribed: true });
    },
  );

  // GET only shows a button: link scanners in mail systems follow links, and must not confirm on the reader's behalf.
  app.get(
    '/confirm',
    {
      schema: {
        tags: ['subscriptions'],
        summary: 'Confirmation link of a sign-up (a page with a confirm button)',
        querystring: tokenQuery,
        response: { 200: htmlResponse('Page with the confirm button.'), ...errorResponses(400) },
      },
    },
    async (request, reply) => {
      reply.type('text/html; charset=utf-8');
      return page('Confirm your subscription', 'Press the button to start receiving Crosscheck emails at this address.', {
        action: `/confirm?token=${encodeURIComponent(request.query.token)}`,
        button: 'Confirm subscription',
      });
    },
  );

  app.post(
    '/confirm',
    {
      schema: {
        tags: ['subscriptions'],
        summary: 'Confirm a pending sign-up',
        querystring: tokenQuery,
        response: { 200: htmlResponse('Confirmed.'), 404: htmlResponse('Unknown or expired token.'), ...errorResponses(400) },
      },
    },
    async (request, reply) => {
      reply.type('text/html; charset=utf-8');
      const row = await confirmByToken(db, request.query.token);
      if (!row) return reply.code(404).send(page('Link not recognised', 'This confirmation link is unknown or has expired; sign up again.'));
      await deps.delivery?.subscriptionChanged(row.id);
      return page('Subscription confirmed', `${row.email} will receive Crosscheck ${row.kind === 'alert' ? 'alerts' : 'digests'}.`);
    },
  );
}
