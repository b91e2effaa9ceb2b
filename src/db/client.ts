import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { sql, type SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { acquirePidLock } from '../services/pid-lock';
import * as schema from './schema';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

/** An open database: drizzle on top, and how to ping and close what is underneath. */
export interface Database {
  readonly db: Db;
  readonly kind: 'pglite' | 'postgres';
  /** Human-readable location for logs (a directory or a URL without password). */
  readonly location: string;
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Opens Postgres at `databaseUrl` through pg, or the embedded PGlite under `dataDir/db`. */
export async function openDatabase(options: { databaseUrl?: string; dataDir: string }): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl);
  return openPglite(path.join(options.dataDir, 'db'));
}

async function openPostgres(url: string): Promise<Database> {
  const { Pool } = await import('pg');
  const { drizzle } = await import('drizzle-orm/node-postgres');
  const pool = new Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 10_000 });
  // A client losing its connection (a Postgres restart ends every one) must not crash the process.
  // The pool's 'error' covers idle clients only; one held by a transaction between two queries
  // emits on itself, so every client gets its own listener. The failing query still rejects,
  // the broken client is discarded, and the next query opens a new connection.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  const db = drizzle({ client: pool, schema }) as unknown as Db;
  const safe = new URL(url);
  safe.password = '';
  return {
    db,
    kind: 'postgres',
    location: safe.toString(),
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    close: () => pool.end(),
  };
}

async function openPglite(dir: string): Promise<Database> {
  await mkdir(dir, { recursive: true });
  const release = acquirePidLock(`${dir}.lock`, `the embedded database ${dir}`);
  let client;
  try {
    const { PGlite } = await import('@electric-sql/pglite');
    client = new PGlite(dir);
    await client.waitReady;
  } catch (err) {
    release();
    throw err;
  }
  const { drizzle } = await import('drizzle-orm/pglite');
  const db = drizzle({ client, schema }) as unknown as Db;
  let closed = false;
  return {
    db,
    kind: 'pglite',
    location: dir,
    ping: async () => {
      await client.query('select 1');
    },
    // PGlite keeps the process alive until closed.
    close: async () => {
      if (closed) return;
      closed = true;
      try {
        await client.close();
      } finally {
        release();
      }
    },
  };
}

/** Runs a raw SQL query and returns its rows (pg and PGlite both answer `{ rows }`). */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
