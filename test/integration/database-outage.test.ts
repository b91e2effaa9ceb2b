import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase, queryRows, type Database } from '../../src/db/client';
import { createTestDatabase } from '../../harness/postgres-server';

// A Postgres restart terminates every connection, including ones a transaction holds between
// two queries. Such a client is not idle, so the pool's own listener does not cover it: without
// one of its own, the 'error' event is unhandled and kills the process.
describe('losing the database connection inside a transaction', () => {
  let database: Database;
  let admin: pg.Client;

  beforeAll(async () => {
    const url = await createTestDatabase(inject('postgresUrl'));
    database = await openDatabase({ databaseUrl: url, dataDir: '/nonexistent' });
    admin = new pg.Client({ connectionString: url });
    await admin.connect();
  });

  afterAll(async () => {
    await admin?.end();
    await database?.close();
  });

  it('fails the transaction with the server error, and the next query reconnects', async () => {
    const outcome = await database.db
      .transaction(async (tx) => {
        const [{ pid }] = await queryRows<{ pid: number }>(tx, sql`select pg_backend_pid() as pid`);
        await admin.query('select pg_terminate_backend($1)', [pid]);
        // Wait until the backend is gone, so its goodbye reaches the client while no query runs.
        for (;;) {
          const { rows } = await admin.query('select 1 from pg_stat_activity where pid = $1', [pid]);
          if (rows.length === 0) break;
        }
        await new Promise((resolve) => setImmediate(resolve));
        await tx.execute(sql`select 1`);
      })
      .then(() => 'committed', (error: Error & { cause?: Error }) => String(error.cause?.message ?? error.message));
    expect(outcome).toMatch(/terminat|Connection|closed|ended/i);
    const after = await queryRows(database.db, sql`select 42 as answer`);
    expect(after).toEqual([{ answer: 42 }]);
  });
});
