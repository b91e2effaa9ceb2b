import type { FastifyInstance, FastifyRequest } from 'fastify';
import { confirmByToken, unsubscribeByToken } from '../../db/queries/subscriptions';
import type { RouteOptions } from '../deps';
import { errorResponses, notFound } from '../errors';
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
export default async function subscriberLinkRoutes(app: FastifyInstance, { deps }: RouteOptions): Promise<void> {
  const db = deps.database.db;

  // Mail clients doing RFC 8058 one-click POST a form body ("List-Unsubscribe=One-Click"); its content is irrelevant.
  app.addContentTypeParser(
    ['application/x-www-form-urlencoded', 'multipart/form-data'],
    { parseAs: 'string', bodyLimit: 4096 },
    (_request, body, done) => done(null, body),
  );

  const unsubscribe = async (request: FastifyRequest<{ Querystring: { token: string } }>) => {
    const row = await unsubscribeByToken(db, request.query.token);
    // Mail already stored for it is cancelled when its turn comes; the digest schedule goes now.
    if (row) await deps.delivery?.subscriptionChanged(row.id);
    return row;
  };

  app.get<{ Querystring: { token: string } }>(
    '/unsubscribe',
    {
      schema: {
        tags: ['subscriptions'],
        summary: 'Unsubscribe link from an email (answers a small HTML page)',
        querystring: tokenQuery,
        response: { 200: htmlResponse('Confirmation page.'), 404: htmlResponse('Unknown token: nothing changed.'), ...errorResponses(400) },
      },
    },
    async (request, reply) => {
      const row = await unsubscribe(request);
      reply.type('text/html; charset=utf-8');
      if (!row) {
        return reply
          .code(404)
          .send(page('Link not recognised', 'This unsubscribe link is unknown or has been deleted; no subscription was changed.'));
      }
      return page('Unsubscribed', `${row.email ?? row.webhookUrl} will receive no more emails from this subscription.`);
    },
  );

  app.post<{ Querystring: { token: string } }>(
    '/unsubscribe',
    {
      schema: {
        tags: ['subscriptions'],
        summary: 'RFC 8058 one-click unsubscribe',
        querystring: tokenQuery,
        response: {
          200: { type: 'object', required: ['unsubscribed'], properties: { unsubscribed: { type: 'boolean' } } },
          ...errorResponses(400, 404),
        },
      },
    },
    async (request) => {
      if (!(await unsubscribe(request))) throw notFound('unknown unsubscribe token; no subscription was changed');
      return { unsubscribed: true };
    },
  );

  // GET only shows a button: link scanners in mail systems follow links, and must not confirm on the reader's behalf.
  app.get<{ Querystring: { token: string } }>(
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

  app.post<{ Querystring: { token: string } }>(
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
