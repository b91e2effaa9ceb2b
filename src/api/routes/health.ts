import type { FastifyInstance } from 'fastify';
import type { RouteOptions } from '../deps';

// Liveness for load balancers and start-up scripts: the database and Redis must both answer.

const PING_TIMEOUT_MS = 2_000;

/** Resolves 'ok' or 'failed' within the timeout, so a hung dependency cannot hang the probe. */
async function probe(ping: () => Promise<void>): Promise<'ok' | 'failed'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'failed'>((resolve) => {
    timer = setTimeout(() => resolve('failed'), PING_TIMEOUT_MS);
  });
  try {
    return await Promise.race([ping().then(() => 'ok' as const), timeout]);
  } catch {
    return 'failed';
  } finally {
    clearTimeout(timer);
  }
}

const checks = {
  type: 'object',
  required: ['status', 'database', 'redis'],
  properties: {
    status: { type: 'string', enum: ['ok', 'unavailable'] },
    database: { type: 'string', enum: ['ok', 'failed'] },
    redis: { type: 'string', enum: ['ok', 'failed'] },
    error: {
      type: 'object',
      description: 'Only on 503: database_unavailable, redis_unavailable, or unavailable when both failed.',
      required: ['code', 'message'],
      properties: { code: { type: 'string' }, message: { type: 'string' } },
    },
  },
} as const;

/** The error a failed check reports, in the shape every other error has. */
function unavailable(database: 'ok' | 'failed', redis: 'ok' | 'failed') {
  if (database === 'failed' && redis === 'failed') return { code: 'unavailable', message: 'neither the database nor Redis answers' };
  if (database === 'failed') return { code: 'database_unavailable', message: 'the database does not answer' };
  return { code: 'redis_unavailable', message: 'Redis does not answer' };
}

/** GET /health. */
export default async function healthRoutes(app: FastifyInstance, { deps }: RouteOptions): Promise<void> {
  app.get(
    '/health',
    {
      schema: {
        tags: ['system'],
        summary: 'Whether the database and Redis answer',
        response: { 200: checks, 503: { ...checks, description: 'A dependency did not answer; see which.' } },
      },
    },
    async (request, reply) => {
      const [database, redis] = await Promise.all([probe(() => deps.database.ping()), probe(() => deps.pingRedis())]);
      const ok = database === 'ok' && redis === 'ok';
      if (ok) return { status: 'ok', database, redis };
      request.log.warn({ database, redis }, 'health check failed');
      return reply.code(503).send({ status: 'unavailable', database, redis, error: unavailable(database, redis) });
    },
  );
}
