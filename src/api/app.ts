import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { LogController, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { ApiDeps } from './deps';
import { frameworkErrorHandler, installErrorHandlers } from './errors';
import { customFormats } from './formats';
import { rejectNulCharacters } from './input-guard';
import { sharedSchemas } from './schemas';
import claimRoutes from './routes/claims';
import entityRoutes from './routes/entities';
import eventRoutes from './routes/events';
import healthRoutes from './routes/health';
import sourceRoutes from './routes/sources';
import statusRoutes from './routes/status';
import feedRoutes from './routes/feeds';
import subscriberLinkRoutes from './routes/subscriber-links';
import subscriptionRoutes from './routes/subscriptions';
import { registerWorkspace } from '../web/plugin';

export type { ApiDeps } from './deps';

// Successful requests are logged at debug: the API stays quiet unless something goes wrong.
class QuietRequests extends LogController {
  incomingRequest(): void {}
  requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (error) return super.requestCompleted(error, request, reply);
    request.log.debug({ statusCode: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'request completed');
  }
}

/** Builds the HTTP API (not yet listening): OpenAPI at /openapi.json, Swagger UI at /docs, every route. */
export async function buildApp(deps: ApiDeps): Promise<FastifyInstance> {
  const app = Fastify({
    ...(deps.logger ? { loggerInstance: deps.logger } : { logger: false }),
    logController: new QuietRequests(),
    bodyLimit: 64 * 1024,
    frameworkErrors: frameworkErrorHandler,
    ajv: {
      onCreate: (ajv) => {
        for (const [name, format] of Object.entries(customFormats)) ajv.addFormat(name, format);
      },
    },
  }) as unknown as FastifyInstance;

  app.decorateRequest('writer', null);
  installErrorHandlers(app);
  app.addHook('preValidation', rejectNulCharacters);

  // The usual security headers, and a content security policy under which no inline script runs:
  // the workspace's pages load their one script and stylesheet from /assets.
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: { defaultSrc: ["'self'"], scriptSrc: ["'self'"], objectSrc: ["'none'"], baseUri: ["'self'"], formAction: ["'self'"], frameAncestors: ["'none'"] },
    },
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Crosscheck API',
        version: '1',
        description:
          'Deduplicated events, entities and claims with the evidence behind every score. ' +
          'Event, claim, entity and article ids are integers; source ids are slugs; subscription ids are UUIDs.',
      },
      components: {
        securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', description: 'A write key (API_KEYS).' } },
      },
    },
    // Keep the shared schema names (Event, Claim, …) instead of def-0, def-1 in the document.
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`) },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  // Limits are per route (sign-ups without a key); nothing else is limited by default.
  await app.register(rateLimit, { global: false });

  for (const schema of sharedSchemas) app.addSchema(schema);

  for (const routes of [healthRoutes, statusRoutes, eventRoutes, claimRoutes, entityRoutes, sourceRoutes, subscriptionRoutes, subscriberLinkRoutes, feedRoutes]) {
    await app.register(routes, { deps });
  }

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  // The analyst workspace: HTML pages on the same port (src/web).
  await registerWorkspace(app, deps);
  return app;
}
