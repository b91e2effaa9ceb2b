import type { FastifyRequest } from 'fastify';
import { badRequest } from './errors';

// Input the schemas cannot refuse on their own:
// - Postgres text cannot hold U+0000; a NUL reaching a query would be a 500.
// - A deeply nested JSON body would overflow the stack of anything that walks it recursively
//   (validators, serializers, this guard once did), so nesting is capped.
// - Ajv coerces "Infinity" and "1e999" to Infinity and then skips its range checks for
//   non-finite numbers, so a limit or id of Infinity reached the database.

/** Deepest nesting of objects and arrays accepted in a JSON body. */
export const MAX_JSON_DEPTH = 32;

/**
 * The first fault in a value (a NUL in a key or string, or nesting past maxDepth) as a message naming
 * its path, or undefined. Walks with an explicit stack, so no input can overflow the call stack.
 */
export function inputFault(value: unknown, root: string, maxDepth = MAX_JSON_DEPTH): string | undefined {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: root, depth: 0 }];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (typeof item.value === 'string') {
      if (item.value.includes('\u0000')) return `${item.path} must not contain NUL characters`;
      continue;
    }
    if (!item.value || typeof item.value !== 'object') continue;
    if (item.depth >= maxDepth) return `${root} is nested deeper than ${maxDepth} levels`;
    const entries = Array.isArray(item.value) ? item.value.entries() : Object.entries(item.value);
    const children: typeof stack = [];
    for (const [key, child] of entries) {
      if (typeof key === 'string' && key.includes('\u0000')) return `${item.path} must not contain NUL characters`;
      children.push({ value: child, path: `${item.path}/${key}`, depth: item.depth + 1 });
    }
    // Reversed, so the first offending field in document order is the one reported.
    stack.push(...children.reverse());
  }
  return undefined;
}

/** preValidation hook: a 400 naming the first parameter that contains a NUL, or a body nested too deep. */
export async function rejectUnsafeInput(request: FastifyRequest): Promise<void> {
  const fault =
    inputFault(request.params, 'params') ?? inputFault(request.query, 'querystring') ?? inputFault(request.body, 'body');
  if (fault) throw badRequest(fault);
}

/** The first number (or number in a list) that is not finite, by name, or undefined. */
function nonFinite(values: unknown): string | undefined {
  if (!values || typeof values !== 'object') return undefined;
  for (const [name, value] of Object.entries(values)) {
    const list: unknown[] = Array.isArray(value) ? value : [value];
    if (list.some((v) => typeof v === 'number' && !Number.isFinite(v))) return name;
  }
  return undefined;
}

/** preHandler hook (after coercion): a 400 naming a query or path number that is Infinity or beyond. */
export async function rejectNonFiniteNumbers(request: FastifyRequest): Promise<void> {
  const param = nonFinite(request.params);
  if (param) throw badRequest(`params/${param} must be a finite number`);
  const query = nonFinite(request.query);
  if (query) throw badRequest(`querystring/${query} must be a finite number`);
}
