import type { Db } from '../../db/client';
import { getClaim } from '../../db/queries/claims';
import type { EventForMatching } from '../../db/queries/deliveries';
import type { StatusChangeRow } from '../../db/queries/status-changes';
import type { Links } from '../../email/links';

/** The JSON a webhook receives for one change (DESIGN.md: type, occurredAt, event, claim?). Serialised once and stored, so every retry sends the same signed bytes. */
export async function webhookBody(db: Db, change: StatusChangeRow, event: EventForMatching, links: Links): Promise<string> {
  const type = change.subject === 'claim' ? 'claim.status_changed' : change.previousStatus === null ? 'event.created' : 'event.status_changed';
  const claim = change.claimId !== null && change.subject === 'claim' ? await getClaim(db, change.claimId) : undefined;
  return JSON.stringify({
    type,
    occurredAt: change.changedAt.toISOString(),
    event: {
      id: event.id,
      title: event.title,
      status: change.subject === 'event' ? change.status : event.status,
      confidence: change.subject === 'event' ? change.confidence : event.confidence,
      url: links.event(event.id),
    },
    ...(change.subject === 'claim' && change.claimId !== null
      ? {
          claim: {
            id: change.claimId,
            text: claim?.text ?? null,
            status: change.status,
            previousStatus: change.previousStatus,
            confidence: change.confidence,
            url: links.claim(change.claimId),
          },
        }
      : {}),
  });
}
