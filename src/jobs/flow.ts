import type { JobName } from './catalogue';
import * as jobs from './jobs';
import type { NextJob } from './jobs';

// The whole chain of what runs after what, in one place:
// FetchSource → ExtractArticle (per new or edited article) → ClusterArticle → VerifyEvent → NotifyEvent
// → SendAlerts (per alert subscriber, when its batching window closes) and DeliverMessage (per
// webhook change); SendDigest (on each subscriber's schedule) and SendAlerts → DeliverMessage.

/** A subscriber's next alert batch: named by its oldest waiting change, sent when its window closes. */
interface AlertBatch {
  subscriptionId: string;
  firstChangeId: number;
  delayMs: number;
}

/** What each job's handler returns: what its follow-ups are built from. */
export interface StageResults {
  FetchSource: { articles: { id: number; version: number }[] };
  ExtractArticle: { articleId: number; version: number };
  ClusterArticle: { events: { id: number; revision: number }[] };
  /** `touched`: other events whose evidence this verification changed (a Federal Register document they await). */
  VerifyEvent: { eventId: number; revision: number; touched?: { id: number; revision: number }[] };
  NotifyEvent: { matched: number; alerts: AlertBatch[]; messages: number[] };
  SendDigest: { messages: number[] };
  SendAlerts: { messages: number[]; nextBatch?: AlertBatch };
  DeliverMessage: { outcome: string };
  ExpireSignups: { expired: number };
}

/** Per job name, the jobs that follow from its result; a job added to the catalogue without an entry is a compile error. */
export type FollowUps = { [N in JobName]: (result: StageResults[N]) => NextJob[] };

const alertsOf = (batch: AlertBatch) => jobs.sendAlerts(batch.subscriptionId, batch.firstChangeId, batch.delayMs);

export const FOLLOW_UPS: FollowUps = {
  FetchSource: (result) => result.articles.map((a) => jobs.extractArticle(a.id, a.version)),
  ExtractArticle: (result) => [jobs.clusterArticle(result.articleId, result.version)],
  ClusterArticle: (result) => result.events.map((e) => jobs.verifyEvent(e.id, e.revision)),
  VerifyEvent: (result) => [jobs.notifyEvent(result.eventId, result.revision), ...(result.touched ?? []).map((e) => jobs.verifyEvent(e.id, e.revision))],
  NotifyEvent: (result) => [...result.alerts.map(alertsOf), ...result.messages.map(jobs.deliverMessage)],
  SendDigest: (result) => result.messages.map(jobs.deliverMessage),
  // Changes given while the batch was being built start the next batch, after its own window.
  SendAlerts: (result) => [...result.messages.map(jobs.deliverMessage), ...(result.nextBatch ? [alertsOf(result.nextBatch)] : [])],
  DeliverMessage: () => [],
  ExpireSignups: () => [],
};

/** The jobs to enqueue once `name` finished with `result`. */
export function nextJobs<N extends JobName>(name: N, result: StageResults[N]): NextJob[] {
  return FOLLOW_UPS[name](result);
}
