import type { JobHandler } from '../src/jobs/handlers';
import { verifyEvent } from '../src/pipeline/verify/verify-event';

/** VerifyEvent: extract the event's claims, trace their origins and assess each one. */
export const verifyEventJob: JobHandler<'VerifyEvent'> = async (ctx, { eventId, revision }) => {
  const result = await verifyEvent(ctx, eventId);
  return { eventId, revision: result?.revision ?? revision, touched: result?.touched ?? [] };
};
