import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import fastifyStatic from '@fastify/static';
import view from '@fastify/view';
import { Eta } from 'eta';
import type { FastifyError, FastifyInstance } from 'fastify';
import type { ApiDeps } from '../api/deps';
import { ApiError } from '../api/errors';
import { renderPage, type WebOptions } from './page';
import authRoutes from './routes/auth';
import eventControlRoutes from './routes/event-control';
import readRoutes from './routes/read';
import registryRoutes from './routes/registry';
import reviewRoutes from './routes/review';
import { cookieOptions, loadSessionSecret, sessionWriter } from './session';

// The analyst workspace: server-rendered pages on the API's port. Reading needs no key; every
// change needs a session opened with a write key, and every form carries a CSRF token.
// Encapsulated (not wrapped in fastify-plugin): form bodies, cookies and the HTML error page
// apply to these routes only, and the JSON API keeps its own behaviour.

const here = path.dirname(fileURLToPath(import.meta.url));
const htmxDir = path.dirname(createRequire(import.meta.url).resolve('htmx.org/dist/htmx.min.js'));

async function web(app: FastifyInstance, options: WebOptions): Promise<void> {
  // Pages are not part of the JSON API's OpenAPI document.
  app.addHook('onRoute', (route) => {
    route.schema = { ...route.schema, hide: true };
  });
  await app.register(cookie, { secret: options.sessionSecret });
  await app.register(formbody, { bodyLimit: 16 * 1024 });
  await app.register(csrf, { sessionPlugin: '@fastify/cookie', cookieOpts: { ...cookieOptions(options.secure), signed: true } });
  await app.register(view, {
    engine: { eta: new Eta({ views: path.join(here, 'views'), cache: true }) },
    templates: path.join(here, 'views'),
    // Without it @fastify/view turns Eta's cache off unless NODE_ENV=production, and every request
    // read and compiled each template and partial again (a third of a page's time on 10,000 articles).
    production: true,
  });
  await app.register(fastifyStatic, {
    root: [path.join(here, 'static'), htmxDir],
    prefix: '/assets/',
    decorateReply: false,
    allowedPath: (p) => /^\/(app\.(css|js)|htmx\.min\.js)$/.test(p),
    maxAge: 3_600_000,
  });

  app.decorateRequest('analyst', null);
  app.addHook('onRequest', async (request) => {
    request.analyst = sessionWriter(request);
  });

  app.setErrorHandler(async (err: FastifyError | ApiError, request, reply) => {
    let status = typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 600 ? err.statusCode : 500;
    let message = err.message;
    if ('code' in err && String(err.code).startsWith('FST_CSRF')) {
      status = 403;
      message = 'This form has expired or did not come from this site. Reload the page and try again.';
    } else if ('validation' in err && err.validation) {
      status = 400;
    } else if (status >= 500) {
      request.log.error({ err, method: request.method, url: request.url }, 'page failed');
      message = 'Something went wrong on our side; the details are in the server log.';
    }
    return renderPage(request, reply, 'error', { title: `Error ${status}`, status, message }, status);
  });

  for (const routes of [authRoutes, readRoutes, reviewRoutes, registryRoutes, eventControlRoutes]) await app.register(routes, options);
}

/** Registers the workspace on an app; the secret comes from $DATA_DIR (see session.ts). */
export async function registerWorkspace(app: FastifyInstance, deps: ApiDeps & { dataDir?: string }): Promise<void> {
  const secure = (deps.publicUrl ?? '').startsWith('https://');
  await app.register(web, { deps, secure, sessionSecret: await loadSessionSecret(deps.dataDir) });
}
