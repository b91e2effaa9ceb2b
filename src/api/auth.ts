import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Db } from '../db/client';
import { hashKey } from '../db/queries/api-keys';
import { isStoredKeyHash } from '../db/queries/subscriptions';
import { ApiError } from './errors';
import type { WrongKeyCounter } from './limits';

// Write access: a bearer key from API_KEYS, or one whose sha256 was stored on first start.

declare module 'fastify' {
  interface FastifyRequest {
    /** First 8 hex chars of the write key's sha256: who did it, without storing the key. */
    writer: string | null;
  }
}

// The digest of a key as stored (hex), as bytes for timingSafeEqual.
const sha256 = (value: string) => Buffer.from(hashKey(value), 'hex');

/**
 * Checks a presented write key against API_KEYS and the stored hashes; returns who it is (the first
 * 8 hex chars of its sha256) or null. Shared by the Bearer check and the workspace sign-in.
 */
export function writeKeyChecker(apiKeys: readonly string[], db: Db) {
  const configured = apiKeys.map(sha256);
  return async function writerOf(key: string): Promise<string | null> {
    const presented = sha256(key);
    // Compare digests of equal length against every key, without stopping early, so timing says nothing.
    let accepted = false;
    for (const known of configured) accepted = timingSafeEqual(presented, known) || accepted;
    // A lookup by digest reveals nothing about a key an attacker cannot already hash.
    if (!accepted) accepted = await isStoredKeyHash(db, presented.toString('hex'));
    return accepted ? presented.toString('hex').slice(0, 8) : null;
  };
}

/** Builds an onRequest hook that admits only requests bearing an accepted write key, slowing wrong ones. */
export function requireWriteKey(apiKeys: readonly string[], db: Db, wrongKeys: WrongKeyCounter) {
  const writerOf = writeKeyChecker(apiKeys, db);
  return async function checkWriteKey(request: FastifyRequest): Promise<void> {
    const wait = wrongKeys.waitSeconds(request.ip);
    if (wait > 0) {
      throw new ApiError(429, 'too_many_requests', `too many wrong keys from this address; try again in ${wait} s`, {
        'retry-after': String(wait),
      });
    }
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    if (!match) throw new ApiError(401, 'unauthorized', 'send the write key as "Authorization: Bearer <key>"');
    const writer = await writerOf(match[1]);
    if (!writer) {
      wrongKeys.failed(request.ip);
      throw new ApiError(403, 'forbidden', 'this key may not write');
    }
    wrongKeys.succeeded(request.ip);
    request.writer = writer;
  };
}

/** OpenAPI security requirement for routes guarded by requireWriteKey. */
export const bearerSecurity = [{ bearerAuth: [] as string[] }];
