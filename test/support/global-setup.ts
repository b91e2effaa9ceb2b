import type { TestProject } from 'vitest/node';
import { startPrivateRedis } from '../../src/services/redis-server';
import { markOwned, reapAbandonedServers } from '../../harness/abandoned-servers';
import { startTestPostgres } from '../../harness/postgres-server';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
    postgresUrl: string;
  }
}

// One private redis-server and one throwaway PostgreSQL for the whole run; each test file
// takes its own database and its own BullMQ key prefix or queue names.
export default async function setup(project: TestProject) {
  const reaped = await reapAbandonedServers();
  if (reaped.length) console.warn(`stopped the servers an interrupted test run left behind in ${reaped.join(', ')}`);
  const redisDir = mkdtempSync(path.join(os.tmpdir(), 'crosscheck-redis-'));
  markOwned(redisDir);
  const [redis, postgres] = await Promise.all([startPrivateRedis(redisDir, { persistent: false }), startTestPostgres()]);
  project.provide('redisUrl', redis.url);
  project.provide('postgresUrl', postgres.url);
  return async () => {
    await Promise.all([redis.stop(), postgres.stop()]);
    rmSync(redisDir, { recursive: true, force: true });
  };
}
