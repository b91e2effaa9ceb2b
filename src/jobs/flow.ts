import type { JobName } from './catalogue';
import * as jobs from './jobs';
import type { NextJob } from './jobs';

// The whole chain of what runs after what, in one place:
// FetchSource → ExtractArticle (per new or edited article) → ClusterArticle → VerifyEvent → NotifyEvent.

/** What each job's handler returns: what its follow-ups are built from. */
export interface StageResults {
  FetchSource: { articles: { id: number; version: number }[] };
  ExtractArticle: { articleId: number; version: number };
  ClusterArticle: { events: { id: number; revision: number }[] };
  VerifyEvent: { eventId: number; revision: number };
  NotifyEvent: { matched: number };
}

/** Per job name, the jobs that follow from its result; a job added to the catalogue without an entry is a compile error. */
export type FollowUps = { [N in JobName]: (result: StageResults[N]) => NextJob[] };

export const FOLLOW_UPS: FollowUps = {
  FetchSource: (result) => result.articles.map((a) => jobs.extractArticle(a.id, a.version)),
  ExtractArticle: (result) => [jobs.clusterArticle(result.articleId, result.version)],
  ClusterArticle: (result) => result.events.map((e) => jobs.verifyEvent(e.id, e.revision)),
  VerifyEvent: (result) => [jobs.notifyEvent(result.eventId, result.revision)],
  // Matches are recorded; nothing runs after notify in the pipeline.
  NotifyEvent: () => [],
};

/** The jobs to enqueue once `name` finished with `result`. */
export function nextJobs<N extends JobName>(name: N, result: StageResults[N]): NextJob[] {
  return FOLLOW_UPS[name](result);
}
