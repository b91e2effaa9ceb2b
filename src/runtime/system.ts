import path from 'node:path';
import type { Worker } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import type { Settings } from '../config/env';
import { loadSources } from '../config/sources';
import { openDatabase, type Database } from '../db/client';
import { runMigrations } from '../db/migrate';
import { listEnabledSources, syncSources } from '../db/queries/sources';
import { QUEUES, type QueueName } from '../jobs/catalogue';
import { JobBus, redisConnection } from '../jobs/queues';
import { RECOVERY_INTERVAL_MS } from '../jobs/policy';
import { recoverFailedJobs, startRecoverySweep } from '../jobs/recovery';
import { startWorkers, stopWorkers } from '../jobs/run-workers';
import { resumePendingWork, scheduleSources } from '../jobs/scheduler';
import { scheduleDigests } from '../jobs/digest-schedule';
import { deliverMessage } from '../jobs/jobs';
import { pendingMessages } from '../db/queries/outbox';
import { deliverableSubscriptions } from '../db/queries/subscriptions';
import { createMailer } from '../email/transport';
import type { Logger } from '../logger';
import { startPrivateRedis, type PrivateRedis } from '../services/redis-server';
import { createHostGate, type PolitenessOptions } from '../pipeline/fetch/politeness';
import { startReadingThreads } from '../pipeline/extract/reading-threads';
import { HANDLERS } from '../../workers';

export interface SystemOptions {
  settings: Settings;
  log: Logger;
  /** Stages whose workers run in this process (default: all). */
  stages?: readonly QueueName[];
  /** Install the polling schedules from the sources file. */
  schedule?: boolean;
  /** Serve the HTTP API. */
  api?: boolean;
  /** Sources file to load (default settings.sourcesFile); null skips loading. */
  sourcesFile?: string | null;
  /** Overrides the per-host politeness settings (the demo and tests fetch from one loopback host). */
  fetchPolicy?: PolitenessOptions;
  /** Told how long each successful job took, per queue. */
  onJobTimed?: (queue: QueueName, ms: number) => void;
  /** Prefix of the queues' Redis keys (default QUEUE_PREFIX); tests sharing one Redis each take their own. */
  queuePrefix?: string;
  /** How often this process sweeps failed jobs back in (default RECOVERY_INTERVAL_MS; only where workers run). */
  recoveryIntervalMs?: number;
}

/** A running Crosscheck: whatever parts were asked for, and how to stop them in order. */
export interface System {
  database: Database;
  bus: JobBus;
  redisUrl: string;
  app?: FastifyInstance;
  /** Retries failed jobs now (bounded; what the periodic sweep does). */
  recover(): Promise<number>;
  stop(): Promise<void>;
}

/** Starts the database (migrated), Redis (private unless REDIS_URL), workers, schedules and API. */
export async function startSystem(options: SystemOptions): Promise<System> {
  const { settings, log } = options;
  const stages = options.stages ?? QUEUES;
  const cleanups: (() => Promise<unknown>)[] = [];
  const stop = async () => {
    // Workers first (active jobs finish), then the API, queues, Redis and the database.
    for (const cleanup of cleanups.reverse()) {
      await cleanup().catch((error) => log.error({ err: (error as Error).message }, 'error during shutdown'));
    }
    cleanups.length = 0;
  };
  try {
    const database = await openDatabase(settings);
    cleanups.push(() => database.close());
    await runMigrations(database);
    log.info({ database: database.kind, location: database.location }, 'database ready');

    let redisUrl = settings.redisUrl;
    let privateRedis: PrivateRedis | undefined;
    if (!redisUrl) {
      privateRedis = await startPrivateRedis(path.join(settings.dataDir, 'redis'));
      cleanups.push(() => privateRedis!.stop());
      redisUrl = privateRedis.url;
      log.info({ redis: redisUrl }, 'private redis-server started');
    }
    const connection: Redis = redisConnection(redisUrl);
    cleanups.push(async () => connection.disconnect());
    const bus = new JobBus(connection, options.queuePrefix);
    cleanups.push(() => bus.close());
    await bus.applyPolicy();

    if (options.sourcesFile !== null) {
      const configured = await loadSources(options.sourcesFile ?? settings.sourcesFile);
      await syncSources(database.db, configured);
      log.info({ sources: configured.length, enabled: configured.filter((s) => s.enabled).length }, 'sources loaded');
    }

    let app: FastifyInstance | undefined;
    if (options.api) {
      const { startApi } = await import('./api');
      app = await startApi({ settings, log, database, bus, connection });
      cleanups.push(() => app!.close());
    }

    let workers: Worker[] = [];
    if (stages.length) {
      const hostGate = createHostGate(
        options.fetchPolicy ?? { minDelayMs: settings.fetchHostDelayMs, maxConcurrentPerHost: settings.fetchHostConcurrency },
      );
      let mailer;
      if (stages.includes('deliver')) {
        mailer = createMailer(settings);
        cleanups.push(async () => mailer!.close());
        log.info({ mail: mailer.kind === 'smtp' ? 'smtp' : path.join(settings.dataDir, 'outbox') }, 'mail transport ready');
      }
      let readingThreads;
      if (stages.includes('extract') && settings.extractThreads > 0) {
        readingThreads = startReadingThreads(settings.extractThreads);
        cleanups.push(() => readingThreads!.close());
      }
      const ctx = { db: database.db, log, settings, hostGate, mailer, readingThreads };
      workers = startWorkers({ queues: stages, handlers: HANDLERS, ctx, bus, connection, onJobTimed: options.onJobTimed });
      cleanups.push(() => stopWorkers(workers));
      // resumePendingWork is the start-up sweep (failed jobs retried first, so the adds below are
      // not no-ops on their ids); the timer sweeps from then on.
      const resumed = await resumePendingWork(database.db, bus, log);
      if (stages.includes('deliver')) {
        // Messages stored but not yet sent when the last process stopped; their job ids make this a no-op otherwise.
        await bus.addAll((await pendingMessages(database.db)).map((m) => deliverMessage(m.id)));
      }
      if (resumed) log.info({ jobs: resumed }, 'resumed pending work');
      const sweep = startRecoverySweep(bus, { log, intervalMs: options.recoveryIntervalMs ?? RECOVERY_INTERVAL_MS });
      cleanups.push(async () => sweep.stop());
    }
    if (options.schedule) {
      await scheduleSources(bus, await listEnabledSources(database.db));
      await scheduleDigests(bus, await deliverableSubscriptions(database.db, 'digest'));
    }

    const recover = async () => (await recoverFailedJobs(bus, { log })).retried.length;
    return { database, bus, redisUrl, app, recover, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
