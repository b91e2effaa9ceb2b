import { Agent, request, type Dispatcher } from 'undici';
import type { Source } from '../../config/sources';
import type { FetchErrorClass, FetchLimits } from '../types';
import { guardedLookup, isNonPublicIpLiteral, forbiddenRange } from './address-guard';
import { classifyNetworkError, classifyStatus, isCloudflareResponse, looksLikeChallenge, parseRetryAfter } from './http-status';
import { BodyTooLargeError, readBody, UnsupportedEncodingError } from './read-body';

/** Limits for one fetch when neither the source nor the caller overrides them. */
export const DEFAULT_FETCH_LIMITS: Readonly<FetchLimits> = Object.freeze({
  connectTimeoutMs: 10_000,
  totalTimeoutMs: 30_000,
  maxBodyBytes: 10 * 1024 * 1024,
  maxRedirects: 5,
});

/** Limits layered over the defaults; a layer's missing or undefined limits keep what is below. */
export function mergeLimits(...layers: (Partial<FetchLimits> | undefined)[]): FetchLimits {
  const merged: FetchLimits = { ...DEFAULT_FETCH_LIMITS };
  for (const layer of layers) {
    for (const key of Object.keys(layer ?? {}) as (keyof FetchLimits)[]) {
      const value = layer?.[key];
      // A source's YAML may leave a limit out, which arrives as undefined and must not erase the default.
      if (typeof value === 'number' && Number.isFinite(value)) merged[key] = value;
    }
  }
  return merged;
}

/** A source's own limits (sources.yaml gives timeouts in seconds) in the client's milliseconds. */
export function sourceLimits(source: Pick<Source, 'limits'>): Partial<FetchLimits> | undefined {
  const limits = source.limits;
  return (
    limits && {
      connectTimeoutMs: limits.connectTimeout && Math.round(limits.connectTimeout * 1000),
      totalTimeoutMs: limits.totalTimeout && Math.round(limits.totalTimeout * 1000),
      maxBodyBytes: limits.maxBodyBytes,
      maxRedirects: limits.maxRedirects,
    }
  );
}

/** Who we are, so site operators can find out and reach us. */
export const USER_AGENT = 'Crosscheck/0.1 (+https://github.com/crosscheck/crosscheck; news and regulatory feed reader)';

export interface FetchUrlOptions {
  etag?: string;
  lastModified?: string;
  limits: FetchLimits;
  /** Allow loopback, private, link-local and other non-public addresses (only for sources configured on them). */
  allowPrivateAddresses: boolean;
  userAgent: string;
  accept?: string;
  signal?: AbortSignal;
}

interface ResponseMeta {
  /** The URL that finally answered, after redirects. */
  url: string;
  redirected: boolean;
  /** True when at least one redirect was followed and every one was 301 or 308. */
  permanentRedirect: boolean;
  etag?: string;
  lastModified?: string;
}

export type FetchUrlResult =
  | (ResponseMeta & { kind: 'ok'; status: number; body: Buffer; contentType?: string; wireBytes: number })
  | (ResponseMeta & { kind: 'not_modified'; status: 304 })
  | {
      kind: 'failure';
      url: string;
      errorClass: FetchErrorClass;
      message: string;
      httpStatus?: number;
      retryAfterSeconds?: number;
      transient: boolean;
    };

type Failure = Extract<FetchUrlResult, { kind: 'failure' }>;
type ResponseBody = Dispatcher.ResponseData['body'];

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const PERMANENT_REDIRECTS = new Set([301, 308]);
// Enough of an error page to recognise a bot challenge without reading a large one.
const CHALLENGE_SNIFF_BYTES = 64 * 1024;

// One connection pool per (address policy, connect timeout): the guarded lookup is part of the
// connector, so requests with different policies must not share sockets.
const agents = new Map<string, Agent>();

function agentFor(allowPrivateAddresses: boolean, connectTimeoutMs: number): Agent {
  const key = `${allowPrivateAddresses}:${connectTimeoutMs}`;
  let agent = agents.get(key);
  if (!agent) {
    agent = new Agent({ connect: { timeout: connectTimeoutMs, lookup: guardedLookup(allowPrivateAddresses) } });
    agents.set(key, agent);
  }
  return agent;
}

/** Closes the pooled connections (for shutdown and test teardown). */
export async function closeHttpAgents(): Promise<void> {
  const open = [...agents.values()];
  agents.clear();
  await Promise.all(open.map((agent) => agent.close()));
}

/** GETs a URL with conditional headers, manual redirects, size and time limits and the SSRF guard; expected failures are results. */
export async function fetchUrl(url: string, options: FetchUrlOptions): Promise<FetchUrlResult> {
  const { limits } = options;
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new Error(`total timeout of ${limits.totalTimeoutMs} ms`));
  }, limits.totalTimeoutMs);
  const onCallerAbort = () => controller.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', onCallerAbort, { once: true });
  let current = url;
  try {
    if (options.signal?.aborted) return failure(url, 'network', `fetch of ${url} was cancelled before it started`, true);
    return await followRedirects(url, options, controller.signal, (u) => (current = u));
  } catch (err) {
    if (timedOut) {
      return failure(current, 'timeout', `${current}: no complete response within the total timeout of ${limits.totalTimeoutMs} ms`, true);
    }
    if (options.signal?.aborted) return failure(current, 'network', `fetch of ${current} was cancelled`, true);
    if (err instanceof BodyTooLargeError) {
      return failure(current, 'too_large', `${current}: ${err.message} (maxBodyBytes ${limits.maxBodyBytes}); stopped reading`, false);
    }
    if (err instanceof UnsupportedEncodingError) return failure(current, 'network', `${current}: ${err.message}`, false);
    const { errorClass, transient, detail } = classifyNetworkError(err);
    const timeoutNote = /CONNECT_TIMEOUT/.test(detail) ? ` (connect timeout ${limits.connectTimeoutMs} ms)` : '';
    return failure(current, errorClass, `GET ${current} failed: ${detail}${timeoutNote}`, transient);
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onCallerAbort);
  }
}

async function followRedirects(
  startUrl: string,
  options: FetchUrlOptions,
  signal: AbortSignal,
  onHop: (url: string) => void,
): Promise<FetchUrlResult> {
  const { limits } = options;
  const visited = new Set<string>();
  let current = startUrl;
  let redirects = 0;
  let allPermanent = true;

  for (;;) {
    const target = parseHttpUrl(current);
    if (typeof target === 'string') return failure(current, 'network', target, false);
    current = target.href;
    onHop(current);
    visited.add(current);
    if (!options.allowPrivateAddresses && isNonPublicIpLiteral(target.hostname)) {
      // A literal address never goes through DNS, so the connector's lookup cannot see it.
      const range = forbiddenRange(target.hostname);
      return failure(current, 'forbidden_address', `${current}: ${target.hostname} is a non-public address (${range}); refusing to connect`, false);
    }

    const response = await request(current, {
      method: 'GET',
      headers: requestHeaders(options),
      dispatcher: agentFor(options.allowPrivateAddresses, limits.connectTimeoutMs),
      signal,
      // Backstops only: the total deadline above is what normally ends a slow exchange.
      headersTimeout: limits.totalTimeoutMs,
      bodyTimeout: limits.totalTimeoutMs,
    });
    const headers = flattenHeaders(response.headers);
    const { statusCode: status } = response;
    const meta: ResponseMeta = {
      url: current,
      redirected: redirects > 0,
      permanentRedirect: redirects > 0 && allPermanent,
      etag: headers['etag'],
      lastModified: headers['last-modified'],
    };

    if (REDIRECT_STATUSES.has(status)) {
      await discard(response.body);
      const location = headers['location'];
      if (!location) return failure(current, 'network', `${current} answered ${status} without a Location header`, false, status);
      let next: string;
      try {
        const resolved = new URL(location, current);
        resolved.hash = '';
        next = resolved.href;
      } catch {
        return failure(current, 'network', `${current} redirected to an unreadable Location "${location}"`, false, status);
      }
      if (visited.has(next)) return failure(current, 'redirect_loop', `redirect loop: ${current} sends us back to ${next}`, false, status);
      redirects += 1;
      if (redirects > limits.maxRedirects) {
        return failure(current, 'too_many_redirects', `${startUrl} redirected more than ${limits.maxRedirects} times (last hop ${current} -> ${next})`, false, status);
      }
      allPermanent &&= PERMANENT_REDIRECTS.has(status);
      current = next;
      continue;
    }

    if (status === 304) {
      await discard(response.body);
      return { ...meta, kind: 'not_modified', status: 304 };
    }

    if (status >= 200 && status < 300) {
      const declared = Number(headers['content-length']);
      if (Number.isFinite(declared) && declared > limits.maxBodyBytes) {
        response.body.destroy();
        throw new BodyTooLargeError('wire', limits.maxBodyBytes);
      }
      const read = await readBody(response.body, headers['content-encoding'], { maxBytes: limits.maxBodyBytes, signal });
      return { ...meta, kind: 'ok', status, body: read.bytes, contentType: headers['content-type'], wireBytes: read.wireBytes };
    }

    return await errorStatus(current, status, headers, response.body, signal);
  }
}

async function errorStatus(
  url: string,
  status: number,
  headers: Record<string, string | undefined>,
  body: ResponseBody,
  signal: AbortSignal,
): Promise<Failure> {
  if ((status === 403 || status === 503 || status === 429) && isCloudflareResponse(headers)) {
    const snippet = await readBody(body, headers['content-encoding'], { maxBytes: CHALLENGE_SNIFF_BYTES, truncate: true, signal })
      .then((read) => read.bytes.toString('utf8'))
      .catch(() => '');
    if (looksLikeChallenge(snippet)) {
      return failure(url, 'blocked', `${url} answered ${status} with a bot-challenge page (Cloudflare); content is not reachable for a feed reader`, false, status);
    }
  } else {
    await discard(body);
  }
  const retryAfterSeconds = parseRetryAfter(headers['retry-after']);
  const { errorClass, transient } = classifyStatus(status, retryAfterSeconds !== undefined);
  const wait = retryAfterSeconds !== undefined ? `; Retry-After ${retryAfterSeconds} s` : '';
  const result = failure(url, errorClass, `${url} answered HTTP ${status}${wait}`, transient, status);
  if (retryAfterSeconds !== undefined) result.retryAfterSeconds = retryAfterSeconds;
  return result;
}

function requestHeaders(options: FetchUrlOptions): Record<string, string> {
  const headers: Record<string, string> = {
    'user-agent': options.userAgent,
    accept: options.accept ?? '*/*',
    'accept-encoding': 'gzip, deflate, br',
  };
  if (options.etag) headers['if-none-match'] = options.etag;
  if (options.lastModified) headers['if-modified-since'] = options.lastModified;
  return headers;
}

function parseHttpUrl(raw: string): URL | string {
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    return `"${raw}" is not a valid URL`;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return `${raw}: only http and https URLs are fetched, not ${parsed.protocol}`;
  parsed.hash = '';
  return parsed;
}

function flattenHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string | undefined> {
  const flat: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(raw)) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  return flat;
}

// Bodies we do not need are drained when small (keeping the connection reusable) and cut off otherwise.
async function discard(body: ResponseBody): Promise<void> {
  await body.dump({ limit: CHALLENGE_SNIFF_BYTES }).catch(() => undefined);
}

function failure(url: string, errorClass: FetchErrorClass, message: string, transient: boolean, httpStatus?: number): Failure {
  const result: Failure = { kind: 'failure', url, errorClass, message, transient };
  if (httpStatus !== undefined) result.httpStatus = httpStatus;
  return result;
}
