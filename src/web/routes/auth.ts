import type { FastifyInstance } from 'fastify';
import { writeKeyChecker } from '../../api/auth';
import { typed } from '../../api/type-provider';
import { renderPage, type WebOptions } from '../page';
import { closeSession, openSession } from '../session';

// Signing in with a write key (checked exactly like the API's Bearer key) and signing out.

/** Where to go after signing in: only a path on this site, never another origin. */
function localPath(next: unknown): string {
  return typeof next === 'string' && /^\/(?![/\\])[^\s]*$/.test(next) ? next : '/review';
}

/** GET/POST /login and POST /logout. */
export default async function authRoutes(fastify: FastifyInstance, { deps, secure }: WebOptions): Promise<void> {
  const app = typed(fastify);
  const writerOf = writeKeyChecker(deps.apiKeys, deps.database.db);

  app.get(
    '/login',
    { schema: { querystring: { type: 'object', properties: { next: { type: 'string', maxLength: 500 } } } } },
    async (request, reply) => renderPage(request, reply, 'login', { title: 'Sign in', next: localPath(request.query.next) }),
  );

  app.post(
    '/login',
    {
      preHandler: app.csrfProtection,
      schema: {
        body: {
          type: 'object',
          properties: { key: { type: 'string', maxLength: 500 }, next: { type: 'string', maxLength: 500 }, _csrf: { type: 'string' } },
        },
      },
    },
    async (request, reply) => {
      const key = (request.body.key ?? '').trim();
      const writer = key ? await writerOf(key) : null;
      const next = localPath(request.body.next);
      if (!writer) {
        return renderPage(request, reply, 'login', { title: 'Sign in', next, failed: true }, 403);
      }
      openSession(reply, writer, secure);
      return reply.redirect(next, 303);
    },
  );

  app.post('/logout', { preHandler: app.csrfProtection }, async (_request, reply) => {
    closeSession(reply, secure);
    return reply.redirect('/', 303);
  });
}
