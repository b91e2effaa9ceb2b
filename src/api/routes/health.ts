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
  },
} as const;

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
      if (!ok) request.log.warn({ database, redis }, 'health check failed');
      return reply.code(ok ? 200 : 503).send({ status: ok ? 'ok' : 'unavailable', database, redis });
    },
  );
}
