// Custom string formats for request validation, shared by the validator and the handlers.

const ISO_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?([Zz]|[+-]\d{2}:?\d{2})?)?$/;

/** The last instant a four-digit year can spell. */
export const LAST_INSTANT = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

export interface ParsedDate {
  date: Date;
  /** True for `2024-05-01`: callers treat an upper bound as "through that day". */
  dateOnly: boolean;
}

/** Parses an ISO 8601 date or date-time (no zone means UTC); undefined for anything Postgres could refuse. */
export function parseIsoDate(value: string): ParsedDate | undefined {
  const m = ISO_DATE.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '', zone = 'Z'] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  // Date.UTC rolls 2024-02-30 over into March; the round trip catches it.
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return undefined;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return undefined;
  const offset = /^[Zz]$/.test(zone) ? 'Z' : zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone;
  const millis = frac ? frac.slice(0, 4).padEnd(4, '0') : '';
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}${millis}${offset}`);
  // Past year 9999 (9999-12-31T23:00-05:00) an ISO timestamp needs six year digits, which Postgres refuses.
  if (Number.isNaN(date.getTime()) || date.getTime() > LAST_INSTANT || year < 1) return undefined;
  return { date, dateOnly: m[4] === undefined };
}

/** Ajv format definitions, installed on Fastify's validator. */
export const customFormats = {
  'iso-date': { type: 'string' as const, validate: (value: string) => parseIsoDate(value) !== undefined },
};
