// Telling "the database is not there" apart from "the query is wrong": the first is an outage the
// caller can wait out (503), the second a fault (500). pg and PGlite report outages in their own words.

// Node socket errors seen while connecting to or talking with the server.
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
// SQLSTATE: admin_shutdown, crash_shutdown, cannot_connect_now, too_many_connections.
const SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);
// pg and pg-pool raise these as plain Errors without a code.
const MESSAGES = [
  /^Connection terminated/,
  /^timeout exceeded when trying to connect/,
  /^Cannot use a pool after calling end on the pool/,
  /^Client was closed and is not queryable/,
  /^PGlite is clos(ed|ing)/,
];

/** Whether an error (or any error in its cause chain, e.g. under a DrizzleQueryError) means the database is unreachable. */
export function isDatabaseUnavailable(err: unknown): boolean {
  const seen = new Set<unknown>();
  for (let e: unknown = err; e instanceof Error && !seen.has(e); e = e.cause) {
    seen.add(e);
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') {
      // SQLSTATE class 08: connection exceptions.
      if (SOCKET_CODES.has(code) || SQLSTATES.has(code) || /^08[0-9A-Z]{3}$/.test(code)) return true;
    }
    if (MESSAGES.some((m) => m.test(e.message))) return true;
    // Several connection attempts failing at once (happy eyeballs) arrive as one AggregateError.
    if (e instanceof AggregateError && e.errors.some((inner) => isDatabaseUnavailable(inner))) return true;
  }
  return false;
}
