import type { FetchErrorClass } from '../types';
import { ForbiddenAddressError } from './address-guard';

// Turning HTTP statuses and socket errors into the pipeline's failure classes. Transient means
// "worth retrying soon"; permanent failures wait for the source's next scheduled poll.

export interface FailureClass {
  errorClass: FetchErrorClass;
  transient: boolean;
}

/** Seconds to wait from a Retry-After header (delta-seconds or an HTTP date), or undefined if absent/unreadable. */
export function parseRetryAfter(value: string | undefined, now: Date = new Date()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - now.getTime()) / 1000));
}

/** True for a response that names Cloudflare (or its challenge platform) in its headers. */
export function isCloudflareResponse(headers: Record<string, string | undefined>): boolean {
  return headers['cf-ray'] !== undefined || /cloudflare/i.test(headers['server'] ?? '') || headers['cf-mitigated'] !== undefined;
}

const CHALLENGE_MARKERS = [/just a moment/i, /cf-chl/i, /attention required/i, /cf-browser-verification/i, /challenge-platform/i];

/** True when a page is a bot challenge ("Just a moment…", "Attention Required!") rather than content. */
export function looksLikeChallenge(bodySnippet: string): boolean {
  return CHALLENGE_MARKERS.some((marker) => marker.test(bodySnippet));
}

/** The failure class of a non-2xx, non-3xx status (challenge pages are detected separately). */
export function classifyStatus(status: number, hasRetryAfter: boolean): FailureClass {
  if (status === 429) return { errorClass: 'rate_limited', transient: true };
  // A 503 that says when to come back is the server shedding load, which is rate limiting by another name.
  if (status === 503 && hasRetryAfter) return { errorClass: 'rate_limited', transient: true };
  if (status >= 500) return { errorClass: 'http_5xx', transient: true };
  // 408 Request Timeout invites a retry; every other 4xx (404, 410 Gone, 401, 403...) will not change by retrying now.
  return { errorClass: 'http_4xx', transient: status === 408 };
}

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NODATA', 'EAI_NONAME', 'EAI_FAIL']);
const CONNECT_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EHOSTDOWN',
  'ENETDOWN',
  'EPIPE',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
]);
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/** Every error in a chain of `cause`s and AggregateError members, outermost first. */
function errorChain(err: unknown): unknown[] {
  const seen: unknown[] = [];
  const queue = [err];
  while (queue.length && seen.length < 20) {
    const current = queue.shift();
    if (!current || seen.includes(current)) continue;
    seen.push(current);
    if (current instanceof AggregateError) queue.push(...current.errors);
    if (current instanceof Error && current.cause) queue.push(current.cause);
  }
  return seen;
}

function codeOf(err: unknown): string {
  return typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : '';
}

function isTlsCode(code: string): boolean {
  return (
    code.startsWith('ERR_TLS') ||
    code.startsWith('ERR_SSL') ||
    code.startsWith('CERT_') ||
    code.startsWith('UNABLE_TO_') ||
    code.includes('SELF_SIGNED') ||
    code === 'HOSTNAME_MISMATCH' ||
    code === 'DEPTH_ZERO_SELF_SIGNED_CERT'
  );
}

// What JavaScript throws for a bug in the program. Network errors reach us as system errors or
// undici's own classes (plain Error subclasses with a code), never as one of these four.
const DEFECTS = [TypeError, RangeError, ReferenceError, SyntaxError];

function isDefect(err: unknown): boolean {
  return DEFECTS.some((kind) => err instanceof kind);
}

/**
 * The failure class of a thrown network error (DNS, refused/reset, timeout, TLS, refused address);
 * a TypeError, RangeError, ReferenceError or SyntaxError with no network cause is `internal`, never retried.
 */
export function classifyNetworkError(err: unknown): FailureClass & { detail: string } {
  const chain = errorChain(err);
  const describe = (e: unknown) => `${codeOf(e) ? `${codeOf(e)}: ` : ''}${e instanceof Error ? e.message : String(e)}`;
  // The most specific cause wins wherever it sits in the chain: a TLS alert surfaces as a socket error.
  const rules: [(e: unknown) => boolean, FailureClass][] = [
    [(e) => e instanceof ForbiddenAddressError || codeOf(e) === 'ERR_FORBIDDEN_ADDRESS', { errorClass: 'forbidden_address', transient: false }],
    // Certificate problems are configuration, not luck: retrying soon will not fix them.
    [(e) => isTlsCode(codeOf(e)) || (codeOf(e) === 'EPROTO' && /ssl|tls/i.test(describe(e))), { errorClass: 'tls', transient: false }],
    [(e) => DNS_CODES.has(codeOf(e)), { errorClass: 'dns', transient: true }],
    [(e) => TIMEOUT_CODES.has(codeOf(e)), { errorClass: 'timeout', transient: true }],
    [(e) => CONNECT_CODES.has(codeOf(e)), { errorClass: 'connect', transient: true }],
  ];
  for (const [matches, failure] of rules) {
    const hit = chain.find(matches);
    if (hit !== undefined) return { ...failure, detail: describe(hit) };
  }
  const outermost = chain[0] ?? err;
  if (isDefect(outermost)) return { errorClass: 'internal', transient: false, detail: `${(outermost as Error).name}: ${describe(outermost)}` };
  return { errorClass: 'network', transient: true, detail: describe(outermost) };
}
