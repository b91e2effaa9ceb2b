import type { JobHandler } from '../src/jobs/handlers';
import { verifyEvent } from '../src/pipeline/verify/verify-event';

/** VerifyEvent: extract the event's claims, trace their origins and assess each one (a big event verified moments before waits). */
export const verifyEventJob: JobHandler<'VerifyEvent'> = async (ctx, { eventId, revision, postponed }) => {
  const result = await verifyEvent(ctx, eventId, { postponed });
  if (result?.waitMs !== undefined) return { eventId, revision: result.revision, waitMs: result.waitMs };
  return { eventId, revision: result?.revision ?? revision, touched: result?.touched ?? [] };
};
