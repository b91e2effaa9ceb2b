import { and, eq, notInArray, sql } from 'drizzle-orm';
import { SourceSchema, toSourceSpec, type SourceConfig } from '../../config/sources';
import type { SourceSpec } from '../../pipeline/types';
import type { FetchOutcome } from '../../vocabulary';
import type { Db } from '../client';
import { fetchLog, sources } from '../schema';

// Writes for the sources aggregate: syncing sources.yaml into the table and recording fetch outcomes;
// and reading a row back as the pipeline's SourceSpec.

/** Upserts every configured source; sources no longer in the file are disabled, never deleted (their articles stay). */
export async function syncSources(db: Db, configured: SourceConfig[]): Promise<void> {
  for (const source of configured) {
    const { id, name, kind, url, trust, category, owner, interval, enabled, ...rest } = source;
    // configuredUrl remembers what the file said, so a redirect-updated url survives restarts.
    const config = { ...rest, configuredUrl: url };
    const row = { id, name, kind, url, trust, category, owner, intervalSeconds: interval, enabled, config };
    await db
      .insert(sources)
      .values(row)
      .onConflictDoUpdate({
        target: sources.id,
        // A URL moved by a permanent redirect stays moved until the file itself changes it.
        set: {
          name,
          kind,
          trust,
          category,
          owner,
          intervalSeconds: interval,
          enabled,
          config,
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

export type SourceRow = typeof sources.$inferSelect;

/** One source row, or undefined. */
export async function getSource(db: Db, id: string): Promise<SourceRow | undefined> {
  const rows = await db.select().from(sources).where(eq(sources.id, id)).limit(1);
  return rows[0];
}

/** Enabled sources. */
export async function listEnabledSources(db: Db): Promise<SourceRow[]> {
  return db.select().from(sources).where(eq(sources.enabled, true)).orderBy(sources.id);
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

/** Rebuilds the pipeline's view of a source from its row (config holds the rest of the YAML entry). */
export function specOf(source: SourceRow): SourceSpec {
  const { configuredUrl: _configured, ...config } = source.config as Record<string, unknown>;
  const parsed = SourceSchema.parse({
    ...config,
    id: source.id,
    name: source.name,
    kind: source.kind,
    url: source.url,
    trust: source.trust,
    category: source.category,
    owner: source.owner,
    interval: `${source.intervalSeconds}s`,
    enabled: source.enabled,
  });
  return toSourceSpec(parsed);
}
