import type { FastifyInstance, FastifyTypeProvider } from 'fastify';
import type { FromSchema, JSONSchema } from 'json-schema-to-ts';

// Each route's JSON schema is its only description of the request: the types its handler sees
// (query, params, body) are inferred from that schema by json-schema-to-ts (the inference
// @fastify/type-provider-json-schema-to-ts applies), so no interface is written beside it.
// Schemas are `as const` so their literals survive inference.
//
// Replies are left untyped on purpose: response schemas are built from the shared `$ref` schemas
// (Event#, Claim#, …) and handlers return rows with Date objects that the serializer writes as
// ISO strings, so an inferred reply type would describe the wire, not what handlers hold. The
// reply shape is held by fast-json-stringify at run time and by the OpenAPI contract tests.

/** Request types from the route's schema; the reply as Fastify types it by default. */
export interface SchemaRequestTypes extends FastifyTypeProvider {
  validator: this['schema'] extends JSONSchema ? FromSchema<this['schema']> : unknown;
  serializer: unknown;
}

/** The app with request types inferred from each route's JSON schema. */
export function typed(app: FastifyInstance) {
  return app.withTypeProvider<SchemaRequestTypes>();
}
