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
  /**
   * Follows the change signals of migration 0007 (the channel CHANGE_CHANNEL). `ready` is called
   * once listening starts and again after every reconnection; `lost` when signals may be missed
   * from then on (the connection dropped). Resolves with a function that stops listening.
   */
  listenForChanges(listener: ChangeListener): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** The channel on which the database signals changes to what event lists show (migration 0007). */
export const CHANGE_CHANNEL = 'crosscheck_changes';

export interface ChangeListener {
  changed(table: string): void;
  lost(): void;
  ready(): void;
}

// How long a lost listening connection waits before it tries again.
const RELISTEN_DELAY_MS = 1_000;

/** Opens Postgres at `databaseUrl` through pg, or the embedded PGlite under `dataDir/db`. */
export async function openDatabase(options: { databaseUrl?: string; dataDir: string }): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl);
  return openPglite(path.join(options.dataDir, 'db'));
}

async function openPostgres(url: string): Promise<Database> {
  const { Client, Pool } = await import('pg');
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
    listenForChanges: async (listener) => listenOnOwnConnection(() => new Client({ connectionString: url, connectionTimeoutMillis: 10_000, keepAlive: true, keepAliveInitialDelayMillis: 10_000 }), listener),
    close: () => pool.end(),
  };
}

/**
 * LISTEN needs a connection of its own, outside the pool, held for as long as we listen. When it
 * drops (a Postgres restart), the listener hears `lost` at once and a new connection is tried every
 * RELISTEN_DELAY_MS until one listens again. A fixed delay and no give-up on purpose: the caller
 * only needs to know whether it is hearing signals, and the pool's own queries report the outage.
 */
async function listenOnOwnConnection(connect: () => import('pg').Client, listener: ChangeListener): Promise<() => Promise<void>> {
  let current: import('pg').Client | undefined;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;

  const dropped = (client: import('pg').Client) => {
    if (current !== client) return;
    current = undefined;
    listener.lost();
    client.end().catch(() => undefined);
    if (!stopped) retry = setTimeout(start, RELISTEN_DELAY_MS);
  };
  async function start(): Promise<void> {
    const client = connect();
    client.on('error', () => dropped(client));
    client.on('end', () => dropped(client));
    client.on('notification', (message) => {
      if (message.channel === CHANGE_CHANNEL) listener.changed(message.payload ?? '');
    });
    current = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANGE_CHANNEL}`);
    } catch {
      dropped(client);
      return;
    }
    if (stopped) await client.end().catch(() => undefined);
    else if (current === client) listener.ready();
  }

  await start();
  return async () => {
    stopped = true;
    clearTimeout(retry);
    const client = current;
    current = undefined;
    await client?.end().catch(() => undefined);
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
    // One embedded session: its own signals reach it after each statement, and it never drops.
    listenForChanges: async (listener) => {
      const unlisten = await client.listen(CHANGE_CHANNEL, (payload) => listener.changed(payload));
      listener.ready();
      return unlisten;
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
