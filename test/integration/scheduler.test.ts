import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import type { SourceRow } from '../../src/db/queries/sources';
import { QUEUE_POLICY } from '../../src/jobs/policy';
import { JobBus, redisConnection } from '../../src/jobs/queues';
import { scheduleSources } from '../../src/jobs/scheduler';
import { uniqueQueuePrefix } from '../support/system';

// Polling schedules follow the sources table: one BullMQ job scheduler per enabled source at its
// interval, changed when the interval changes, removed when the source is disabled or gone.

const row = (id: string, intervalSeconds: number, enabled = true) => ({ id, intervalSeconds, enabled }) as SourceRow;

describe('scheduleSources', () => {
  let bus: JobBus;

  // Each test starts with no schedules: its own queues on the shared Redis.
  beforeEach(() => {
    bus = new JobBus(redisConnection(inject('redisUrl')), uniqueQueuePrefix('scheduler'));
  });

  afterEach(async () => {
    await bus?.close();
    bus?.connection.disconnect();
  });

  const schedules = async () =>
    Object.fromEntries((await bus.queues.fetch.getJobSchedulers(0, -1)).map((s) => [s.key, Number(s.every)]));

  it('keeps one scheduler per enabled source at its interval', async () => {
    await scheduleSources(bus, [row('wire', 600), row('regulator', 3600), row('paused', 300, false)]);
    expect(await schedules()).toEqual({ 'poll-wire': 600_000, 'poll-regulator': 3_600_000 });
    // Each scheduler has its next fetch queued, with the fetch queue's retry policy.
    const next = (await bus.queues.fetch.getJobs(['delayed', 'waiting', 'prioritized'])).find((job) => job.data.sourceId === 'wire');
    expect(next).toMatchObject({ name: 'FetchSource', opts: { attempts: QUEUE_POLICY.fetch.job.attempts, backoff: { type: 'exponential' } } });
  });

  it('changes an interval and drops the schedules of disabled and removed sources', async () => {
    await scheduleSources(bus, [row('wire', 600), row('regulator', 3600), row('gone', 900)]);
    expect(await schedules()).toEqual({ 'poll-wire': 600_000, 'poll-regulator': 3_600_000, 'poll-gone': 900_000 });
    await scheduleSources(bus, [row('wire', 120), row('regulator', 3600, false)]);
    expect(await schedules()).toEqual({ 'poll-wire': 120_000 });
    // Applying the same sources again changes nothing.
    await scheduleSources(bus, [row('wire', 120)]);
    expect(await schedules()).toEqual({ 'poll-wire': 120_000 });
  });
});
