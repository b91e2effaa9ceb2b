import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Worker } from 'bullmq';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import type { Settings } from '../../src/config/env';
import type { Db } from '../../src/db/client';
import { busyJobCount } from '../../src/jobs/busy';
import type { QueueName } from '../../src/jobs/catalogue';
import { JobWaits, PermanentJobError } from '../../src/jobs/errors';
import type { HandlerMap } from '../../src/jobs/handlers';
import { notifyEvent, verifyEvent } from '../../src/jobs/jobs';
import { MAX_RECOVERIES } from '../../src/jobs/policy';
import { JobBus, redisConnection } from '../../src/jobs/queues';
import { listFailedJobs, recoverFailedJobs } from '../../src/jobs/recovery';
import { startWorkers, stopWorkers } from '../../src/jobs/run-workers';
import { resumePendingWork } from '../../src/jobs/scheduler';
import { createLogger } from '../../src/logger';
import { formatFailedJobs } from '../../src/runtime/jobs-command';
import { startPrivateRedis } from '../../src/services/redis-server';
import { seedEvent } from '../support/api';
import { openStageDatabase, type StageDatabase } from '../support/stage';

// Work that failed for good comes back: the sweep retries failed jobs (the same job, not a new
// one under the same id), a bounded number of times, and a job that found the database away
// waits instead of spending its attempts. Real Redis under a key prefix of each test's own;
// the handlers are the test's, so a failure happens exactly when the test says.

describe('recovery of failed jobs', () => {
  let bus: JobBus;
  let workers: Worker[] = [];
  const log = createLogger('silent');
  const calls = new Map<string, number>();
  // What the handler does on its nth call for a job id: throw the error, or succeed.
  let behaviour: (id: string, call: number) => Error | null = () => null;

  const handle = (id: string) => {
    const call = (calls.get(id) ?? 0) + 1;
    calls.set(id, call);
    const error = behaviour(id, call);
    if (error) throw error;
  };
  const handlers = {
    NotifyEvent: async (_ctx, payload) => {
      handle(`notify-${payload.eventId}-r${payload.revision}`);
      return { matched: 0, alerts: [], messages: [] };
    },
    VerifyEvent: async (_ctx, payload) => {
      handle(`verify-${payload.eventId}-r${payload.revision}`);
      // Returning the revision would enqueue its notify job; the test only follows verify.
      return { eventId: payload.eventId, revision: payload.revision };
    },
  } as Partial<HandlerMap> as HandlerMap;

  const start = (queues: QueueName[], db: Db = {} as Db) => {
    workers = startWorkers({ queues, handlers, ctx: { db, log, settings: {} as Settings }, bus, connection: bus.connection, databaseWaitMs: 20 });
  };
  /** Waits until the job is in `state` (observed, no time margin; the test timeout bounds it). */
  const reach = async (queue: QueueName, id: string, state: 'failed' | 'completed') => {
    for (;;) {
      const job = await bus.queues[queue].getJob(id);
      if (job && (await job.getState()) === state) return job;
      await new Promise((r) => setTimeout(r, 25));
    }
  };
  /** Adds one notify job with a single attempt, so one thrown error fails it. */
  const addNotify = async (eventId: number) => {
    const job = notifyEvent(eventId, 1);
    await bus.queues.notify.add(job.name, job.payload, { jobId: job.jobId, attempts: 1 });
    return job.jobId;
  };

  beforeEach(() => {
    bus = new JobBus(redisConnection(inject('redisUrl')), `test-recovery-${randomUUID()}`);
    calls.clear();
    behaviour = () => null;
  });
  afterEach(async () => {
    await stopWorkers(workers);
    workers = [];
    await Promise.all(Object.values(bus.queues).map((queue) => queue.obliterate({ force: true })));
    await bus.connection.del(bus.recoveryKey);
    await bus.close();
    bus.connection.disconnect();
  });

  it('retries a job that exhausted its attempts (re-adding its id does nothing), and it completes', async () => {
    behaviour = (_id, call) => (call === 1 ? new Error('database went away mid-query') : null);
    start(['notify']);
    const id = await addNotify(1);
    await reach('notify', id, 'failed');

    const counts = await bus.counts();
    expect(counts.notify).toMatchObject({ failed: 1, failedForGood: 0 });
    // A failed job still to be recovered is work to be done.
    expect(busyJobCount(counts)).toBe(1);
    // What resuming used to do: the same id again is a no-op while the failed job is kept.
    await addNotify(1);
    expect(await (await bus.queues.notify.getJob(id))!.getState()).toBe('failed');

    const listed = await listFailedJobs(bus);
    expect(listed).toMatchObject([{ queue: 'notify', name: 'NotifyEvent', id, attempts: 1, reason: 'database went away mid-query', recoveries: 0, forGood: false }]);
    expect(listed[0].failedAt).toBeInstanceOf(Date);
    expect(formatFailedJobs(listed)).toContain(`notify  NotifyEvent  ${id}`);

    const { retried } = await recoverFailedJobs(bus, { log });
    expect(retried.map((j) => j.id)).toEqual([id]);
    await reach('notify', id, 'completed');
    expect(calls.get(id)).toBe(2);
    expect(busyJobCount(await bus.counts())).toBe(0);
  });

  it('gives up after MAX_RECOVERIES: the job stays failed and visible, does not keep the system busy, and an operator can still retry it', async () => {
    behaviour = () => new Error('always broken');
    start(['notify']);
    const id = await addNotify(2);
    await reach('notify', id, 'failed');
    for (let n = 1; n <= MAX_RECOVERIES; n++) {
      expect((await recoverFailedJobs(bus, { log })).retried).toHaveLength(1);
      // Each recovery is a run of its own; wait until this one failed again.
      while (calls.get(id) !== n + 1) await new Promise((r) => setTimeout(r, 25));
      await reach('notify', id, 'failed');
    }
    const last = await recoverFailedJobs(bus, { log });
    expect(last.retried).toEqual([]);
    expect(last.givenUp).toMatchObject([{ id, recoveries: MAX_RECOVERIES, forGood: true, reason: 'always broken' }]);
    expect(calls.get(id)).toBe(MAX_RECOVERIES + 1);

    const counts = await bus.counts();
    expect(counts.notify).toMatchObject({ failed: 1, failedForGood: 1 });
    expect(busyJobCount(counts)).toBe(0);
    expect(formatFailedJobs(await listFailedJobs(bus))).toContain(`${MAX_RECOVERIES} (given up)`);

    behaviour = () => null;
    const manual = await recoverFailedJobs(bus, { log, queue: 'notify', manual: true });
    expect(manual.retried.map((j) => j.id)).toEqual([id]);
    await reach('notify', id, 'completed');
  });

  it('never recovers a job that failed with a permanent error', async () => {
    behaviour = () => new PermanentJobError('event 3 does not exist');
    start(['notify']);
    const id = await addNotify(3);
    await reach('notify', id, 'failed');
    // The worker marks it given up in its 'failed' listener; wait for the mark to be written.
    while (!(await listFailedJobs(bus))[0]?.forGood) await new Promise((r) => setTimeout(r, 25));
    expect((await recoverFailedJobs(bus, { log })).retried).toEqual([]);
    expect(calls.get(id)).toBe(1);
    expect(busyJobCount(await bus.counts())).toBe(0);
  });

  it('lets a job wait out an unreachable database without spending its attempts', async () => {
    // A single attempt: any failure that counted would fail the job.
    const refused = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    behaviour = (_id, call) => (call <= 6 ? refused() : null);
    start(['notify']);
    const id = await addNotify(4);
    const job = await reach('notify', id, 'completed');
    expect(calls.get(id)).toBe(7);
    expect(job.attemptsMade).toBeLessThanOrEqual(1);
    expect((await bus.counts()).notify.failed).toBe(0);
  });

  it('puts back a job whose stage asked to wait, without spending its attempts, and runs it again later', async () => {
    behaviour = (_id, call) => (call <= 3 ? new JobWaits(10, 'verified a moment ago') : null);
    start(['notify']);
    const id = await addNotify(5);
    const job = await reach('notify', id, 'completed');
    expect(calls.get(id)).toBe(4);
    expect(job.attemptsMade).toBeLessThanOrEqual(1);
    expect((await bus.counts()).notify.failed).toBe(0);
  });

  describe('on Postgres', () => {
    let stage: StageDatabase;
    beforeEach(async () => {
      stage = await openStageDatabase('postgres', inject('postgresUrl'));
    });
    afterEach(async () => {
      await stage.close();
    });

    it('resumePendingWork retries the failed job that holds the id of work still pending', async () => {
      const db = stage.database.db;
      const event = await seedEvent(db, { title: 'Unverified', lastSeenAt: new Date('2025-01-17T17:00:00Z'), revision: 2, verifiedRevision: 1 });
      const job = verifyEvent(event.id, 2);
      behaviour = (_id, call) => (call === 1 ? new Error('lost during an outage') : null);
      start(['verify'], db);
      await bus.queues.verify.add(job.name, job.payload, { jobId: job.jobId, attempts: 1, delay: 0 });
      await reach('verify', job.jobId, 'failed');

      expect(await resumePendingWork(db, bus, log)).toBe(1);
      await reach('verify', job.jobId, 'completed');
      expect(calls.get(job.jobId)).toBe(2);
    });
  });
});

describe('a worker across a Redis restart', () => {
  it('reconnects by itself and runs the jobs added after the restart', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'crosscheck-redis-restart-'));
    let redis = await startPrivateRedis(dir);
    const bus = new JobBus(redisConnection(redis.url));
    const done: number[] = [];
    const handlers = {
      NotifyEvent: async (_ctx, payload) => {
        done.push(payload.eventId);
        return { matched: 0, alerts: [], messages: [] };
      },
    } as Partial<HandlerMap> as HandlerMap;
    const workers = startWorkers({ queues: ['notify'], handlers, ctx: { db: {} as Db, log: createLogger('silent'), settings: {} as Settings }, bus, connection: bus.connection });
    try {
      await bus.add(notifyEvent(1, 1));
      while (!done.includes(1)) await new Promise((r) => setTimeout(r, 25));
      await redis.stop();
      // While Redis is away the add waits (maxRetriesPerRequest null) instead of failing.
      const adding = bus.add(notifyEvent(2, 1));
      redis = await startPrivateRedis(dir, { port: redis.port });
      await adding;
      while (!done.includes(2)) await new Promise((r) => setTimeout(r, 25));
      expect(done).toEqual([1, 2]);
    } finally {
      await stopWorkers(workers);
      await bus.close();
      bus.connection.disconnect();
      await redis.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
