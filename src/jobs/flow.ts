import type { JobName, JobPayload } from './catalogue';
import { clusterJobId, extractJobId, notifyJobId, verifyJobId } from './ids';

// The whole chain of what runs after what, in one place:
// FetchSource → ExtractArticle (per new or edited article) → ClusterArticle → VerifyEvent → NotifyEvent.

export interface StageResults {
  FetchSource: { articles: { id: number; version: number }[] };
  ExtractArticle: { articleId: number; version: number };
  ClusterArticle: { events: { id: number; revision: number }[] };
  VerifyEvent: { eventId: number; revision: number };
  NotifyEvent: { matched: number };
}

export interface NextJob<N extends JobName = JobName> {
  name: N;
  payload: JobPayload<N>;
  jobId: string;
}

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
    default:
      return [];
  }
}
