import { Queue } from 'bullmq';
import { Redis, type RedisOptions } from 'ioredis';
import { busyJobCount } from './busy';
import { JOBS, QUEUES, type JobName, type QueueName } from './catalogue';
import type { NextJob } from './jobs';
import { MAX_RECOVERIES, QUEUE_POLICY } from './policy';

/** Prefix of every BullMQ key, so several deployments can share one Redis. */
export const QUEUE_PREFIX = 'crosscheck';

/** Opens an ioredis connection suitable for BullMQ (workers need maxRetriesPerRequest null). */
export function redisConnection(url: string, options: RedisOptions = {}): Redis {
  const client = new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true, ...options });
  // Errors surface through the operations that fail; an unhandled 'error' event would crash the process.
  client.on('error', () => undefined);
  return client;
}

/** Every queue, for adding jobs and reading counts. */
export class JobBus {
  readonly queues: Record<QueueName, Queue>;

  /** `prefix` keeps the keys of one bus apart from another's on a shared Redis (tests give each their own). */
  constructor(
    readonly connection: Redis,
    readonly prefix: string = QUEUE_PREFIX,
  ) {
    this.queues = Object.fromEntries(
      QUEUES.map((name) => {
        const queue = new Queue(name, { connection, prefix, defaultJobOptions: QUEUE_POLICY[name].job });
        // Each queue repeats the connection's errors (every refused reconnect while Redis restarts);
        // with no listener BullMQ prints each as a stack trace outside the JSON log. As for the
        // connection, the failures that matter surface through the operations that fail.
        queue.on('error', () => undefined);
        return [name, queue];
      }),
    ) as Record<QueueName, Queue>;
  }

  /** Redis hash of how often each failed job was recovered (field `queue/jobId`; see recovery.ts). */
  get recoveryKey(): string {
    return `${this.prefix}:recoveries`;
  }

  /** Of a queue's failed jobs (up to 1000), how many are past their recoveries: the sweep leaves those alone. */
  async failedForGood(name: QueueName): Promise<number> {
    const ids = await this.queues[name].getRanges(['failed'], 0, 999);
    if (!ids.length) return 0;
    const counts = await this.connection.hmget(this.recoveryKey, ...ids.map((id) => `${name}/${id}`));
    return counts.filter((c) => Number(c ?? 0) >= MAX_RECOVERIES).length;
  }

  /** Applies global concurrency limits from the policy (idempotent). */
  async applyPolicy(): Promise<void> {
    for (const name of QUEUES) {
      const limit = QUEUE_POLICY[name].globalConcurrency;
      if (limit !== undefined) await this.queues[name].setGlobalConcurrency(limit);
    }
  }

  /** Adds one job under its deterministic id (an existing id is a no-op). */
  async add(job: NextJob): Promise<void> {
    await this.queueOf(job.name).add(job.name, job.payload, { jobId: job.jobId, ...(job.delay ? { delay: job.delay } : {}) });
  }

  /** Adds several jobs, grouped per queue in bulk. */
  async addAll(jobs: NextJob[]): Promise<void> {
    const byQueue = new Map<QueueName, NextJob[]>();
    for (const job of jobs) {
      const queue = JOBS[job.name].queue;
      byQueue.set(queue, [...(byQueue.get(queue) ?? []), job]);
    }
    for (const [queue, list] of byQueue) {
      await this.queues[queue].addBulk(list.map((j) => ({ name: j.name, data: j.payload, opts: { jobId: j.jobId, ...(j.delay ? { delay: j.delay } : {}) } })));
    }
  }

  /**
   * Job counts per queue. The next run of each polling schedule sits in the delayed set; it is
   * counted as `scheduled`, not `delayed`, so `delayed` means retries and postponed work only.
   * `failed` counts every failed job; `failedForGood` those of them the recovery sweep will not
   * retry again (the rest are work still to be done).
   */
  async counts(): Promise<Record<QueueName, Record<string, number>>> {
    const entries = await Promise.all(
      QUEUES.map(async (name) => {
        const queue = this.queues[name];
        const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children', 'failed', 'completed');
        counts.scheduled = 0;
        if (counts.delayed > 0) {
          const delayed = await queue.getDelayed(0, 9_999);
          counts.scheduled = delayed.filter((job) => job?.repeatJobKey).length;
          counts.delayed -= counts.scheduled;
        }
        counts.failedForGood = counts.failed > 0 ? await this.failedForGood(name) : 0;
        return [name, counts];
      }),
    );
    return Object.fromEntries(entries);
  }

  /** True when no queue has work waiting, running, scheduled for a retry or failed but to be recovered (see busyJobCount). */
  async isDrained(): Promise<boolean> {
    return busyJobCount(await this.counts()) === 0;
  }

  queueOf(name: JobName): Queue {
    return this.queues[JOBS[name].queue];
  }

  async close(): Promise<void> {
    await Promise.all(Object.values(this.queues).map((q) => q.close()));
  }
}
