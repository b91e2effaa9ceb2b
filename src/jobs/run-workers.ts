import { DelayedError, UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { isDatabaseUnavailable } from '../db/unavailable';
import type { StageContext } from '../pipeline/context';
import { JOBS, jobsOfQueue, parsePayload, type JobName, type QueueName } from './catalogue';
import { JobWaits, PermanentJobError } from './errors';
import { nextJobs, type StageResults } from './flow';
import type { HandlerMap, JobHandler } from './handlers';
import { DATABASE_WAIT_MS, QUEUE_POLICY } from './policy';
import type { JobBus } from './queues';
import { forgetRecoveries, markFailedForGood } from './recovery';

/** Fails start-up when a job of a requested queue has no handler (a job nobody runs is a silent loss). */
export function assertHandlers(handlers: Partial<HandlerMap>, queues: readonly QueueName[]): void {
  const missing = queues.flatMap(jobsOfQueue).filter((name) => typeof handlers[name] !== 'function');
  if (missing.length) throw new Error(`no handler for job(s): ${missing.join(', ')}`);
}

/** One job: validate its payload, run its handler, enqueue what the flow says comes next. */
async function runJob<N extends JobName>(name: N, handlers: HandlerMap, bus: JobBus, ctx: StageContext, job: Job): Promise<StageResults[N]> {
  let payload;
  try {
    payload = parsePayload(name, job.data);
  } catch (error) {
    throw new PermanentJobError(`bad payload for ${name}: ${(error as Error).message}`);
  }
  const handler: JobHandler<N> = handlers[name];
  // A job scheduler's run carries its due time as prevMillis; other jobs are due when added.
  const scheduledAt = new Date((job.opts as { prevMillis?: number }).prevMillis ?? job.timestamp);
  const result = await handler(ctx, payload, { attempt: job.attemptsMade + 1, maxAttempts: job.opts.attempts ?? 1, scheduledAt });
  await bus.addAll(nextJobs(name, result));
  return result;
}

/**
 * Starts one BullMQ worker per queue. Each job: validate the payload, run the handler, then
 * enqueue what the flow says comes next. Follow-ups have deterministic ids, so a job retried
 * after a crash between the two steps enqueues nothing twice.
 */
export function startWorkers(options: {
  queues: readonly QueueName[];
  handlers: HandlerMap;
  ctx: StageContext;
  bus: JobBus;
  connection: Redis;
  /** Told how long each successful job took (benchmarks use it for per-stage time shares). */
  onJobTimed?: (queue: QueueName, ms: number) => void;
  /** How long a job that found the database unreachable waits before it runs again (default DATABASE_WAIT_MS). */
  databaseWaitMs?: number;
}): Worker[] {
  const { queues, handlers, ctx, bus, connection, onJobTimed } = options;
  const databaseWaitMs = options.databaseWaitMs ?? DATABASE_WAIT_MS;
  assertHandlers(handlers, queues);
  return queues.map((queue) => {
    const worker = new Worker(
      queue,
      async (job: Job, token?: string) => {
        const name = job.name as JobName;
        if (!(name in JOBS) || JOBS[name].queue !== queue) throw new PermanentJobError(`unknown job ${job.name} on queue ${queue}`);
        const log = ctx.log.child({ queue, job_id: job.id, job: name });
        const started = performance.now();
        let result;
        try {
          result = await runJob(name, handlers, bus, { ...ctx, log }, job);
        } catch (error) {
          if (error instanceof JobWaits && token) {
            log.debug({ wait_ms: error.waitMs, reason: error.message }, 'job waits');
            await job.moveToDelayed(Date.now() + error.waitMs, token);
            throw new DelayedError();
          }
          // The database being away is no fault of the job: spending its attempts on it would
          // fail every job in flight within seconds of an outage. It waits, attempts untouched,
          // and runs again once the database answers (every stage is idempotent). If Redis is
          // away too, moving it fails and the failure counts as an ordinary attempt.
          if (!isDatabaseUnavailable(error) || !token) throw error;
          log.warn({ err: (error as Error).message, wait_ms: databaseWaitMs }, 'database unavailable; job waits');
          await job.moveToDelayed(Date.now() + databaseWaitMs, token);
          throw new DelayedError();
        }
        onJobTimed?.(queue, performance.now() - started);
        return result;
      },
      { connection, prefix: bus.prefix, concurrency: QUEUE_POLICY[queue].concurrency, autorun: true, ...QUEUE_POLICY[queue].stall },
    );
    worker.on('failed', (job, error) => {
      if (!job) return;
      // Only the last failed attempt is a failure worth a warning; earlier ones are retries.
      const final = error instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1);
      const fields = { queue, job_id: job.id, job: job.name, attempts: job.attemptsMade, err: error.message };
      if (final) ctx.log.error(fields, 'job failed');
      else ctx.log.debug(fields, 'job attempt failed; will retry');
      // No retry fixes a permanent error: the recovery sweep leaves such a job failed.
      if (error instanceof UnrecoverableError && job.id) {
        markFailedForGood(bus, queue, job.id).catch((err) => ctx.log.warn({ queue, job_id: job.id, err: (err as Error).message }, 'could not mark job failed for good'));
      }
    });
    worker.on('completed', (job) => {
      if (job.id) forgetRecoveries(bus, queue, job.id).catch(() => undefined);
    });
    worker.on('error', (error) => ctx.log.error({ queue, err: error.message }, 'worker error'));
    return worker;
  });
}

/** Closes workers, letting active jobs finish (BullMQ returns unfinished ones to the queue on restart). */
export async function stopWorkers(workers: Worker[]): Promise<void> {
  await Promise.all(workers.map((w) => w.close()));
}
