import type { JobHandler } from '../src/jobs/handlers';
import { matchSubscriptions } from '../src/pipeline/notify/match-subscriptions';

/** NotifyEvent: record which subscriptions an event matches and hand its new changes to alerts and webhooks. */
export const notifyEventJob: JobHandler<'NotifyEvent'> = async (ctx, { eventId, revision }) => {
  return matchSubscriptions(ctx, eventId, revision);
};
