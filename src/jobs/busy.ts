// What "work still to be done" means for the queues, written once: `GET /api/status` reports
// `idle` from it and `crosscheck up --once` waits for it. No BullMQ import, so the API can use it.

/**
 * Job states that mean work is still to be done (BullMQ names). The next run of a polling
 * schedule is counted as `scheduled` (see JobBus.counts) and is not among them: a system that
 * only waits for its next poll is idle.
 */
export const BUSY_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children'] as const;

/** Jobs in busy states across all queues, from counts per queue and state. */
export function busyJobCount(counts: Record<string, Record<string, number>>): number {
  return Object.values(counts).reduce((sum, states) => sum + BUSY_STATES.reduce((s, state) => s + (Number(states[state]) || 0), 0), 0);
}
