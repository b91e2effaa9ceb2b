import type { Job } from 'bullmq';
import type { Logger } from '../logger';
import { QUEUES, type QueueName } from './catalogue';
import { MAX_RECOVERIES } from './policy';
import type { JobBus } from './queues';

// Work that failed for good is retried, not re-added: job ids are deterministic, so adding the
// same id while the failed job is kept (a week) would do nothing. The sweep calls job.retry()
// on each failed job, at most MAX_RECOVERIES times per job; the count lives in one Redis hash
// per deployment (field `queue/jobId`), outside the payload, so handlers never see it. A job past
// its recoveries, or one that failed with a permanent error, stays failed and is listed by
// `crosscheck jobs failed` and counted as `failedForGood` in the queue counts.

/** One failed job as an operator sees it. */
export interface FailedJob {
  queue: QueueName;
  name: string;
  id: string;
  attempts: number;
  reason: string;
  failedAt: Date | null;
  /** Times the sweep (or an operator) has already retried it. */
  recoveries: number;
  /** Past its recoveries or failed permanently: the sweep leaves it alone. */
  forGood: boolean;
}

const recoveryKey = (bus: JobBus) => bus.recoveryKey;
const field = (queue: QueueName, id: string) => `${queue}/${id}`;
// How many failed jobs one look reads per queue; more than this is a broken deployment and the
// next sweep takes the rest.
const PAGE = 1_000;

/** Records that a job failed in a way no retry fixes (a bad payload, a missing row): never recovered. */
export async function markFailedForGood(bus: JobBus, queue: QueueName, id: string): Promise<void> {
  await bus.connection.hset(recoveryKey(bus), field(queue, id), MAX_RECOVERIES);
}

/** Forgets a job's recoveries once it completed (its id may be reused by a later run). */
export async function forgetRecoveries(bus: JobBus, queue: QueueName, id: string): Promise<void> {
  await bus.connection.hdel(recoveryKey(bus), field(queue, id));
}

async function failedJobsOf(bus: JobBus, queue: QueueName): Promise<FailedJob[]> {
  const jobs = (await bus.queues[queue].getFailed(0, PAGE - 1)).filter((job): job is Job => Boolean(job?.id));
  if (!jobs.length) return [];
  const counts = await bus.connection.hmget(recoveryKey(bus), ...jobs.map((job) => field(queue, job.id!)));
  return jobs.map((job, i) => {
    const recoveries = Number(counts[i] ?? 0);
    return {
      queue,
      name: job.name,
      id: job.id!,
      attempts: job.attemptsMade,
      reason: job.failedReason ?? '',
      failedAt: job.finishedOn ? new Date(job.finishedOn) : null,
      recoveries,
      forGood: recoveries >= MAX_RECOVERIES,
    };
  });
}

/** Failed jobs of every queue (or one), oldest failure first. */
export async function listFailedJobs(bus: JobBus, queue?: QueueName): Promise<FailedJob[]> {
  const lists = await Promise.all((queue ? [queue] : QUEUES).map((q) => failedJobsOf(bus, q)));
  return lists.flat().sort((a, b) => (a.failedAt?.getTime() ?? 0) - (b.failedAt?.getTime() ?? 0));
}

/** Failed jobs per queue that the sweep will not retry (see FailedJob.forGood). */
export async function failedForGoodCounts(bus: JobBus): Promise<Record<QueueName, number>> {
  const entries = await Promise.all(QUEUES.map(async (q) => [q, (await failedJobsOf(bus, q)).filter((j) => j.forGood).length] as const));
  return Object.fromEntries(entries) as Record<QueueName, number>;
}

export interface RecoveryResult {
  retried: FailedJob[];
  /** Left failed: past their recoveries or failed permanently. */
  givenUp: FailedJob[];
}

/**
 * Retries failed jobs with job.retry(), full attempts again. The sweep (`manual` false) skips
 * jobs past their recoveries; an operator's `crosscheck jobs retry` (`manual` true) retries
 * those too and starts their count afresh. A job that stopped being failed meanwhile (another
 * process retried it) is skipped.
 */
export async function recoverFailedJobs(bus: JobBus, options: { log?: Logger; queue?: QueueName; manual?: boolean } = {}): Promise<RecoveryResult> {
  const result: RecoveryResult = { retried: [], givenUp: [] };
  for (const failed of await listFailedJobs(bus, options.queue)) {
    if (failed.forGood && !options.manual) {
      result.givenUp.push(failed);
      continue;
    }
    const job = await bus.queues[failed.queue].getJob(failed.id);
    if (!job || (await job.getState()) !== 'failed') continue;
    const recoveries = options.manual ? 0 : failed.recoveries + 1;
    await bus.connection.hset(recoveryKey(bus), field(failed.queue, failed.id), recoveries);
    try {
      await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
    } catch (error) {
      // Retried by someone else between the look and the retry: nothing lost.
      options.log?.debug({ queue: failed.queue, job_id: failed.id, err: (error as Error).message }, 'failed job not retried');
      continue;
    }
    options.log?.warn(
      { queue: failed.queue, job_id: failed.id, job: failed.name, reason: failed.reason, recovery: recoveries, max: MAX_RECOVERIES },
      'retrying failed job',
    );
    result.retried.push({ ...failed, recoveries, forGood: false });
  }
  for (const failed of result.givenUp) {
    options.log?.error({ queue: failed.queue, job_id: failed.id, job: failed.name, reason: failed.reason, recoveries: failed.recoveries }, 'failed job left failed');
  }
  return result;
}

/**
 * Runs the sweep now and then every `intervalMs` in this process. Several worker processes may
 * each run it: a short Redis lock lets one sweep at a time, so a job is never counted twice.
 * A timer rather than a BullMQ job: the sweep is what recovers lost jobs, so it must not itself
 * be a job that can be lost, and it needs no catalogue entry, payload or follow-ups.
 */
export function startRecoverySweep(bus: JobBus, options: { log: Logger; intervalMs: number }): { stop(): void; sweep(): Promise<void> } {
  const lockKey = `${bus.prefix}:recovery-lock`;
  const sweep = async () => {
    try {
      const locked = await bus.connection.set(lockKey, String(process.pid), 'PX', 60_000, 'NX');
      if (locked !== 'OK') return;
      try {
        await recoverFailedJobs(bus, { log: options.log });
      } finally {
        await bus.connection.del(lockKey);
      }
    } catch (error) {
      // Redis away: the next sweep tries again.
      options.log.warn({ err: (error as Error).message }, 'recovery sweep failed');
    }
  };
  const timer = setInterval(() => void sweep(), options.intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer), sweep };
}
