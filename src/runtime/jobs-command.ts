import path from 'node:path';
import type { Settings } from '../config/env';
import { QUEUES, type QueueName } from '../jobs/catalogue';
import { JobBus, redisConnection } from '../jobs/queues';
import { listFailedJobs, recoverFailedJobs, type FailedJob } from '../jobs/recovery';
import { runningPrivateRedisUrl, startPrivateRedis, type PrivateRedis } from '../services/redis-server';

// `crosscheck jobs failed` and `crosscheck jobs retry [--queue Q]`: what an operator looks at
// when work failed, and how to send it round again.

export class JobsCommandError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JobsCommandError';
  }
}

/** The Redis the jobs are in: REDIS_URL, the private one a running Crosscheck owns, or the private one's data started here. */
async function openBus(settings: Settings): Promise<{ bus: JobBus; close(): Promise<void> }> {
  const dir = path.join(settings.dataDir, 'redis');
  let url = settings.redisUrl ?? (await runningPrivateRedisUrl(dir));
  let own: PrivateRedis | undefined;
  if (!url) {
    own = await startPrivateRedis(dir);
    url = own.url;
  }
  const connection = redisConnection(url, { maxRetriesPerRequest: 1, retryStrategy: () => null });
  const bus = new JobBus(connection);
  return {
    bus,
    close: async () => {
      await bus.close();
      connection.disconnect();
      await own?.stop();
    },
  };
}

/** Renders failed jobs as a table, one line each. */
export function formatFailedJobs(jobs: FailedJob[]): string {
  if (!jobs.length) return 'no failed jobs';
  const rows = [['QUEUE', 'NAME', 'ID', 'ATTEMPTS', 'RECOVERED', 'FAILED AT', 'REASON']];
  for (const j of jobs) {
    const recovered = `${j.recoveries}${j.forGood ? ' (given up)' : ''}`;
    rows.push([j.queue, j.name, j.id, String(j.attempts), recovered, j.failedAt?.toISOString() ?? '-', j.reason.replace(/\s+/g, ' ').slice(0, 200)]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]))).join('  ')).join('\n');
}

/** Runs `jobs failed` or `jobs retry`; returns the exit code. */
export async function runJobsCommand(settings: Settings, action: string | undefined, queue: string | undefined, print: (line: string) => void): Promise<number> {
  if (action !== 'failed' && action !== 'retry') throw new JobsCommandError('usage: crosscheck jobs failed | crosscheck jobs retry [--queue Q]');
  if (queue !== undefined && !QUEUES.includes(queue as QueueName)) throw new JobsCommandError(`crosscheck jobs: unknown queue "${queue}" (one of ${QUEUES.join(', ')})`);
  const { bus, close } = await openBus(settings);
  try {
    if (action === 'failed') {
      print(formatFailedJobs(await listFailedJobs(bus, queue as QueueName | undefined)));
    } else {
      // An operator's retry includes jobs the sweep gave up on, and starts their count afresh.
      const { retried } = await recoverFailedJobs(bus, { queue: queue as QueueName | undefined, manual: true });
      print(`retried ${retried.length} failed job${retried.length === 1 ? '' : 's'}`);
      for (const j of retried) print(`  ${j.queue}  ${j.id}  (${j.reason.slice(0, 120)})`);
    }
    return 0;
  } finally {
    await close();
  }
}
