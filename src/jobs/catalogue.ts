import { z } from 'zod';

// Every job the system runs, once: its queue and its payload. Payloads carry ids only;
// content stays in Postgres so a retried job always sees the current row.

export const QUEUES = ['fetch', 'extract', 'cluster', 'verify', 'notify', 'deliver'] as const;
export type QueueName = (typeof QUEUES)[number];

const Id = z.number().int().positive();

export const JOBS = {
  FetchSource: {
    queue: 'fetch',
    // force: fetch even a disabled or backing-off source (a one-off run asked for it now).
    payload: z.object({ sourceId: z.string().min(1), force: z.boolean().default(false) }),
  },
  ExtractArticle: { queue: 'extract', payload: z.object({ articleId: Id, version: z.number().int().positive() }) },
  ClusterArticle: { queue: 'cluster', payload: z.object({ articleId: Id, version: z.number().int().positive() }) },
  VerifyEvent: { queue: 'verify', payload: z.object({ eventId: Id, revision: z.number().int().min(0) }) },
  NotifyEvent: { queue: 'notify', payload: z.object({ eventId: Id, revision: z.number().int().min(0) }) },
  // Delivery: digests on each subscriber's schedule, alerts once their batching window closes,
  // and every stored message (email or webhook) sent on its own so its retries are its own.
  SendDigest: { queue: 'deliver', payload: z.object({ subscriptionId: z.uuid(), due: z.number().int().positive().optional() }) },
  SendAlerts: { queue: 'deliver', payload: z.object({ subscriptionId: z.uuid() }) },
  DeliverMessage: { queue: 'deliver', payload: z.object({ outboxId: Id }) },
  ExpireSignups: { queue: 'deliver', payload: z.object({}) },
} as const satisfies Record<string, { queue: QueueName; payload: z.ZodType }>;

export type JobName = keyof typeof JOBS;
export type JobPayload<N extends JobName> = z.infer<(typeof JOBS)[N]['payload']>;

/** Job names handled on one queue. */
export function jobsOfQueue(queue: QueueName): JobName[] {
  return (Object.keys(JOBS) as JobName[]).filter((name) => JOBS[name].queue === queue);
}

/** Validates a payload against its job's schema; a bad payload is a permanent error. */
export function parsePayload<N extends JobName>(name: N, data: unknown): JobPayload<N> {
  return JOBS[name].payload.parse(data) as JobPayload<N>;
}
