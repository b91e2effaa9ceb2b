import type { HandlerMap } from '../src/jobs/handlers';
import { clusterArticleJob } from './cluster';
import { deliverMessageJob, expireSignupsJob, sendAlertsJob, sendDigestJob } from './deliver';
import { extractArticleJob } from './extract';
import { fetchSource } from './fetch';
import { notifyEventJob } from './notify';
import { verifyEventJob } from './verify';

/** Every job's handler; the type makes a job without a handler a compile error, start-up checks it again. */
export const HANDLERS: HandlerMap = {
  FetchSource: fetchSource,
  ExtractArticle: extractArticleJob,
  ClusterArticle: clusterArticleJob,
  VerifyEvent: verifyEventJob,
  NotifyEvent: notifyEventJob,
  SendDigest: sendDigestJob,
  SendAlerts: sendAlertsJob,
  DeliverMessage: deliverMessageJob,
  ExpireSignups: expireSignupsJob,
};
