import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadSettings } from '../../src/config/env';
import { openDatabase, queryRows, type Database } from '../../src/db/client';
import { runMigrations } from '../../src/db/migrate';
import { createLogger } from '../../src/logger';
import type { StageContext } from '../../src/pipeline/context';
import { createTestDatabase } from '../../harness/postgres-server';
import { sql } from 'drizzle-orm';

// A stage's context over a fresh, migrated database of its own (PGlite in a temp dir, or a new
// database on the test PostgreSQL server), for calling stage functions directly.

export interface StageDatabase {
  database: Database;
  ctx: StageContext;
  /** Empties every table (ids restart), so each test starts from nothing and makes its own data. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

/** Opens a fresh database of `kind` and a stage context over it; close() drops the temp dir. Opening PGlite costs seconds: open once per file, reset() per test. */
export async function openStageDatabase(kind: 'pglite' | 'postgres', postgresServerUrl: string): Promise<StageDatabase> {
  const dir = await mkdtemp(path.join(tmpdir(), 'crosscheck-stage-'));
  const databaseUrl = kind === 'postgres' ? await createTestDatabase(postgresServerUrl) : undefined;
  const database = await openDatabase({ dataDir: dir, databaseUrl });
  await runMigrations(database);
  const settings = loadSettings({ DATA_DIR: dir, LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent' });
  return {
    database,
    ctx: { db: database.db, log: createLogger(settings.logLevel), settings },
    reset: async () => {
      const tables = await queryRows<{ name: string }>(
        database.db,
        sql`select quote_ident(tablename) as name from pg_tables where schemaname = 'public'`,
      );
      await database.db.execute(sql.raw(`truncate ${tables.map((t) => t.name).join(', ')} restart identity cascade`));
    },
    close: async () => {
      await database.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Every row of the tables a stage writes, in a stable order: two snapshots are equal when nothing changed. */
export async function snapshotTables(database: Database, tables: string[]): Promise<Record<string, unknown[]>> {
  const entries = await Promise.all(
    tables.map(async (table) => [table, await queryRows(database.db, sql.raw(`select * from ${table} order by 1`))] as const),
  );
  return Object.fromEntries(entries);
}
