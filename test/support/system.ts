import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadSettings } from '../../src/config/env';
import { createLogger } from '../../src/logger';
import { startSystem, type System } from '../../src/runtime/system';
import { createTestDatabase } from '../../harness/postgres-server';

/**
 * A queue prefix no other test uses, so tests share the one test Redis without seeing each
 * other's jobs (BullMQ keeps every key of a queue under its prefix).
 */
export function uniqueQueuePrefix(label: string): string {
  return `test-${label}-${randomUUID()}`;
}

/** Starts the whole system (workers, API on a free port, no schedules) over a sources file written from `sourcesYaml`. */
export async function startTestSystem(options: {
  sourcesYaml: string;
  redisUrl: string;
  /** Prefix of the queues' keys on that Redis: give each system its own (uniqueQueuePrefix). */
  queuePrefix: string;
  postgresServerUrl?: string;
  api?: boolean;
  /** Further settings (SMTP_URL, PUBLIC_URL, …). */
  env?: Record<string, string>;
}): Promise<System & { dataDir: string; cleanup(): Promise<void> }> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'crosscheck-e2e-'));
  const sourcesFile = path.join(dataDir, 'sources.yaml');
  writeFileSync(sourcesFile, options.sourcesYaml);
  const databaseUrl = options.postgresServerUrl ? await createTestDatabase(options.postgresServerUrl) : undefined;
  const settings = loadSettings({
    DATA_DIR: dataDir,
    SOURCES_FILE: sourcesFile,
    REDIS_URL: options.redisUrl,
    DATABASE_URL: databaseUrl,
    PORT: '0',
    API_KEYS: 'test-key',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...options.env,
  });
  const system = await startSystem({
    settings,
    log: createLogger(settings.logLevel),
    api: options.api ?? true,
    fetchPolicy: { minDelayMs: 0, maxConcurrentPerHost: 8 },
    queuePrefix: options.queuePrefix,
  });
  return {
    ...system,
    dataDir,
    cleanup: async () => {
      await system.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
