import type { JobHandler } from '../src/jobs/handlers';
import { matchSubscriptions } from '../src/pipeline/notify/match-subscriptions';

/** NotifyEvent: record which subscriptions an event matches (delivery reads these records). */
export const notifyEventJob: JobHandler<'NotifyEvent'> = async (ctx, { eventId, revision }) => {
  const matched = await matchSubscriptions(ctx, eventId, revision);
  return { matched };
};
