import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../client';

export interface PipelineSummary {
  sources: { id: string; name: string; lastErrorClass: string | null; lastErrorMessage: string | null; lastFetchedAt: Date | null; articles: number }[];
  articles: number;
  duplicates: number;
  events: number;
  claimsByStatus: Record<string, number>;
  entities: number;
}

/** Counts for the end-of-run summary (`up --once`, demo, bench). */
export async function pipelineSummary(db: Db): Promise<PipelineSummary> {
  const sources = await queryRows<{ id: string; name: string; last_error_class: string | null; last_error_message: string | null; last_fetched_at: string | Date | null; articles: number }>(db, sql`
      select s.id, s.name, s.last_error_class, s.last_error_message, s.last_fetched_at,
             (select count(*)::int from articles a where a.source_id = s.id) as articles
      from sources s where s.enabled order by s.id`);
  const [counts] = await queryRows<{ articles: number; duplicates: number; events: number; entities: number }>(db, sql`
      select (select count(*)::int from articles) as articles,
             (select count(*)::int from articles where duplicate_of is not null) as duplicates,
             (select count(*)::int from events where article_count > 0) as events,
             (select count(*)::int from entities) as entities`);
  const statuses = await queryRows<{ status: string; n: number }>(db, sql`select status, count(*)::int as n from claims group by status`);
  return {
    sources: sources.map((s) => ({
      id: s.id,
      name: s.name,
      lastErrorClass: s.last_error_class,
      lastErrorMessage: s.last_error_message,
      lastFetchedAt: s.last_fetched_at ? new Date(s.last_fetched_at) : null,
      articles: s.articles,
    })),
    articles: counts.articles,
    duplicates: counts.duplicates,
    events: counts.events,
    entities: counts.entities,
    claimsByStatus: Object.fromEntries(statuses.map((r) => [r.status, r.n])),
  };
}
