import { and, asc, desc, eq, getTableColumns, notInArray, sql } from 'drizzle-orm';
import { SourceSchema, type Source } from '../../config/sources';
import type { FetchOutcome } from '../../vocabulary';
import type { Db } from '../client';
import { articles, fetchLog, sources } from '../schema';

// The sources aggregate: sources.yaml synced into the table, a stored row read back as the
// validated Source the fetch stage takes, fetch outcomes recorded as health and history.

/** A source as stored: its sources.yaml entry (columns plus `config`) and its polling state and health. */
export type SourceRow = typeof sources.$inferSelect;

/** The stored form of a configured source: the columns queries filter on, the rest of the entry in `config`. */
function rowOf(source: Source) {
  const { id, name, kind, url, trust, category, owner, interval, enabled, ...rest } = source;
  // configuredUrl remembers what the file said, so a redirect-updated url survives restarts.
  const config = { ...rest, configuredUrl: url };
  return { id, name, kind, url, trust, category, owner, intervalSeconds: interval, enabled, config };
}

/** The validated source a stored row holds, with the url a permanent redirect may have moved. */
export function sourceOf(row: SourceRow): Source {
  const { configuredUrl: _configured, ...config } = row.config as Record<string, unknown>;
  return SourceSchema.parse({
    ...config,
    id: row.id,
    name: row.name,
    kind: row.kind,
    url: row.url,
    trust: row.trust,
    category: row.category,
    owner: row.owner,
    interval: `${row.intervalSeconds}s`,
    enabled: row.enabled,
  });
}

/** Upserts every configured source; sources no longer in the file are disabled, never deleted (their articles stay). */
export async function syncSources(db: Db, configured: Source[]): Promise<void> {
  for (const source of configured) {
    const row = rowOf(source);
    const { id: _id, url, ...columns } = row;
    await db
      .insert(sources)
      .values(row)
      .onConflictDoUpdate({
        target: sources.id,
        // A URL moved by a permanent redirect stays moved until the file itself changes it.
        set: {
          ...columns,
          updatedAt: new Date(),
          url: sql`case when ${sources.config}->>'configuredUrl' is distinct from ${url} then ${url} else ${sources.url} end`,
        },
      });
  }
  const ids = configured.map((s) => s.id);
  await db
    .update(sources)
    .set({ enabled: false, updatedAt: new Date() })
    .where(ids.length ? notInArray(sources.id, ids) : sql`true`);
}

/** One source as stored, or undefined. */
export async function getSource(db: Db, id: string): Promise<SourceRow | undefined> {
  const rows = await db.select().from(sources).where(eq(sources.id, id)).limit(1);
  return rows[0];
}

/** Enabled sources, by id. */
export async function listEnabledSources(db: Db): Promise<SourceRow[]> {
  return db.select().from(sources).where(eq(sources.enabled, true)).orderBy(sources.id);
}

// Subqueries name outer columns as table.column: drizzle renders ${col} unqualified in a
// single-table select, and an unqualified "id" would bind to the subquery's own table.
const articleCount = sql<number>`(select count(*)::int from articles a where a.source_id = sources.id)`.mapWith(Number);

/** Every source with its health and how many articles it gave, by id. */
export async function listSources(db: Db): Promise<(SourceRow & { articleCount: number })[]> {
  return db
    .select({ ...getTableColumns(sources), articleCount })
    .from(sources)
    .orderBy(asc(sources.id));
}

/** How many articles a source gave. */
export async function countArticles(db: Db, sourceId: string): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int`.mapWith(Number) }).from(articles).where(eq(articles.sourceId, sourceId));
  return row?.n ?? 0;
}

export interface FetchRecord {
  sourceId: string;
  startedAt: Date;
  durationMs: number;
  outcome: FetchOutcome;
  httpStatus?: number;
  errorClass?: string;
  message?: string;
  itemsFound?: number;
  itemsNew?: number;
  itemsUpdated?: number;
  bytes?: number;
}

/** Stores one fetch attempt in the history and updates the source's health in one transaction. */
export async function recordFetch(
  db: Db,
  record: FetchRecord,
  health: { etag?: string | null; lastModified?: string | null; movedTo?: string; nextAttemptAt: Date | null },
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.insert(fetchLog).values({
      sourceId: record.sourceId,
      startedAt: record.startedAt,
      durationMs: record.durationMs,
      outcome: record.outcome,
      httpStatus: record.httpStatus,
      errorClass: record.errorClass,
      message: record.message,
      itemsFound: record.itemsFound ?? 0,
      itemsNew: record.itemsNew ?? 0,
      itemsUpdated: record.itemsUpdated ?? 0,
      bytes: record.bytes,
    });
    const failed = record.outcome === 'failure';
    await tx
      .update(sources)
      .set({
        lastFetchedAt: record.startedAt,
        lastHttpStatus: record.httpStatus ?? null,
        nextAttemptAt: health.nextAttemptAt,
        updatedAt: new Date(),
        ...(failed
          ? {
              lastErrorClass: record.errorClass,
              lastErrorMessage: record.message,
              consecutiveFailures: sql`${sources.consecutiveFailures} + 1`,
            }
          : {
              lastSuccessAt: record.startedAt,
              lastErrorClass: null,
              lastErrorMessage: null,
              consecutiveFailures: 0,
              ...(health.etag !== undefined ? { etag: health.etag } : {}),
              ...(health.lastModified !== undefined ? { lastModified: health.lastModified } : {}),
              ...(health.movedTo ? { url: health.movedTo } : {}),
            }),
      })
      .where(and(eq(sources.id, record.sourceId)));
  });
}

export interface FetchLogRow {
  startedAt: Date;
  durationMs: number;
  outcome: FetchOutcome;
  httpStatus: number | null;
  errorClass: string | null;
  message: string | null;
  itemsFound: number;
  itemsNew: number;
  itemsUpdated: number;
  bytes: number | null;
}

const fetchColumns = {
  startedAt: fetchLog.startedAt,
  durationMs: fetchLog.durationMs,
  outcome: fetchLog.outcome,
  httpStatus: fetchLog.httpStatus,
  errorClass: fetchLog.errorClass,
  message: fetchLog.message,
  itemsFound: fetchLog.itemsFound,
  itemsNew: fetchLog.itemsNew,
  itemsUpdated: fetchLog.itemsUpdated,
  bytes: fetchLog.bytes,
};

/** The most recent fetch attempts of a source, newest first. */
export async function recentFetches(db: Db, sourceId: string, limit: number): Promise<FetchLogRow[]> {
  return db.select(fetchColumns).from(fetchLog).where(eq(fetchLog.sourceId, sourceId)).orderBy(desc(fetchLog.startedAt), desc(fetchLog.id)).limit(limit);
}

/** The most recent fetch attempts of every source at once (newest first per source), for the sources page. */
export async function recentFetchesOfAll(db: Db, limit: number): Promise<Map<string, FetchLogRow[]>> {
  // Per source through fetch_log_source_started (a lateral join), not a window over the whole log:
  // the log grows by every fetch of every source, while a page reads only `limit` per source.
  const recent = db
    .select(fetchColumns)
    .from(fetchLog)
    .where(eq(fetchLog.sourceId, sources.id))
    .orderBy(desc(fetchLog.startedAt), desc(fetchLog.id))
    .limit(limit)
    .as('recent');
  const rows = await db
    .select({
      sourceId: sources.id,
      startedAt: recent.startedAt,
      durationMs: recent.durationMs,
      outcome: recent.outcome,
      httpStatus: recent.httpStatus,
      errorClass: recent.errorClass,
      message: recent.message,
      itemsFound: recent.itemsFound,
      itemsNew: recent.itemsNew,
      itemsUpdated: recent.itemsUpdated,
      bytes: recent.bytes,
    })
    .from(sources)
    .crossJoinLateral(recent)
    .orderBy(asc(sources.id), desc(recent.startedAt));
  const result = new Map<string, FetchLogRow[]>();
  for (const { sourceId, ...fetch } of rows) {
    const list = result.get(sourceId);
    if (list) list.push(fetch);
    else result.set(sourceId, [fetch]);
  }
  return result;
}
