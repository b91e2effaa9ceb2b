import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Settings } from '../../src/config/env';
import type { Db } from '../../src/db/client';
import type { HandlerMap } from '../../src/jobs/handlers';
import { notifyEvent } from '../../src/jobs/jobs';
import { JobBus, redisConnection } from '../../src/jobs/queues';
import { startWorkers, stopWorkers } from '../../src/jobs/run-workers';
import { createLogger } from '../../src/logger';
import { startPrivateRedis, type PrivateRedis } from '../../src/services/redis-server';

// `crosscheck jobs failed` and `crosscheck jobs retry` as an operator runs them, against a
// redis-server of this file's own (the commands use the deployment's key prefix).

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dir = mkdtempSync(path.join(os.tmpdir(), 'crosscheck-jobs-'));
const cli = async (args: string[], env: Record<string, string>) => {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [path.join(ROOT, 'bin/crosscheck.mjs'), ...args], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: dir, ...env },
      encoding: 'utf8',
    });
    return { status: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { status: e.code, stdout: e.stdout, stderr: e.stderr };
  }
};

describe('crosscheck jobs', () => {
  let redis: PrivateRedis;
  let bus: JobBus;
  let workers: Worker[];
  const id = notifyEvent(7, 2).jobId;

  beforeAll(async () => {
    redis = await startPrivateRedis(path.join(dir, 'redis-test'), { persistent: false });
    bus = new JobBus(redisConnection(redis.url));
    const handlers = {
      NotifyEvent: async () => {
        throw new Error('subscriptions table locked');
      },
    } as Partial<HandlerMap> as HandlerMap;
    workers = startWorkers({ queues: ['notify'], handlers, ctx: { db: {} as Db, log: createLogger('silent'), settings: {} as Settings }, bus, connection: bus.connection });
    const job = notifyEvent(7, 2);
    await bus.queues.notify.add(job.name, job.payload, { jobId: job.jobId, attempts: 1 });
    for (;;) {
      const found = await bus.queues.notify.getJob(id);
      if (found && (await found.getState()) === 'failed') break;
      await new Promise((r) => setTimeout(r, 25));
    }
    // Nobody runs the retried job: the test sees where the retry put it.
    await stopWorkers(workers);
  });
  afterAll(async () => {
    await bus.close();
    bus.connection.disconnect();
    await redis.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists failed jobs with queue, name, id, attempts, failed-at and reason', async () => {
    const result = await cli(['jobs', 'failed'], { REDIS_URL: redis.url });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const [header, row, ...rest] = result.stdout.trim().split('\n');
    expect(header).toMatch(/^QUEUE\s+NAME\s+ID\s+ATTEMPTS\s+RECOVERED\s+FAILED AT\s+REASON$/);
    expect(row).toMatch(new RegExp(`^notify\\s+NotifyEvent\\s+${id}\\s+1\\s+0\\s+\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z\\s+subscriptions table locked$`));
    expect(rest).toEqual([]);
  });

  it('refuses an unknown queue, and retries the failed jobs of a queue', async () => {
    const bad = await cli(['jobs', 'retry', '--queue', 'notifications'], { REDIS_URL: redis.url });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('unknown queue "notifications"');
    expect(await (await bus.queues.notify.getJob(id))!.getState()).toBe('failed');

    const fetchOnly = await cli(['jobs', 'retry', '--queue', 'fetch'], { REDIS_URL: redis.url });
    expect(fetchOnly.stdout).toContain('retried 0 failed jobs');
    expect(await (await bus.queues.notify.getJob(id))!.getState()).toBe('failed');

    const result = await cli(['jobs', 'retry', '--queue', 'notify'], { REDIS_URL: redis.url });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('retried 1 failed job');
    expect(result.stdout).toContain(id);
    expect(await (await bus.queues.notify.getJob(id))!.getState()).toBe('waiting');
    expect((await cli(['jobs', 'failed'], { REDIS_URL: redis.url })).stdout.trim()).toBe('no failed jobs');
  });
});
