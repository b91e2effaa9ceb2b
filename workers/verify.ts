import { JobWaits } from '../src/jobs/errors';
import type { JobHandler } from '../src/jobs/handlers';
import { VERIFY_PACE } from '../src/jobs/policy';
import { verifyEvent } from '../src/pipeline/verify/verify-event';

/** VerifyEvent: extract the event's claims, trace their origins and assess each one. */
export const verifyEventJob: JobHandler<'VerifyEvent'> = async (ctx, { eventId, revision }) => {
  const result = await verifyEvent(ctx, eventId, VERIFY_PACE);
  if (result?.waitMs) throw new JobWaits(result.waitMs, `event ${eventId} was verified a moment ago`);
  return { eventId, revision: result?.revision ?? revision, touched: result?.touched ?? [] };
};
