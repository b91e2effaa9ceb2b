import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { JobBus, redisConnection } from '../../src/jobs/queues';
import { resumePendingWork } from '../../src/jobs/scheduler';
import { seedArticle, seedEvent, seedSource } from '../support/api';
import { openStageDatabase, type StageDatabase } from '../support/stage';

// After a crash, start-up re-enqueues the work the database says is unfinished: articles not
// extracted, articles extracted but not clustered, events whose latest revision is unverified.
// Each test has its own database and its own BullMQ key prefix.

describe('resumePendingWork', () => {
  let stage: StageDatabase;
  let bus: JobBus;
  beforeEach(async () => {
    stage = await openStageDatabase('postgres', inject('postgresUrl'));
    bus = new JobBus(redisConnection(inject('redisUrl')), `test-resume-${randomUUID()}`);
  });
  afterEach(async () => {
    await Promise.all(Object.values(bus.queues).map((queue) => queue.obliterate({ force: true })));
    await bus.close();
    bus.connection.disconnect();
    await stage.close();
  });

  const queued = async () => {
    const all = await Promise.all(Object.values(bus.queues).map((queue) => queue.getJobs(['waiting', 'delayed', 'prioritized', 'active'])));
    return all
      .flat()
      .map((job) => ({ name: job.name, id: job.id, data: job.data }))
      .sort((a, b) => a.id!.localeCompare(b.id!));
  };

  it('enqueues each unfinished step once, under the ids the flow gives it, and nothing that is done', async () => {
    const db = stage.database.db;
    const at = new Date('2025-01-17T17:00:00Z');
    await seedSource(db, { id: 'paper' });
    const done = await seedEvent(db, { title: 'Verified', lastSeenAt: at, revision: 2, verifiedRevision: 2 });
    const stale = await seedEvent(db, { title: 'Changed since verified', lastSeenAt: at, revision: 3, verifiedRevision: 1 });
    // Its last article left: nothing to verify.
    await seedEvent(db, { title: 'Emptied', lastSeenAt: at, revision: 4, verifiedRevision: 1, articleCount: 0 });
    const fetched = await seedArticle(db, { sourceId: 'paper', title: 'Fetched only' });
    const extracted = await seedArticle(db, { sourceId: 'paper', title: 'Extracted only', version: 3, extractedAt: at });
    await seedArticle(db, { sourceId: 'paper', title: 'All done', extractedAt: at, clusteredAt: at, eventId: done.id });

    expect(await resumePendingWork(db, bus)).toBe(3);
    const expected = [
      { name: 'ClusterArticle', id: `cluster-${extracted.id}-v3`, data: { articleId: extracted.id, version: 3 } },
      { name: 'ExtractArticle', id: `extract-${fetched.id}-v1`, data: { articleId: fetched.id, version: 1 } },
      { name: 'VerifyEvent', id: `verify-${stale.id}-r3`, data: { eventId: stale.id, revision: 3 } },
    ];
    expect(await queued()).toEqual(expected);

    // A second start before any worker ran adds nothing new.
    await resumePendingWork(db, bus);
    expect(await queued()).toEqual(expected);
  });

  it('finds nothing to do in a database where every step is done', async () => {
    const db = stage.database.db;
    const at = new Date('2025-01-17T17:00:00Z');
    await seedSource(db, { id: 'paper' });
    const event = await seedEvent(db, { title: 'Verified', lastSeenAt: at, revision: 1, verifiedRevision: 1 });
    await seedArticle(db, { sourceId: 'paper', title: 'All done', extractedAt: at, clusteredAt: at, eventId: event.id });
    expect(await resumePendingWork(db, bus)).toBe(0);
    expect(await queued()).toEqual([]);
  });
});
