import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import type { Settings } from '../config/env';
import type { Database } from '../db/client';
import { ensureGeneratedKey } from '../db/queries/api-keys';
import { claimEvent } from '../db/queries/claim-assessments';
import { touchEvent } from '../db/queries/event-clusters';
import { getSubscription } from '../db/queries/subscriptions';
import { scheduleDigest } from '../jobs/digest-schedule';
import { deliverMessage, verifyEvent } from '../jobs/jobs';
import type { JobBus } from '../jobs/queues';
import type { Logger } from '../logger';
import { buildServer } from './server';

/** Builds the API and the workspace over the running system and listens on HOST:PORT. */
export async function startApi(options: {
  settings: Settings;
  log: Logger;
  database: Database;
  bus: JobBus;
  connection: Redis;
}): Promise<FastifyInstance> {
  const { settings, log, database, bus, connection } = options;
  if (settings.apiKeys.length === 0) {
    const generated = await ensureGeneratedKey(database.db);
    // Shown once: only its hash is stored.
    if (generated) console.log(`API write key (shown once, keep it): ${generated}`);
  }
  const app = await buildServer({
    database,
    logger: log.child({ module: 'api' }),
    queueCounts: () => bus.counts(),
    pingRedis: async () => {
      await connection.ping();
    },
    apiKeys: settings.apiKeys,
    corsOrigins: settings.corsOrigins,
    publicUrl: settings.publicUrl,
    webhookAllowPrivate: settings.webhookAllowPrivate,
    delivery: {
      subscriptionChanged: async (id) => scheduleDigest(bus, id, await getSubscription(database.db, id)),
      send: async (ids) => bus.addAll(ids.map(deliverMessage)),
    },
    dataDir: settings.dataDir,
    onReview: async (claimId) => {
      const target = await claimEvent(database.db, claimId);
      if (!target) return;
      // A review changes what the event's evidence says: a new revision, verified like any other.
      const { revision } = await touchEvent(database.db, target.eventId);
      await bus.add(verifyEvent(target.eventId, revision));
    },
    onEventsChanged: async (events) => bus.addAll(events.map((e) => verifyEvent(e.id, e.revision))),
  });
  await app.listen({ host: settings.host, port: settings.port });
  log.info({ url: `http://${settings.host}:${settings.port}` }, 'API listening');
  return app;
}
