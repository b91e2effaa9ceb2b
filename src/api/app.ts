import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { LogController, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { requireWriteKey } from './auth';
import type { ApiDeps } from './deps';
import { clientErrorHandler, frameworkErrorHandler, installErrorHandlers } from './errors';
import { customFormats } from './formats';
import { rejectNonFiniteNumbers, rejectUnsafeInput } from './input-guard';
import { DEFAULT_LIMITS, registerRateLimits, WrongKeyCounter } from './limits';
import { DEFAULT_CACHE_LIMITS, ListCache } from './list-cache';
import { sharedSchemas } from './schemas';
import { registerSecurity, SWAGGER_UI_STYLE_HASH } from './security';
import claimRoutes from './routes/claims';
import entityRoutes from './routes/entities';
import eventRoutes from './routes/events';
import eventDecisionRoutes from './routes/event-decisions';
import healthRoutes from './routes/health';
import sourceRoutes from './routes/sources';
import statusRoutes from './routes/status';
import feedRoutes from './routes/feeds';
import subscriberLinkRoutes from './routes/subscriber-links';
import subscriptionRoutes from './routes/subscriptions';

export type { ApiDeps } from './deps';

// Successful requests are logged at debug: the API stays quiet unless something goes wrong.
class QuietRequests extends LogController {
  incomingRequest(): void {}
  requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (error) return super.requestCompleted(error, request, reply);
    request.log.debug({ statusCode: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'request completed');
  }
}

/** Builds the HTTP API (not yet listening): OpenAPI at /openapi.json, Swagger UI at /docs, every route.
 * The workspace pages are added beside it by src/runtime/server.ts. */
export async function buildApp(deps: ApiDeps): Promise<FastifyInstance> {
  const app = Fastify({
    ...(deps.logger ? { loggerInstance: deps.logger } : { logger: false }),
    logController: new QuietRequests(),
    bodyLimit: 64 * 1024,
    frameworkErrors: frameworkErrorHandler,
    clientErrorHandler,
    ajv: {
      onCreate: (ajv) => {
        for (const [name, format] of Object.entries(customFormats)) ajv.addFormat(name, format);
      },
    },
  }) as unknown as FastifyInstance;

  app.decorateRequest('writer', null);
  installErrorHandlers(app);
  app.addHook('preValidation', rejectUnsafeInput);
  app.addHook('preHandler', rejectNonFiniteNumbers);
  await registerSecurity(app, deps.corsOrigins ?? []);
  await registerRateLimits(app);

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
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    // Swagger UI's bundle injects one fixed <style> element; its hash is allowed on /docs alone, and
    // scripts stay 'self' only (checked in a real browser by the tests).
    transformStaticCSP: (header) => header.replace("style-src 'self'", `style-src 'self' ${SWAGGER_UI_STYLE_HASH}`),
  });

  for (const schema of sharedSchemas) app.addSchema(schema);

  const limits = { ...DEFAULT_LIMITS, ...deps.limits };
  const writeKey = requireWriteKey(deps.apiKeys, deps.database.db, new WrongKeyCounter(limits.wrongKeys));
  const listCache = await ListCache.following(deps.database, { ...DEFAULT_CACHE_LIMITS, ...deps.listCacheLimits });
  app.addHook('onClose', listCache.stop);
  app.decorate('listCache', listCache.cache);
  // Read your own writes: a change made through this process empties its cache before the answer
  // goes out, instead of when the database's signal comes back a moment later.
  app.addHook('onSend', async (request, reply) => {
    if (request.method !== 'GET' && request.method !== 'HEAD' && request.method !== 'OPTIONS' && reply.statusCode < 400) listCache.cache.clear();
  });
  for (const routes of [healthRoutes, statusRoutes, eventRoutes, eventDecisionRoutes, claimRoutes, entityRoutes, sourceRoutes, subscriptionRoutes, subscriberLinkRoutes, feedRoutes]) {
    await app.register(routes, { deps, writeKey, limits, listCache: listCache.cache });
  }

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  return app;
}
