import { and, asc, eq, or, sql, type SQL } from 'drizzle-orm';
import type { EntityKind } from '../../vocabulary';
import type { Db } from '../client';
import { entities } from '../schema';

// Reads for the entities aggregate: lookup by id, name or alias, and paged listing.

export interface EntityRow {
  id: number;
  key: string;
  name: string;
  kind: EntityKind;
  aliases: string[];
  parentId: number | null;
  source: string;
}

const entityColumns = {
  id: entities.id,
  key: entities.key,
  name: entities.name,
  kind: entities.kind,
  aliases: entities.aliases,
  parentId: entities.parentId,
  source: entities.source,
};

// Subqueries name outer columns as table.column: drizzle renders ${col} unqualified in a
// single-table select, and an unqualified "id" would bind to the subquery's own table.
/** Case-insensitive match on the name or any alias, so "openai" finds "OpenAI" and its aliases. */
function nameOrAliasIs(value: string): SQL {
  return sql`(lower(${entities.name}) = lower(${value})
    or exists (select 1 from jsonb_array_elements_text(entities.aliases) alias where lower(alias) = lower(${value})))`;
}

/** Resolves an entity reference (numeric id, or name/alias in any case) to every entity it can mean. */
export async function resolveEntityIds(db: Db, ref: string): Promise<number[]> {
  const trimmed = ref.trim();
  // A name made only of digits is also tried as a name: "3M" is not, but "1984" could be.
  const byId = /^\d{1,15}$/.test(trimmed) ? eq(entities.id, Number(trimmed)) : undefined;
  const where = byId ? or(byId, nameOrAliasIs(trimmed)) : nameOrAliasIs(trimmed);
  const rows = await db.select({ id: entities.id }).from(entities).where(where);
  return rows.map((r) => r.id);
}

/** One entity by id, or undefined. */
export async function getEntity(db: Db, id: number): Promise<EntityRow | undefined> {
  const [row] = await db.select(entityColumns).from(entities).where(eq(entities.id, id));
  return row;
}

export interface EntityListParams {
  kind?: EntityKind;
  q?: string;
  limit: number;
  /** Keyset position: the last (name, id) of the previous page. */
  after?: { name: string; id: number };
}

/** Entities ordered by name then id, optionally by kind and a substring of the name or an alias. */
export async function listEntities(db: Db, params: EntityListParams): Promise<EntityRow[]> {
  const conditions: SQL[] = [];
  if (params.kind) conditions.push(eq(entities.kind, params.kind));
  if (params.q) {
    const pattern = `%${escapeLike(params.q)}%`;
    conditions.push(sql`(${entities.name} ilike ${pattern}
      or exists (select 1 from jsonb_array_elements_text(entities.aliases) alias where alias ilike ${pattern}))`);
  }
  if (params.after) {
    conditions.push(sql`(${entities.name}, ${entities.id}) > (${params.after.name}, ${params.after.id})`);
  }
  return db
    .select(entityColumns)
    .from(entities)
    .where(and(...conditions))
    .orderBy(asc(entities.name), asc(entities.id))
    .limit(params.limit);
}

/** Escapes LIKE wildcards so user text is matched literally. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
