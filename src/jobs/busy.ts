// What "work still to be done" means for the queues, written once: `GET /api/status` reports
// `idle` from it and `crosscheck up --once` waits for it. No BullMQ import, so the API can use it.

/**
 * Job states that mean work is still to be done (BullMQ names). The next run of a polling
 * schedule is counted as `scheduled` (see JobBus.counts) and is not among them: a system that
 * only waits for its next poll is idle.
 */
export const BUSY_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children'] as const;

/**
 * Failed jobs the recovery sweep will still retry: `failed` less `failedForGood` (see
 * JobBus.counts). They are work to be done, so they keep the system busy. A job past its
 * recoveries does not: it would keep `idle` false for the week Redis keeps it, and a one-off run
 * would never end; it is reported (`failedForGood`, `crosscheck jobs failed`) instead.
 */
export function failedPending(states: Record<string, number>): number {
  return Math.max(0, (Number(states.failed) || 0) - (Number(states.failedForGood) || 0));
}

/** Jobs in busy states across all queues, plus failed jobs still to be recovered, from counts per queue and state. */
export function busyJobCount(counts: Record<string, Record<string, number>>): number {
  return Object.values(counts).reduce(
    (sum, states) => sum + BUSY_STATES.reduce((s, state) => s + (Number(states[state]) || 0), 0) + failedPending(states),
    0,
  );
}
