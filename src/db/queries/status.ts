import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../client';
import { CLAIM_STATUSES } from '../../vocabulary';

// Whole-pipeline counts for the status page and for deciding whether the pipeline is idle.

export interface PipelineCounts {
  sources: number;
  enabledSources: number;
  articles: number;
  events: number;
  claims: number;
  claimsByStatus: Record<string, number>;
  /** Enabled sources fetched at least once, never fetched, and currently failing. */
  sourceHealth: { fetched: number; neverFetched: number; failing: number };
}

interface CountsRow {
  sources: unknown;
  enabled_sources: unknown;
  fetched: unknown;
  never_fetched: unknown;
  failing: unknown;
  articles: unknown;
  events: unknown;
  claims: unknown;
}

/** Counts every aggregate in one statement, plus claims per status (every status present, zero if none). */
export async function pipelineCounts(db: Db): Promise<PipelineCounts> {
  const [counts, byStatus] = await Promise.all([
    queryRows<CountsRow>(db, sql`select
        (select count(*)::int from sources) as sources,
        (select count(*)::int from sources where enabled) as enabled_sources,
        (select count(*)::int from sources where enabled and last_fetched_at is not null) as fetched,
        (select count(*)::int from sources where enabled and last_fetched_at is null) as never_fetched,
        (select count(*)::int from sources where enabled and consecutive_failures > 0) as failing,
        (select count(*)::int from articles) as articles,
        (select count(*)::int from events) as events,
        (select count(*)::int from claims) as claims`),
    queryRows<{ status: string; n: unknown }>(db, sql`select status, count(*)::int as n from claims group by status`),
  ]);
  const [row] = counts;
  const claimsByStatus: Record<string, number> = Object.fromEntries(CLAIM_STATUSES.map((s) => [s, 0]));
  for (const r of byStatus) claimsByStatus[r.status] = Number(r.n);
  return {
    sources: Number(row.sources),
    enabledSources: Number(row.enabled_sources),
    articles: Number(row.articles),
    events: Number(row.events),
    claims: Number(row.claims),
    claimsByStatus,
    sourceHealth: {
      fetched: Number(row.fetched),
      neverFetched: Number(row.never_fetched),
      failing: Number(row.failing),
    },
  };
}
