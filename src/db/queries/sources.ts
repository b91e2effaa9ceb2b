import { asc, desc, eq, sql } from 'drizzle-orm';
import type { FetchOutcome } from '../../vocabulary';
import type { Db } from '../client';
import { fetchLog, sources } from '../schema';

// Reads for the sources aggregate: configuration plus fetch health, and the fetch history.

export interface SourceRow {
  id: string;
  name: string;
  kind: string;
  url: string;
  trust: number;
  category: string;
  owner: string;
  enabled: boolean;
  intervalSeconds: number;
  config: unknown;
  lastFetchedAt: Date | null;
  lastSuccessAt: Date | null;
  lastErrorClass: string | null;
  lastErrorMessage: string | null;
  lastHttpStatus: number | null;
  consecutiveFailures: number;
  nextAttemptAt: Date | null;
  articleCount: number;
}

// Subqueries name outer columns as table.column: drizzle renders ${col} unqualified in a
// single-table select, and an unqualified "id" would bind to the subquery's own table.
const sourceColumns = {
  id: sources.id,
  name: sources.name,
  kind: sources.kind,
  url: sources.url,
  trust: sources.trust,
  category: sources.category,
  owner: sources.owner,
  enabled: sources.enabled,
  intervalSeconds: sources.intervalSeconds,
  config: sources.config,
  lastFetchedAt: sources.lastFetchedAt,
  lastSuccessAt: sources.lastSuccessAt,
  lastErrorClass: sources.lastErrorClass,
  lastErrorMessage: sources.lastErrorMessage,
  lastHttpStatus: sources.lastHttpStatus,
  consecutiveFailures: sources.consecutiveFailures,
  nextAttemptAt: sources.nextAttemptAt,
  articleCount: sql<number>`(select count(*)::int from articles a where a.source_id = sources.id)`.mapWith(Number),
};

/** Every source with its health, by id. */
export async function listSources(db: Db): Promise<SourceRow[]> {
  return db.select(sourceColumns).from(sources).orderBy(asc(sources.id));
}

/** One source with its health, or undefined. */
export async function getSource(db: Db, id: string): Promise<SourceRow | undefined> {
  const [row] = await db.select(sourceColumns).from(sources).where(eq(sources.id, id));
  return row;
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

/** The most recent fetch attempts of a source, newest first. */
export async function recentFetches(db: Db, sourceId: string, limit: number): Promise<FetchLogRow[]> {
  return db
    .select({
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
    })
    .from(fetchLog)
    .where(eq(fetchLog.sourceId, sourceId))
    .orderBy(desc(fetchLog.startedAt), desc(fetchLog.id))
    .limit(limit);
}
