import type { Db } from '../db/client';
import { pendingClustering, pendingExtraction } from '../db/queries/articles';
import { eventsPendingVerification } from '../db/queries/event-clusters';
import type { SourceRow } from '../db/queries/sources';
import { fetchSchedulerId } from './ids';
import * as jobs from './jobs';
import type { JobBus } from './queues';
import { recoverFailedJobs } from './recovery';
import type { Logger } from '../logger';

/** Makes the polling schedules match the enabled sources: one BullMQ job scheduler per source interval. */
export async function scheduleSources(bus: JobBus, sources: SourceRow[]): Promise<void> {
  const queue = bus.queues.fetch;
  const wanted = new Set<string>();
  for (const source of sources.filter((s) => s.enabled)) {
    const id = fetchSchedulerId(source.id);
    wanted.add(id);
    await queue.upsertJobScheduler(id, { every: source.intervalSeconds * 1000 }, jobs.pollSource(source.id));
  }
  const existing = await queue.getJobSchedulers(0, -1);
  for (const scheduler of existing) {
    if (scheduler.key && !wanted.has(scheduler.key)) await queue.removeJobScheduler(scheduler.key);
  }
}

/** Enqueues one immediate fetch of each source, forced past a backoff (for --once). */
export async function enqueueFetchOnce(bus: JobBus, sourceIds: string[], runId: string): Promise<void> {
  await bus.addAll(sourceIds.map((sourceId) => jobs.fetchSource(sourceId, { runId, force: true })));
}

/**
 * Re-enqueues work a crash may have left between stages; deterministic ids make this safe to
 * repeat. Failed jobs are retried first (bounded, see recovery.ts): a failed job holding the id
 * of work still pending would otherwise turn the add into a no-op and the work would stay lost.
 */
export async function resumePendingWork(db: Db, bus: JobBus, log?: Logger): Promise<number> {
  await recoverFailedJobs(bus, { log });
  const pending = [
    ...(await pendingExtraction(db)).map((a) => jobs.extractArticle(a.id, a.version)),
    ...(await pendingClustering(db)).map((a) => jobs.clusterArticle(a.id, a.version)),
    ...(await eventsPendingVerification(db)).map((e) => jobs.verifyEvent(e.id, e.revision)),
  ];
  await bus.addAll(pending);
  return pending.length;
}
