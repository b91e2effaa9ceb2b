// Runs labelled articles through the pipeline's own stages against a real database: stored
// with the fetch stage's query (upsertSourceItems), extracted by extractArticle and clustered
// by clusterArticle, one at a time in arrival order, as the queue would deliver them.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { loadSettings } from '../src/config/env';
import { SourceSchema } from '../src/config/sources';
import { openDatabase, queryRows, type Database } from '../src/db/client';
import { runMigrations } from '../src/db/migrate';
import type { ArticleInput } from '../src/db/queries/articles';
import { upsertSourceItems } from '../src/db/queries/articles';
import { syncSources } from '../src/db/queries/sources';
import { createLogger } from '../src/logger';
import { clusterArticle } from '../src/pipeline/cluster/cluster-article';
import { CLUSTER_TUNING, type ClusterTuning } from '../src/pipeline/cluster/event-score';
import { createTestDatabase, startTestPostgres, type TestPostgres } from '../harness/postgres-server';
import { extractArticle } from '../src/pipeline/extract/extract-article';

export interface EvalItem {
  /** The item's key in the data set. */
  key: string;
  sourceId: string;
  input: ArticleInput;
}

export interface EvalOutcome {
  key: string;
  articleId: number;
  eventId: number | null;
  duplicateOf: number | null;
}

/**
 * A fresh database: a throwaway PostgreSQL cluster by default (the production setting for
 * several workers), the embedded PGlite with EVAL_DB=pglite, or EVAL_DATABASE_URL.
 */
export async function openEvalDatabase(databaseUrl?: string): Promise<{ database: Database; dispose: () => Promise<void> }> {
  let url = databaseUrl ?? process.env.EVAL_DATABASE_URL;
  let server: TestPostgres | undefined;
  if (!url && process.env.EVAL_DB !== 'pglite') {
    server = await startTestPostgres();
    url = await createTestDatabase(server.url);
  }
  const dir = url ? '' : mkdtempSync(path.join(os.tmpdir(), 'crosscheck-eval-'));
  const database = await openDatabase({ dataDir: dir, databaseUrl: url });
  await runMigrations(database);
  return {
    database,
    dispose: async () => {
      await database.close();
      await server?.stop();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

// Opening and migrating PGlite takes seconds: one database per process, emptied before each run.
let shared: Promise<{ database: Database; dispose: () => Promise<void> }> | undefined;

/** Closes the evaluation database (PGlite keeps the process alive until then). */
export async function closeEvalDatabase(): Promise<void> {
  const open = shared;
  shared = undefined;
  if (open) await (await open).dispose();
}

/** Stores, extracts and clusters the items in order on an emptied database; returns where each landed. */
export async function runPipelinePath(items: EvalItem[], tuning: ClusterTuning = CLUSTER_TUNING, databaseUrl?: string): Promise<EvalOutcome[]> {
  shared ??= openEvalDatabase(databaseUrl);
  const { database } = await shared;
  {
    const db = database.db;
    await db.execute(sql`truncate sources, events, entities, cluster_terms restart identity cascade`);
    const sourceIds = [...new Set(items.map((i) => i.sourceId))];
    await syncSources(
      db,
      sourceIds.map((id) =>
        SourceSchema.parse({ id, name: id, kind: 'rss', url: `https://${id}.example.org/feed.xml`, trust: 60, category: 'news', owner: id }),
      ),
    );
    const ctx = { db, log: createLogger('silent'), settings: loadSettings({ DATA_DIR: os.tmpdir() }) };
    const ids = new Map<string, number>();
    for (const item of items) {
      const stored = await upsertSourceItems(db, item.sourceId, [item.input]);
      const row = stored.inserted[0] ?? stored.updated[0];
      if (!row) throw new Error(`item ${item.key} was not stored (duplicate URL or guid in the data set?)`);
      ids.set(item.key, row.id);
      await extractArticle(ctx, row.id, row.version);
      await clusterArticle(ctx, row.id, row.version, tuning);
    }
    const rows = await queryRows<{ id: number; event_id: number | null; duplicate_of: number | null }>(
      db,
      sql`select id, event_id, duplicate_of from articles`,
    );
    const byId = new Map(rows.map((r) => [Number(r.id), r]));
    return items.map((item) => {
      const row = byId.get(ids.get(item.key)!)!;
      return {
        key: item.key,
        articleId: Number(row.id),
        eventId: row.event_id === null ? null : Number(row.event_id),
        duplicateOf: row.duplicate_of === null ? null : Number(row.duplicate_of),
      };
    });
  }
}
