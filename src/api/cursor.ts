import { badRequest } from './errors';
import { parseIsoDate } from './formats';

// Opaque keyset cursors: base64url JSON, checked field by field so a forged or foreign cursor is a 400.

/** Encodes a keyset position for the client to hand back unchanged. */
export function encodeCursor(position: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
}

type FieldKind = 'timestamp' | 'id' | 'text';

// The exact shape events emit: microseconds matter for keyset equality.
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

function fieldOk(kind: FieldKind, value: unknown): boolean {
  if (kind === 'id') return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
  // parseIsoDate refuses what Postgres would (2023-02-31, year 0000, past 9999).
  if (kind === 'timestamp') return typeof value === 'string' && TIMESTAMP.test(value) && parseIsoDate(value) !== undefined;
  return typeof value === 'string' && value.length <= 1000;
}

/** Decodes a cursor whose fields must have exactly the given kinds; anything else is a 400 naming the cursor. */
export function decodeCursor<K extends string>(raw: string, shape: Record<K, FieldKind>): Record<K, any> {
  const invalid = badRequest('querystring/cursor is not a valid cursor (pass back the nextCursor of a previous page)');
  if (!/^[A-Za-z0-9_-]{1,2000}$/.test(raw)) throw invalid;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw invalid;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw invalid;
  const record = parsed as Record<string, unknown>;
  const keys = Object.keys(shape) as K[];
  if (Object.keys(record).length !== keys.length) throw invalid;
  for (const key of keys) if (!fieldOk(shape[key], record[key])) throw invalid;
  return record as Record<K, any>;
}
