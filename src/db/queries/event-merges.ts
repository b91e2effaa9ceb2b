import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../client';

// Merging two events that turned out to be one story: the automatic merge of the cluster stage
// and an analyst's merge share this one write.

const MAX_TITLES = 50;
const MAX_PROFILE_TERMS = 300;

/**
 * Moves every article of `fromId` into `intoId`, folds its profile, titles, sources, entities
 * and span into it, and leaves `fromId` empty with merged_into set (its id then answers with the
 * survivor). Returns the survivor's new revision, or undefined when either event is gone or
 * already merged. Callers run it in one transaction.
 */
export async function mergeEvents(db: Db, fromId: number, intoId: number): Promise<{ id: number; revision: number } | undefined> {
  if (fromId === intoId) return undefined;
  const rows = await queryRows<{ id: number; titles: string[]; terms: Record<string, number>; source_ids: string[]; entity_keys: string[]; merged_into: number | null }>(
    db,
    sql`select id, titles, terms, source_ids, entity_keys, merged_into from events where id in (${fromId}, ${intoId}) order by id for update`,
  );
  const from = rows.find((r) => Number(r.id) === fromId);
  const into = rows.find((r) => Number(r.id) === intoId);
  if (!from || !into || from.merged_into !== null || into.merged_into !== null) return undefined;
  const terms = { ...into.terms };
  for (const [term, count] of Object.entries(from.terms)) terms[term] = (terms[term] ?? 0) + count;
  const profile = Object.fromEntries(Object.entries(terms).sort((a, b) => b[1] - a[1]).slice(0, MAX_PROFILE_TERMS));
  await db.execute(sql`update articles set event_id = ${intoId} where event_id = ${fromId}`);
  const [survivor] = await queryRows<{ id: number; revision: number }>(
    db,
    sql`update events set
        titles = ${JSON.stringify([...into.titles, ...from.titles].slice(-MAX_TITLES))}::jsonb,
        search = to_tsvector('english', ${[...into.titles, ...from.titles].slice(-MAX_TITLES).join(' \n ')}),
        terms = ${JSON.stringify(profile)}::jsonb,
        source_ids = ${JSON.stringify([...new Set([...into.source_ids, ...from.source_ids])])}::jsonb,
        entity_keys = ${JSON.stringify([...new Set([...into.entity_keys, ...from.entity_keys])])}::jsonb,
        first_seen_at = least(first_seen_at, (select first_seen_at from events where id = ${fromId})),
        last_seen_at = greatest(last_seen_at, (select last_seen_at from events where id = ${fromId})),
        -- The sum of both counts, not a count of rows: the cluster stage merges while the article
        -- that bridged the two is joined (counted) but not yet marked with its event.
        article_count = article_count + (select article_count from events where id = ${fromId}),
        revision = revision + 1, updated_at = now()
      where id = ${intoId} returning id, revision`,
  );
  await db.execute(sql`update events set merged_into = ${intoId}, article_count = 0, revision = revision + 1, updated_at = now() where id = ${fromId}`);
  // Events merged into the loser earlier now answer with the survivor too.
  await db.execute(sql`update events set merged_into = ${intoId} where merged_into = ${fromId}`);
  return { id: Number(survivor.id), revision: Number(survivor.revision) };
}

/** The event an id stands for now: itself, or the event it was merged into. */
export async function currentEventId(db: Db, id: number): Promise<number | undefined> {
  const [row] = await queryRows<{ id: number; merged_into: number | null }>(db, sql`select id, merged_into from events where id = ${id}`);
  if (!row) return undefined;
  return row.merged_into === null ? Number(row.id) : Number(row.merged_into);
}
