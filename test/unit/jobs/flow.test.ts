import { describe, expect, it } from 'vitest';
import { JOBS, parsePayload, type JobName } from '../../../src/jobs/catalogue';
import { FOLLOW_UPS, nextJobs, type StageResults } from '../../../src/jobs/flow';
import * as jobs from '../../../src/jobs/jobs';
import type { NextJob } from '../../../src/jobs/jobs';

// The flow: what each finished job enqueues, built by the job constructors.

// What a stage might answer for each job (the handler's result for this payload).
function resultOf(job: NextJob): StageResults[JobName] {
  switch (job.name) {
    case 'ExtractArticle':
      return { articleId: job.payload.articleId, version: job.payload.version };
    case 'ClusterArticle':
      return { events: [{ id: 40 + job.payload.articleId, revision: 3 }] };
    case 'VerifyEvent':
      return { eventId: job.payload.eventId, revision: job.payload.revision };
    case 'NotifyEvent':
      return { matched: 1, alerts: [], messages: [] };
    default:
      return { articles: [] };
  }
}

describe('the flow', () => {
  it('runs fetch → extract (per article) → cluster → verify (per changed event) → notify, and nothing after notify', () => {
    const seen: string[] = [];
    let frontier: NextJob[] = nextJobs('FetchSource', { articles: [{ id: 7, version: 2 }, { id: 8, version: 1 }] });
    while (frontier.length) {
      seen.push(...frontier.map((job) => job.jobId));
      frontier = frontier.flatMap((job) => nextJobs(job.name, resultOf(job) as never));
    }
    expect(seen).toEqual([
      'extract-7-v2',
      'extract-8-v1',
      'cluster-7-v2',
      'cluster-8-v1',
      'verify-47-r3',
      'verify-48-r3',
      'notify-47-r3',
      'notify-48-r3',
    ]);
  });

  it('enqueues one verify job per event the cluster stage changed, and none when it changed nothing', () => {
    expect(FOLLOW_UPS.ClusterArticle({ events: [{ id: 1, revision: 4 }, { id: 2, revision: 9 }] })).toEqual([
      { name: 'VerifyEvent', payload: { eventId: 1, revision: 4 }, jobId: 'verify-1-r4' },
      { name: 'VerifyEvent', payload: { eventId: 2, revision: 9 }, jobId: 'verify-2-r9' },
    ]);
    // A re-run of a clustered version returns no events: nothing is verified again.
    expect(FOLLOW_UPS.ClusterArticle({ events: [] })).toEqual([]);
    expect(FOLLOW_UPS.FetchSource({ articles: [] })).toEqual([]);
    expect(FOLLOW_UPS.NotifyEvent({ matched: 5, alerts: [], messages: [] })).toEqual([]);
  });

  it('verifies again the events a verification touched (a Federal Register document they await), after notifying its own', () => {
    expect(FOLLOW_UPS.VerifyEvent({ eventId: 5, revision: 2, touched: [{ id: 9, revision: 4 }] }).map((job) => job.jobId)).toEqual(['notify-5-r2', 'verify-9-r4']);
    expect(FOLLOW_UPS.VerifyEvent({ eventId: 5, revision: 2 }).map((job) => job.jobId)).toEqual(['notify-5-r2']);
  });

  it('builds jobs whose payloads their queue accepts and whose ids BullMQ accepts', () => {
    const built: NextJob[] = [
      jobs.extractArticle(1, 1),
      jobs.clusterArticle(1, 2),
      jobs.verifyEvent(3, 0),
      jobs.notifyEvent(3, 5),
      jobs.fetchSource('sec-press', { runId: 'k3x9' }),
      jobs.fetchSource('sec-press', { runId: 'k3x9', force: true }),
    ];
    for (const job of built) {
      expect(parsePayload(job.name, job.payload)).toEqual(job.payload);
      expect(job.jobId).not.toContain(':');
    }
    expect(new Set(built.map((job) => JOBS[job.name].queue))).toEqual(new Set(['extract', 'cluster', 'verify', 'notify', 'fetch']));
  });

  it('carries force in the fetch payload: off for polling and by default, on only when asked', () => {
    expect(jobs.fetchSource('wire', { runId: 'r1' })).toEqual({ name: 'FetchSource', payload: { sourceId: 'wire', force: false }, jobId: 'once-wire-r1' });
    expect(jobs.fetchSource('wire', { runId: 'r1', force: true }).payload.force).toBe(true);
    expect(jobs.pollSource('wire')).toEqual({ name: 'FetchSource', data: { sourceId: 'wire', force: false } });
    // A job queued before force was in the payload reads as not forced.
    expect(parsePayload('FetchSource', { sourceId: 'wire' })).toEqual({ sourceId: 'wire', force: false });
  });

  it('gives the same job the same id, whoever builds it', () => {
    expect(jobs.verifyEvent(12, 3)).toEqual(jobs.verifyEvent(12, 3));
    expect(jobs.verifyEvent(12, 3).jobId).not.toBe(jobs.verifyEvent(12, 4).jobId);
    expect(jobs.extractArticle(12, 3).jobId).not.toBe(jobs.clusterArticle(12, 3).jobId);
  });
});
