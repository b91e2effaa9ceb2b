import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

// One error shape for every failure: {error: {code, message}}. Details of server faults stay in the log.

/** An expected failure with the status and code the client should see. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** 400 naming the parameter at fault, e.g. badRequest('querystring/cursor is not a valid cursor'). */
export const badRequest = (message: string) => new ApiError(400, 'bad_request', message);
/** 404 for a resource that does not exist. */
export const notFound = (message: string) => new ApiError(404, 'not_found', message);

const CODES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
  409: 'conflict',
  413: 'payload_too_large',
  414: 'uri_too_long',
  415: 'unsupported_media_type',
  429: 'too_many_requests',
};

/** The JSON schema of the error body, for route response schemas. */
export const errorSchema = {
  $id: 'Error',
  type: 'object',
  description: 'Every failure: a stable machine code and a human message (never internals for 5xx).',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: { code: { type: 'string' }, message: { type: 'string' } },
    },
  },
} as const;

/** Response schema entries for the given error statuses, all sharing the Error shape. */
export function errorResponses(...statuses: number[]): Record<number, { $ref: string }> {
  return Object.fromEntries(statuses.map((s) => [s, { $ref: 'Error#' }]));
}

/** Installs the error and not-found handlers: client faults are explained, server faults only logged. */
export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | ApiError, request, reply) => {
    if (err instanceof ApiError) {
      if (err.statusCode === 401) reply.header('www-authenticate', 'Bearer');
      return reply.code(err.statusCode).send({ error: { code: err.code, message: err.message } });
    }
    const status = typeof err.statusCode === 'number' ? err.statusCode : 500;
    if ('validation' in err && err.validation) {
      return reply.code(400).send({ error: { code: 'bad_request', message: err.message } });
    }
    if (status >= 400 && status < 500) {
      // Fastify's own 4xx (bad JSON, wrong content type, body too large) describe the request, not the server.
      return reply.code(status).send({ error: { code: CODES[status] ?? 'bad_request', message: err.message } });
    }
    request.log.error({ err, method: request.method, url: request.url }, 'request failed');
    return reply.code(500).send({ error: { code: 'internal', message: 'internal error' } });
  });

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0];
    return reply.code(404).send({ error: { code: 'not_found', message: `no route ${request.method} ${path}` } });
  });
}

/** For the few errors Fastify raises before routing (malformed URL encoding, over-long path parameters). */
export function frameworkErrorHandler(err: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 400;
  reply.code(status).send({ error: { code: CODES[status] ?? 'bad_request', message: err.message } });
}
