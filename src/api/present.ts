import type { Db } from '../db/client';
import { entitiesOfEvents, sourcesOfEvents, type EventRow } from '../db/queries/events';
import { parseIsoDate } from './formats';
import { badRequest } from './errors';
import { decodeCursor, encodeCursor } from './cursor';

// Turning query rows into contract shapes, and the paging both list routes share.

/** Attaches each event's entities and sources (two queries for the whole page, not two per event). */
export async function presentEvents(db: Db, rows: EventRow[]) {
  const ids = rows.map((r) => r.id);
  const [entities, sources] = await Promise.all([entitiesOfEvents(db, ids), sourcesOfEvents(db, ids)]);
  return rows.map((row) => ({ ...row, entities: entities.get(row.id) ?? [], sources: sources.get(row.id) ?? [] }));
}

/** Splits a limit+1 fetch into the page and the cursor of its last row (null when nothing follows). */
export function paginate<T>(
  rows: T[],
  limit: number,
  position: (last: T) => Record<string, string | number>,
): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const nextCursor = rows.length > limit ? encodeCursor(position(items[items.length - 1])) : null;
  return { items, nextCursor };
}

/** The keyset position of an events cursor. */
export function eventCursor(raw: string | undefined): { ts: string; id: number } | undefined {
  if (raw === undefined) return undefined;
  const c = decodeCursor(raw, { t: 'timestamp', i: 'id' });
  return { ts: c.t, id: c.i };
}

/** A validated iso-date query value as a Date (the validator already refused malformed ones). */
export function queryDate(name: string, value: string | undefined): { date: Date; dateOnly: boolean } | undefined {
  if (value === undefined) return undefined;
  const parsed = parseIsoDate(value);
  if (!parsed) throw badRequest(`querystring/${name} must be an ISO 8601 date or date-time`);
  return parsed;
}
