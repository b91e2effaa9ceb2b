import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts';
import type { FastifyInstance } from 'fastify';

// Each route's JSON schema is its only description: the request types its handler sees (query,
// params, body) and the reply it may send are inferred from that schema by json-schema-to-ts, so
// no interface is written beside it. Schemas are `as const` so their literals survive inference.

/** The app with request and reply types inferred from each route's JSON schema. */
export function typed(app: FastifyInstance) {
  return app.withTypeProvider<JsonSchemaToTsProvider>();
}
