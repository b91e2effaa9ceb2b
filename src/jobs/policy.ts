import type { JobsOptions } from 'bullmq';
import type { QueueName } from './catalogue';

// Every attempts/backoff/concurrency number in one place, with its reason.

export interface QueuePolicy {
  /** Defaults for every job added to the queue. */
  job: JobsOptions;
  /** Jobs one worker process runs at once. */
  concurrency: number;
  /** Jobs all workers together run at once (undefined: no global limit). */
  globalConcurrency?: number;
}

const keepHistory = { removeOnComplete: { age: 3600, count: 1000 }, removeOnFail: { age: 7 * 86400 } };

export const QUEUE_POLICY: Record<QueueName, QueuePolicy> = {
  fetch: {
    // Network failures are retried a little; the per-source backoff in the database handles
    // long outages, so the queue does not hold a failing source's jobs for hours.
    job: { attempts: 3, backoff: { type: 'exponential', delay: 5_000 }, ...keepHistory },
    // Fetching is I/O bound; per-host politeness limits are applied inside the stage.
    concurrency: 8,
  },
  extract: {
    // Full-text fetches can fail transiently; extraction itself is deterministic.
    job: { attempts: 4, backoff: { type: 'exponential', delay: 2_000 }, ...keepHistory },
    concurrency: 4,
  },
  cluster: {
    job: { attempts: 5, backoff: { type: 'exponential', delay: 1_000 }, ...keepHistory },
    concurrency: 1,
    // One at a time across all workers: two near-simultaneous articles of a new story must
    // not each create an event.
    globalConcurrency: 1,
  },
  verify: {
    // A story arriving from many feeds at once bumps its event's revision many times in a few
    // seconds. Waiting a moment before verifying lets the first job verify the latest revision;
    // the jobs for the revisions in between then find nothing left to do.
    job: { attempts: 5, backoff: { type: 'exponential', delay: 1_000 }, delay: 1_500, ...keepHistory },
    concurrency: 2,
  },
  notify: {
    job: { attempts: 5, backoff: { type: 'exponential', delay: 2_000 }, ...keepHistory },
    concurrency: 2,
  },
  deliver: {
    // A mail server or webhook receiver that is down for a while: 10 attempts doubling from 2 s
    // span about half an hour before a message is marked failed (it stays stored; `jobs retry`
    // sends it later). Each attempt's error is recorded on the message and the subscription.
    job: { attempts: 10, backoff: { type: 'exponential', delay: 2_000 }, ...keepHistory },
    // Sending is I/O bound; a few at once keeps one slow receiver from holding up the rest.
    concurrency: 4,
  },
};
