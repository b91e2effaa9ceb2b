import type { FastifyRequest } from 'fastify';
import { badRequest } from './errors';

// Postgres text cannot hold U+0000; a NUL reaching a query would be a 500, so it is refused as input.

function nulPath(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path : undefined;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = nulPath(item, `${path}/${i}`);
      if (found) return found;
    }
    return undefined;
  }
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = nulPath(key, path) ?? nulPath(item, `${path}/${key}`);
      if (found) return found;
    }
  }
  return undefined;
}

/** preValidation hook: a 400 naming the first parameter that contains a NUL character. */
export async function rejectNulCharacters(request: FastifyRequest): Promise<void> {
  const found =
    nulPath(request.params, 'params') ?? nulPath(request.query, 'querystring') ?? nulPath(request.body, 'body');
  if (found) throw badRequest(`${found} must not contain NUL characters`);
}
