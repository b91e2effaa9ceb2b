import type { JobName, JobPayload } from './catalogue';
import { alertsJobId, clusterJobId, extractJobId, messageJobId, notifyJobId, verifyJobId } from './ids';

// The whole chain of what runs after what, in one place:
// FetchSource → ExtractArticle (per new or edited article) → ClusterArticle → VerifyEvent → NotifyEvent
// → SendAlerts (per alert subscriber, when its batching window closes) and DeliverMessage (per
// webhook change); SendDigest (on each subscriber's schedule) and SendAlerts → DeliverMessage.

export interface StageResults {
  FetchSource: { articles: { id: number; version: number }[] };
  ExtractArticle: { articleId: number; version: number };
  ClusterArticle: { events: { id: number; revision: number }[] };
  VerifyEvent: { eventId: number; revision: number };
  NotifyEvent: { matched: number; alerts: { subscriptionId: string; firstChangeId: number; delayMs: number }[]; messages: number[] };
  SendDigest: { messages: number[] };
  SendAlerts: { messages: number[]; nextBatch?: { subscriptionId: string; firstChangeId: number; delayMs: number } };
  DeliverMessage: { outcome: string };
  ExpireSignups: { expired: number };
}

export interface NextJob<N extends JobName = JobName> {
  name: N;
  payload: JobPayload<N>;
  jobId: string;
  /** Milliseconds to wait before the job may run (alert batching). */
  delay?: number;
}

const deliverEach = (messages: number[]): NextJob[] =>
  messages.map((outboxId) => ({ name: 'DeliverMessage', payload: { outboxId }, jobId: messageJobId(outboxId) }));

/** The jobs to enqueue once `name` finished with `result`. */
export function nextJobs<N extends JobName>(name: N, result: StageResults[N]): NextJob[] {
  switch (name) {
    case 'FetchSource':
      return (result as StageResults['FetchSource']).articles.map((a) => ({
        name: 'ExtractArticle',
        payload: { articleId: a.id, version: a.version },
        jobId: extractJobId(a.id, a.version),
      }));
    case 'ExtractArticle': {
      const r = result as StageResults['ExtractArticle'];
      return [{ name: 'ClusterArticle', payload: { articleId: r.articleId, version: r.version }, jobId: clusterJobId(r.articleId, r.version) }];
    }
    case 'ClusterArticle':
      return (result as StageResults['ClusterArticle']).events.map((e) => ({
        name: 'VerifyEvent',
        payload: { eventId: e.id, revision: e.revision },
        jobId: verifyJobId(e.id, e.revision),
      }));
    case 'VerifyEvent': {
      const r = result as StageResults['VerifyEvent'];
      return [{ name: 'NotifyEvent', payload: { eventId: r.eventId, revision: r.revision }, jobId: notifyJobId(r.eventId, r.revision) }];
    }
    case 'NotifyEvent': {
      const r = result as StageResults['NotifyEvent'];
      return [
        ...r.alerts.map((a) => ({ name: 'SendAlerts' as const, payload: { subscriptionId: a.subscriptionId }, jobId: alertsJobId(a.subscriptionId, a.firstChangeId), delay: a.delayMs })),
        ...deliverEach(r.messages),
      ];
    }
    case 'SendDigest':
      return deliverEach((result as StageResults['SendDigest']).messages);
    case 'SendAlerts': {
      // Changes given while the batch was being built start the next batch, after its own window.
      const r = result as StageResults['SendAlerts'];
      const next = r.nextBatch;
      return [
        ...deliverEach(r.messages),
        ...(next ? [{ name: 'SendAlerts' as const, payload: { subscriptionId: next.subscriptionId }, jobId: alertsJobId(next.subscriptionId, next.firstChangeId), delay: next.delayMs }] : []),
      ];
    }
    default:
      return [];
  }
}
