import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApiDeps } from '../api/deps';
import { fmt } from './format';

// What every workspace page shares: the options its routes receive and how a page is rendered.
// Apart from plugin.ts so the routes it registers do not import it back.

export interface WebOptions {
  deps: ApiDeps;
  /** Whether cookies are marked Secure (the public URL is https). */
  secure: boolean;
  sessionSecret: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in analyst's writer id, or null. */
    analyst: string | null;
  }
}

/** Renders a page with what every page needs: who is signed in, a CSRF token, the formatters. */
export async function renderPage(
  request: FastifyRequest,
  reply: FastifyReply,
  template: string,
  data: Record<string, unknown>,
  status = 200,
): Promise<FastifyReply> {
  const csrfToken = reply.generateCsrf();
  const html = await reply.viewAsync(template, { ...data, analyst: request.analyst, csrfToken, fmt, path: request.url });
  return reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
}
