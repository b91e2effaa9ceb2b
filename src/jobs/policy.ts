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
  /** Worker lock and stall check; BullMQ's defaults (30 s lock, 30 s check, 1 stall) unless said. */
  stall?: { lockDuration?: number; stalledInterval?: number; maxStalledCount?: number };
}

// A worker killed mid-job (SIGKILL, OOM, a machine going away) leaves its job active until the
// lock expires; the stall check then puts it back. BullMQ fails a job on its second stall, so a
// worker killed twice in a row, which says nothing about the job, lost the job for good. Every
// job is idempotent, so being run again is harmless: 5 stalls are allowed before a job fails
// (a job that itself kills its worker still ends failed), and the recovery sweep retries those.
const MAX_STALLED = 5;

// Finished jobs are history, not state (the database records every outcome), so Redis keeps
// only what an operator looks at: completed jobs for an hour, at most the last 1000 per queue
// (enough to see the last poll round of a few hundred sources), failed jobs for a week (long
// enough to be noticed over a weekend and retried by hand). A completed job's id is then free,
// which does not make work run twice: each stage records its own progress in Postgres and a
// re-run finds nothing left to do.
const keepHistory = { removeOnComplete: { age: 3600, count: 1000 }, removeOnFail: { age: 7 * 86400 } };

export const QUEUE_POLICY: Record<QueueName, QueuePolicy> = {
  fetch: {
    // Network failures are retried a little; the per-source backoff in the database handles
    // long outages, so the queue does not hold a failing source's jobs for hours. 3 attempts
    // 5 s, then 10 s apart ride out a dropped connection or a restarting server (well under a
    // minute in all), and stay far below the shortest polling interval.
    job: { attempts: 3, backoff: { type: 'exponential', delay: 5_000 }, ...keepHistory },
    // Fetching is I/O bound (a job mostly waits on the network) and per-host politeness limits
    // are applied inside the stage, so 8 at once keeps many slow hosts from delaying the rest
    // while a 2-core machine parses what arrives.
    concurrency: 8,
    stall: { maxStalledCount: MAX_STALLED },
  },
  extract: {
    // Full-text fetches can fail transiently; extraction itself is deterministic. 4 attempts
    // 2, 4 and 8 s apart give an article page about 15 s to come back before the job fails.
    job: { attempts: 4, backoff: { type: 'exponential', delay: 2_000 }, ...keepHistory },
    // Extraction is CPU bound (readability, tokenising, the gazetteer) with a page fetch in the
    // middle: 4 keeps both cores busy while some jobs wait on the network.
    concurrency: 4,
    stall: { maxStalledCount: MAX_STALLED },
  },
  cluster: {
    // Clustering only talks to the database; a failure is a lost connection, usually gone
    // within seconds. 5 attempts 1, 2, 4 and 8 s apart cover a database restart
    // of about 15 s. A re-run of a clustered version is a no-op, so retrying is always safe.
    job: { attempts: 5, backoff: { type: 'exponential', delay: 1_000 }, ...keepHistory },
    // See globalConcurrency: more than one per process would only wait on the global limit.
    concurrency: 1,
    // One at a time across all workers: two near-simultaneous articles of a new story must
    // not each create an event.
    globalConcurrency: 1,
    // With one cluster job at a time across all workers, a dead worker's job stops the whole stage
    // until the lock expires and a stall check runs (30 s each by default: about a minute). A
    // 6 s lock (renewed every 3 s while the job runs) checked every 3 s hands the job on within
    // about 10 s. A lock lost under a blocked event loop only means a job runs twice, which the
    // cluster stage makes harmless (a clustered version is a no-op).
    stall: { lockDuration: 6_000, stalledInterval: 3_000, maxStalledCount: MAX_STALLED },
  },
  verify: {
    // A story arriving from many feeds at once bumps its event's revision many times in a few
    // seconds. Waiting a moment before verifying lets the first job verify the latest revision;
    // the jobs for the revisions in between then find nothing left to do. 1.5 s covers a burst
    // of copies arriving from one poll round without making a new story wait noticeably.
    // Verification is database work like clustering: the same 5 attempts from 1 s.
    job: { attempts: 5, backoff: { type: 'exponential', delay: 1_000 }, delay: 1_500, ...keepHistory },
    // CPU bound (claim matching over an event's articles) and each job replaces one event's
    // claims in a transaction: 2 uses both cores; different events never conflict.
    concurrency: 2,
    stall: { maxStalledCount: MAX_STALLED },
  },
  notify: {
    // Matching reads the event and inserts deliveries under a unique constraint, so a retry
    // never records a match twice; 5 attempts from 2 s (about 30 s in all) ride out a database
    // hiccup before a match is given up.
    job: { attempts: 5, backoff: { type: 'exponential', delay: 2_000 }, ...keepHistory },
    // Cheap jobs (one event against the subscriptions); 2 keeps up with verify's 2.
    concurrency: 2,
    stall: { maxStalledCount: MAX_STALLED },
  },
  deliver: {
    // A mail server or webhook receiver that is down for a while: 10 attempts doubling from 2 s
    // span about half an hour before a message is marked failed (it stays stored; `jobs retry`
    // sends it later). Each attempt's error is recorded on the message and the subscription.
    job: { attempts: 10, backoff: { type: 'exponential', delay: 2_000 }, ...keepHistory },
    // Sending is I/O bound; a few at once keeps one slow receiver from holding up the rest.
    concurrency: 4,
    stall: { maxStalledCount: MAX_STALLED },
  },
};

// A story that keeps growing (a big one gains an article every few seconds for hours) would be
// verified again after nearly every article, and each verification costs in proportion to its
// size, so the work grows with the square of the story. After each verification an event waits
// 20 ms per article before the next (a 200-article event, about 1.5 ms per article to verify,
// then spends under a tenth of its time being verified), and never more than 10 s: a status is
// at most that far behind the articles it weighs.
export const VERIFY_PACE = { perArticleMs: 20, maxMs: 10_000 };

// A job that failed for good is retried by the recovery sweep (src/jobs/recovery.ts) at most this
// many times; then it stays failed and visible (`crosscheck jobs failed`) for an operator. 5
// sweeps 5 minutes apart cover outages of about half an hour; a job that fails after all that
// is broken, and retrying it forever would only hide it.
export const MAX_RECOVERIES = 5;

// How often each worker process sweeps failed jobs back in. Short enough that work lost to an
// outage comes back within minutes, long enough that a broken job does not spin.
export const RECOVERY_INTERVAL_MS = 5 * 60_000;

// A job whose handler found the database unreachable did nothing wrong: it is put back, delayed
// by this long, without spending an attempt, until the database answers. 2 s is a few polls of a
// restarting server, and cheap while it is down (one failed connect per job every 2 s).
export const DATABASE_WAIT_MS = 2_000;
