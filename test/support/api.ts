import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildServer, type ServerDeps } from '../../src/runtime/server';
import { openDatabase, type Database, type Db } from '../../src/db/client';
import { runMigrations } from '../../src/db/migrate';
import { createTestDatabase } from '../../harness/postgres-server';
import {
  articleEntities,
  articles,
  claimEvidence,
  claimReviews,
  claims,
  entities,
  events,
  fetchLog,
  sources,
} from '../../src/db/schema';

// The API and the workspace (the server `crosscheck up` listens with) over a fresh, migrated database (PGlite in a temp dir, or a new database on the test
// Postgres server), plus seed helpers writing rows through drizzle.

export const TEST_KEY = 'test-write-key-0123456789';

export interface TestApi {
  app: FastifyInstance;
  database: Database;
  db: Db;
  /** Lets a test change what the queue and Redis fakes answer. */
  fakes: {
    queueCounts: Record<string, Record<string, number>> | Error;
    redisUp: boolean;
    reviewed: number[];
    reviewFails: boolean;
    /** Events queued for verification after an analyst's merge or split. */
    reverified: { id: number; revision: number }[];
  };
  close(): Promise<void>;
}

/** The database paths to run API tests on: always PGlite, and the test Postgres server when one was provided. */
export function databaseKinds(postgresServerUrl: string | undefined) {
  return [
    { kind: 'pglite', postgresServerUrl: undefined },
    ...(postgresServerUrl ? [{ kind: 'postgres', postgresServerUrl }] : []),
  ];
}

/** Builds the app with fakes for Redis and the queues; close() shuts the app and the database. */
export async function buildTestApi(
  options: { postgresServerUrl?: string; deps?: Partial<ServerDeps> } = {},
): Promise<TestApi> {
  const dir = await mkdtemp(path.join(tmpdir(), 'crosscheck-api-'));
  const databaseUrl = options.postgresServerUrl ? await createTestDatabase(options.postgresServerUrl) : undefined;
  const database = await openDatabase({ dataDir: dir, databaseUrl });
  await runMigrations(database);
  const fakes: TestApi['fakes'] = { queueCounts: {}, redisUp: true, reviewed: [], reviewFails: false, reverified: [] };
  const app = await buildServer({
    database,
    logger: false,
    apiKeys: [TEST_KEY],
    publicUrl: 'https://crosscheck.example',
    // Pages never age out within a test: a hit or a miss is decided by signals alone.
    listCacheLimits: { maxAgeMs: 3_600_000 },
    queueCounts: async () => {
      if (fakes.queueCounts instanceof Error) throw fakes.queueCounts;
      return fakes.queueCounts;
    },
    pingRedis: async () => {
      if (!fakes.redisUp) throw new Error('connection refused');
    },
    onReview: async (claimId) => {
      if (fakes.reviewFails) throw new Error('queue unreachable');
      fakes.reviewed.push(claimId);
    },
    onEventsChanged: async (changed) => {
      if (fakes.reviewFails) throw new Error('queue unreachable');
      fakes.reverified.push(...changed);
    },
    ...options.deps,
  });
  await app.ready();
  return {
    app,
    database,
    db: database.db,
    fakes,
    close: async () => {
      await app.close();
      // A test may have closed the database already to simulate an outage.
      await database.close().catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Inserts a source; defaults make a trusted, enabled news source. */
export async function seedSource(db: Db, row: Partial<typeof sources.$inferInsert> & { id: string }) {
  const [s] = await db
    .insert(sources)
    .values({
      name: row.id,
      kind: 'rss',
      url: `https://${row.id}.example/feed`,
      trust: 70,
      category: 'news',
      owner: row.id,
      intervalSeconds: 900,
      ...row,
    })
    .returning();
  return s;
}

/** Inserts an event seen at the given time. */
export async function seedEvent(db: Db, row: Partial<typeof events.$inferInsert> & { title: string; lastSeenAt: Date }) {
  const [e] = await db
    .insert(events)
    .values({ firstSeenAt: row.lastSeenAt, articleCount: 1, originCount: 1, ...row })
    .returning();
  return e;
}

let articleSeq = 0;
/** Inserts an article of a source, optionally in an event. */
export async function seedArticle(
  db: Db,
  row: Partial<typeof articles.$inferInsert> & { sourceId: string; title: string },
) {
  articleSeq += 1;
  const url = row.url ?? `https://${row.sourceId}.example/a/${articleSeq}`;
  const [a] = await db
    .insert(articles)
    .values({ guid: url, url, canonicalUrl: url, publishedAt: new Date('2024-05-01T10:00:00Z'), ...row })
    .returning();
  return a;
}

/** Inserts an entity. */
export async function seedEntity(db: Db, row: Partial<typeof entities.$inferInsert> & { key: string; name: string }) {
  const [e] = await db.insert(entities).values({ kind: 'company', ...row }).returning();
  return e;
}

/** Records that an article names an entity. */
export async function linkEntity(db: Db, articleId: number, entityId: number) {
  await db.insert(articleEntities).values({ articleId, entityId });
}

/** Inserts a claim of an event. */
export async function seedClaim(db: Db, row: Partial<typeof claims.$inferInsert> & { eventId: number; text: string }) {
  const [c] = await db
    .insert(claims)
    .values({ claimKey: row.text.toLowerCase(), ...row })
    .returning();
  return c;
}

/** Inserts one evidence sentence of a claim. */
export async function seedEvidence(db: Db, row: typeof claimEvidence.$inferInsert) {
  const [e] = await db.insert(claimEvidence).values(row).returning();
  return e;
}

/** Inserts an analyst review. */
export async function seedReview(db: Db, row: typeof claimReviews.$inferInsert) {
  const [r] = await db.insert(claimReviews).values(row).returning();
  return r;
}

/** Inserts a fetch attempt of a source. */
export async function seedFetch(db: Db, row: typeof fetchLog.$inferInsert) {
  await db.insert(fetchLog).values(row);
}
