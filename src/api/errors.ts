import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isDatabaseUnavailable } from '../db/unavailable';

// One error shape for every failure: {error: {code, message}}. Details of server faults stay in the log.

/** An expected failure with the status and code the client should see. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    /** Headers the answer carries, e.g. Retry-After on a 429. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** 400 naming the parameter at fault, e.g. badRequest('querystring/cursor is not a valid cursor'). */
export const badRequest = (message: string) => new ApiError(400, 'bad_request', message);
/** 404 for a resource that does not exist. */
export const notFound = (message: string) => new ApiError(404, 'not_found', message);

/** Seconds a client is asked to wait during a database outage; pg reconnects on the next query. */
export const OUTAGE_RETRY_AFTER_S = 5;

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
  408: 'request_timeout',
  415: 'unsupported_media_type',
  429: 'too_many_requests',
  431: 'headers_too_large',
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
export function errorResponses<S extends number>(...statuses: S[]): Record<S, { $ref: 'Error#' }> {
  return Object.fromEntries(statuses.map((s) => [s, { $ref: 'Error#' }])) as Record<S, { $ref: 'Error#' }>;
}

/** Installs the error and not-found handlers: client faults are explained, server faults only logged. */
export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | ApiError, request, reply) => {
    if (err instanceof ApiError) {
      if (err.statusCode === 401) reply.header('www-authenticate', 'Bearer');
      reply.headers(err.headers);
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
    if (isDatabaseUnavailable(err)) {
      // An outage, not a fault: the client may retry, and the next query reconnects by itself.
      request.log.warn({ err: { message: err.message }, method: request.method, url: request.url }, 'database unavailable');
      return reply
        .code(503)
        .header('retry-after', String(OUTAGE_RETRY_AFTER_S))
        .send({ error: { code: 'database_unavailable', message: 'the database is not reachable; try again shortly' } });
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

// What Node's HTTP parser reports, in words a client can act on.
const PARSER_ERRORS: Record<string, [number, string]> = {
  HPE_HEADER_OVERFLOW: [431, 'the request headers are too large'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'the request took too long to arrive'],
  HPE_INVALID_URL: [400, 'the request target is not a valid URL (spaces must be percent-encoded)'],
  HPE_UNEXPECTED_CONTENT_LENGTH: [400, 'a request may not carry both Content-Length and Transfer-Encoding'],
  HPE_INVALID_TRANSFER_ENCODING: [400, 'the Transfer-Encoding header is not valid'],
  HPE_INVALID_CONTENT_LENGTH: [400, 'the Content-Length header is not valid'],
  HPE_INVALID_METHOD: [400, 'the request method is not valid'],
  HPE_INVALID_HEADER_TOKEN: [400, 'a request header is not valid'],
};

/**
 * Fastify's clientErrorHandler: requests Node's HTTP parser refuses (a space in the URL, both
 * Content-Length and Transfer-Encoding, headers too large) never reach a route, so the answer is
 * written to the socket here, in the same {error: {code, message}} shape as every other error.
 */
export function clientErrorHandler(err: NodeJS.ErrnoException, socket: Socket): void {
  // A reset connection has nobody left to answer.
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, message] = PARSER_ERRORS[err.code ?? ''] ?? [400, 'the request is not valid HTTP'];
  const body = JSON.stringify({ error: { code: CODES[status] ?? 'bad_request', message } });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(err);
}
