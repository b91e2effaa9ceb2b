import type { SubscriptionRow } from '../db/queries/subscriptions';
import { digestSchedulerId, expireSignupsSchedulerId } from './ids';
import type { JobBus } from './queues';

// Digest schedules: one BullMQ job scheduler per digest subscription, a cron pattern in the
// subscriber's own time zone (so 07:00 stays 07:00 across daylight saving), kept in step with the table.

/** The cron pattern of a digest: hourly at sendAt's minute, daily at sendAt, weekly on Mondays at sendAt. */
export function digestPattern(frequency: string, sendAt: string): string {
  const [hour, minute] = sendAt.split(':').map(Number);
  if (frequency === 'hourly') return `${minute} * * * *`;
  if (frequency === 'weekly') return `${minute} ${hour} * * 1`;
  return `${minute} ${hour} * * *`;
}

const wantsSchedule = (s: SubscriptionRow) => s.kind === 'digest' && s.state === 'active' && s.unsubscribedAt === null && s.email !== null;

/** Installs, changes or removes one subscription's digest schedule to match its row (undefined: deleted). */
export async function scheduleDigest(bus: JobBus, subscriptionId: string, row: SubscriptionRow | undefined): Promise<void> {
  const queue = bus.queues.deliver;
  const id = digestSchedulerId(subscriptionId);
  if (!row || !wantsSchedule(row)) {
    await queue.removeJobScheduler(id);
    return;
  }
  await queue.upsertJobScheduler(id, { pattern: digestPattern(row.frequency, row.sendAt), tz: row.timezone }, { name: 'SendDigest', data: { subscriptionId } });
}

/** Makes the digest schedules match the subscriptions table, and installs the hourly sign-up clean-up. */
export async function scheduleDigests(bus: JobBus, subscriptions: SubscriptionRow[]): Promise<void> {
  const queue = bus.queues.deliver;
  const wanted = new Set<string>();
  for (const row of subscriptions.filter(wantsSchedule)) {
    wanted.add(digestSchedulerId(row.id));
    await scheduleDigest(bus, row.id, row);
  }
  for (const scheduler of await queue.getJobSchedulers(0, -1)) {
    if (scheduler.key && scheduler.key.startsWith('digest-') && !wanted.has(scheduler.key)) await queue.removeJobScheduler(scheduler.key);
  }
  await queue.upsertJobScheduler(expireSignupsSchedulerId, { every: 3_600_000 }, { name: 'ExpireSignups', data: {} });
}
