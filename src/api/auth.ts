import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Db } from '../db/client';
import { hashKey } from '../db/queries/api-keys';
import { isStoredKeyHash } from '../db/queries/subscriptions';
import { ApiError } from './errors';

// Write access: a bearer key from API_KEYS, or one whose sha256 was stored on first start.

declare module 'fastify' {
  interface FastifyRequest {
    /** First 8 hex chars of the write key's sha256: who did it, without storing the key. */
    writer: string | null;
  }
}

// The digest of a key as stored (hex), as bytes for timingSafeEqual.
const sha256 = (value: string) => Buffer.from(hashKey(value), 'hex');

/** Builds an onRequest hook that admits only requests bearing an accepted write key. */
export function requireWriteKey(apiKeys: readonly string[], db: Db) {
  const configured = apiKeys.map(sha256);
  return async function checkWriteKey(request: FastifyRequest): Promise<void> {
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    if (!match) throw new ApiError(401, 'unauthorized', 'send the write key as "Authorization: Bearer <key>"');
    const presented = sha256(match[1]);
    // Compare digests of equal length against every key, without stopping early, so timing says nothing.
    let accepted = false;
    for (const key of configured) accepted = timingSafeEqual(presented, key) || accepted;
    // A lookup by digest reveals nothing about a key an attacker cannot already hash.
    if (!accepted) accepted = await isStoredKeyHash(db, presented.toString('hex'));
    if (!accepted) throw new ApiError(403, 'forbidden', 'this key may not write');
    request.writer = presented.toString('hex').slice(0, 8);
  };
}

/** OpenAPI security requirement for routes guarded by requireWriteKey. */
export const bearerSecurity = [{ bearerAuth: [] as string[] }];
