import { listEnabledSources } from '../db/queries/sources';
import { pipelineSummary, type PipelineSummary } from '../db/queries/summary';
import { enqueueFetchOnce } from '../jobs/scheduler';
import { BUSY_STATES, busyJobCount, failedPending } from '../jobs/busy';
import type { System } from './system';

const busyOnlyByFailures = (counts: Record<string, Record<string, number>>) =>
  Object.values(counts).every((states) => BUSY_STATES.every((state) => !states[state]));

/**
 * Fetches every enabled source once and waits until every queue is drained: nothing waiting,
 * running or delayed, and no failed job left that the recovery sweep would retry.
 */
export async function runOnce(system: System, options: { timeoutMs?: number; onProgress?: (line: string) => void } = {}): Promise<PipelineSummary> {
  const sources = await listEnabledSources(system.database.db);
  const runId = Date.now().toString(36);
  await enqueueFetchOnce(system.bus, sources.map((s) => s.id), runId);
  const deadline = Date.now() + (options.timeoutMs ?? 30 * 60_000);
  let lastReport = 0;
  // Drained twice in a row: a job finishing adds its follow-ups before it completes, but a
  // second look guards against reading the counts in between two queues.
  let quietChecks = 0;
  while (quietChecks < 2) {
    if (Date.now() > deadline) throw new Error('the pipeline did not drain before the time limit');
    await new Promise((r) => setTimeout(r, 200));
    const counts = await system.bus.counts();
    quietChecks = busyJobCount(counts) === 0 ? quietChecks + 1 : 0;
    // Nothing runs but failed jobs are still to be recovered: retry them now rather than wait
    // for the periodic sweep (bounded by their recovery count, so the run ends).
    if (quietChecks === 0 && busyOnlyByFailures(counts)) await system.recover();
    if (options.onProgress && Date.now() - lastReport > 5_000) {
      lastReport = Date.now();
      options.onProgress(
        Object.entries(counts)
          .map(([queue, c]) => `${queue} ${c.waiting + c.active + c.delayed + failedPending(c)} left`)
          .join(', '),
      );
    }
  }
  return pipelineSummary(system.database.db);
}

/** Renders the end-of-run summary as a small table. */
export function formatSummary(summary: PipelineSummary): string {
  const lines: string[] = [];
  const failing = summary.sources.filter((s) => s.lastErrorClass);
  const fetched = summary.sources.filter((s) => s.lastFetchedAt && !s.lastErrorClass);
  lines.push(`sources   ${summary.sources.length} enabled, ${fetched.length} fetched, ${failing.length} failing`);
  lines.push(`articles  ${summary.articles} (${summary.duplicates} syndicated copies)`);
  lines.push(`events    ${summary.events}`);
  lines.push(`entities  ${summary.entities}`);
  const claims = Object.entries(summary.claimsByStatus);
  const total = claims.reduce((n, [, c]) => n + c, 0);
  lines.push(`claims    ${total}${claims.length ? ` (${claims.map(([s, n]) => `${s} ${n}`).join(', ')})` : ''}`);
  if (failing.length) {
    lines.push('failures');
    for (const s of failing) lines.push(`  ${s.id.padEnd(28)} ${s.lastErrorClass}: ${s.lastErrorMessage ?? ''}`.slice(0, 160));
  }
  return lines.join('\n');
}
