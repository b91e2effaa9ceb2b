import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '../client';
import { apiKeys } from '../schema';

/** sha256 of a key, hex: the only form in which generated keys are stored. */
export const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');

/** When no write key exists yet, generates one, stores its hash and returns it (to be shown once). */
export async function ensureGeneratedKey(db: Db): Promise<string | undefined> {
  const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(apiKeys);
  if (n > 0) return undefined;
  const key = `cc_${randomBytes(24).toString('base64url')}`;
  await db.insert(apiKeys).values({ keyHash: hashKey(key) });
  return key;
}
