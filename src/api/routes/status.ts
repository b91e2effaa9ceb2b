import type { FastifyInstance } from 'fastify';
import { pipelineCounts } from '../../db/queries/status';
import { busyJobCount, failedPending } from '../../jobs/busy';
import type { RouteOptions } from '../deps';

// What the pipeline holds and whether it is busy: `idle` is what `crosscheck up --once` waits for.

const count = { type: 'integer', minimum: 0 } as const;

const statusSchema = {
  type: 'object',
  required: ['counts', 'queues', 'failedJobs', 'idle', 'sources'],
  properties: {
    counts: {
      type: 'object',
      required: ['sources', 'enabledSources', 'articles', 'events', 'claims', 'claimsByStatus'],
      properties: {
        sources: count,
        enabledSources: count,
        articles: count,
        events: count,
        claims: count,
        claimsByStatus: { type: 'object', additionalProperties: count },
      },
    },
    queues: {
      type: 'object',
      description: 'Job counts per queue and state.',
      additionalProperties: { type: 'object', additionalProperties: { type: 'number' } },
    },
    failedJobs: {
      type: 'object',
      description:
        'Failed jobs over all queues: `pending` will be retried by the recovery sweep (and keep `idle` false); `forGood` exhausted their recoveries or failed permanently and wait for `crosscheck jobs retry`.',
      required: ['pending', 'forGood'],
      properties: { pending: count, forGood: count },
    },
    queuesError: { type: 'string', description: 'Present when the queue counts could not be read.' },
    idle: {
      type: 'boolean',
      description:
        'No job waiting, active, delayed, prioritized, waiting for children or failed but still to be recovered, and every enabled source fetched at least once.',
    },
    sources: {
      type: 'object',
      description: 'Enabled sources only.',
      required: ['fetched', 'neverFetched', 'failing'],
      properties: { fetched: count, neverFetched: count, failing: count },
    },
  },
} as const;

/** GET /api/status. */
export default async function statusRoutes(app: FastifyInstance, { deps }: RouteOptions): Promise<void> {
  app.get(
    '/api/status',
    { schema: { tags: ['system'], summary: 'Counts, queue depths and whether the pipeline is idle', response: { 200: statusSchema } } },
    async (request) => {
      const counts = await pipelineCounts(deps.database.db);
      let queues: Record<string, Record<string, number>> = {};
      let queuesError: string | undefined;
      try {
        queues = await deps.queueCounts();
      } catch (err) {
        // Unknown queue state is never idle; the counts from the database are still worth showing.
        request.log.warn({ err }, 'queue counts unavailable');
        queuesError = 'queue counts unavailable';
      }
      const idle = queuesError === undefined && busyJobCount(queues) === 0 && counts.sourceHealth.neverFetched === 0;
      const { sourceHealth, ...totals } = counts;
      const perQueue = Object.values(queues);
      const failedJobs = {
        pending: perQueue.reduce((n, states) => n + failedPending(states), 0),
        forGood: perQueue.reduce((n, states) => n + (Number(states.failedForGood) || 0), 0),
      };
      return { counts: totals, queues, failedJobs, ...(queuesError ? { queuesError } : {}), idle, sources: sourceHealth };
    },
  );
}
