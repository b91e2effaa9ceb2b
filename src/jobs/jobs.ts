import type { JobName, JobPayload } from './catalogue';
import { alertsJobId, clusterJobId, extractJobId, fetchOnceJobId, messageJobId, notifyJobId, verifyJobId } from './ids';

// Every pipeline job is constructed here, under its deterministic id: the flow, the resume
// after a restart, a review and `crosscheck up --once` all call these, so a job enqueued by
// any of them is the same job (same payload, same id) and adding it twice is a no-op.

/** A job ready to add: its name, its payload and its deterministic id (the payload type follows the name). */
export type NextJob<N extends JobName = JobName> = {
  [K in N]: { name: K; payload: JobPayload<K>; jobId: string; /** Milliseconds to wait before it may run (alert batching). */ delay?: number };
}[N];

/** Extract one version of an article. */
export function extractArticle(articleId: number, version: number): NextJob<'ExtractArticle'> {
  return { name: 'ExtractArticle', payload: { articleId, version }, jobId: extractJobId(articleId, version) };
}

/** Cluster one version of an article. */
export function clusterArticle(articleId: number, version: number): NextJob<'ClusterArticle'> {
  return { name: 'ClusterArticle', payload: { articleId, version }, jobId: clusterJobId(articleId, version) };
}

/** Verify one revision of an event. */
export function verifyEvent(eventId: number, revision: number): NextJob<'VerifyEvent'> {
  return { name: 'VerifyEvent', payload: { eventId, revision }, jobId: verifyJobId(eventId, revision) };
}

/** Match one verified revision of an event against the subscriptions. */
export function notifyEvent(eventId: number, revision: number): NextJob<'NotifyEvent'> {
  return { name: 'NotifyEvent', payload: { eventId, revision }, jobId: notifyJobId(eventId, revision) };
}

/**
 * One immediate fetch of a source within a run (`crosscheck up --once`). `force` fetches it even
 * when it is disabled or backing off after failures: a one-off run asked for this source now.
 */
export function fetchSource(sourceId: string, options: { runId: string; force?: boolean }): NextJob<'FetchSource'> {
  return { name: 'FetchSource', payload: { sourceId, force: options.force ?? false }, jobId: fetchOnceJobId(sourceId, options.runId) };
}

/** What a source's polling schedule adds at each interval (the job scheduler gives each run its id). */
export function pollSource(sourceId: string): { name: 'FetchSource'; data: JobPayload<'FetchSource'> } {
  return { name: 'FetchSource', data: { sourceId, force: false } };
}

/** Send one stored message (email or webhook) from the outbox. */
export function deliverMessage(outboxId: number): NextJob<'DeliverMessage'> {
  return { name: 'DeliverMessage', payload: { outboxId }, jobId: messageJobId(outboxId) };
}

/** Send a subscriber's waiting alerts once their batching window closes (named by the oldest waiting change). */
export function sendAlerts(subscriptionId: string, firstChangeId: number, delayMs: number): NextJob<'SendAlerts'> {
  return { name: 'SendAlerts', payload: { subscriptionId }, jobId: alertsJobId(subscriptionId, firstChangeId), delay: delayMs };
}
