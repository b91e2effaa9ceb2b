import { createLogger, type Logger } from '../../logger';
import type { Source } from '../../config/sources';
import type { SourceKind } from '../../vocabulary';
import type { FetchLimits, ParsedFeed, SourceFetchOutcome } from '../types';
import { allowsPrivateAddresses } from './address-guard';
import { decodeBody } from './charset';
import { USER_AGENT, fetchUrl, mergeLimits, sourceLimits, type FetchUrlResult } from './http-client';
import { federalRegisterSearchUrl, parseFederalRegister } from './parse-federal-register';
import { parseFeed } from './parse-feed';
import { parseHtmlListing } from './parse-html-listing';
import { createHostGate, type HostGate } from './politeness';
import { isAllowedByRobots, RobotsCache, robotsFetcherFor } from './robots';

// Fetching one source once: politeness gate, robots.txt for scraped pages, the HTTP client,
// charset decoding, the parser for the source's kind, and pagination for paged kinds.
// Every expected outcome, including a parser's refusal, comes back as a SourceFetchOutcome.

export interface FetchSourceDeps {
  /** Per-host gate; defaults to one shared by the process (2 per host, 1 s apart). */
  gate?: HostGate;
  robotsCache?: RobotsCache;
  userAgent?: string;
  /** The caller's default limits; a source's own `limits` still win over them. */
  limits?: Partial<FetchLimits>;
  log?: Pick<Logger, 'warn' | 'info'>;
  signal?: AbortSignal;
}

export interface ConditionalState {
  etag?: string;
  lastModified?: string;
}

type Failure = Extract<SourceFetchOutcome, { kind: 'failure' }>;

const DEFAULT_HTML_PAGES = 3;
const DEFAULT_FEDERAL_REGISTER_PAGES = 5;
const ACCEPT: Record<SourceKind, string> = {
  rss: 'application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.8',
  html: 'text/html, application/xhtml+xml;q=0.9, */*;q=0.8',
  'federal-register': 'application/json, */*;q=0.8',
};

let sharedGate: HostGate | undefined;
let sharedLog: Logger | undefined;

/** Fetches and parses one source once (all pages of a paged source), returning items, not-modified or a classified failure. */
export async function fetchSource(source: Source, state: ConditionalState = {}, deps: FetchSourceDeps = {}): Promise<SourceFetchOutcome> {
  try {
    return await fetchSourceOnce(source, state, deps);
  } catch (err) {
    // Every expected failure is already a result; this is a defect, reported on the source rather than crashing a worker.
    const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    return { kind: 'failure', errorClass: 'internal', message: `internal error fetching ${source.url}: ${message}`, transient: false };
  }
}

async function fetchSourceOnce(source: Source, state: ConditionalState, deps: FetchSourceDeps): Promise<SourceFetchOutcome> {
  const gate = deps.gate ?? (sharedGate ??= createHostGate());
  const log = deps.log ?? (sharedLog ??= createLogger('info').child({ module: 'fetch' }));
  const userAgent = deps.userAgent ?? USER_AGENT;
  const limits = mergeLimits(deps.limits, sourceLimits(source));
  const allowPrivateAddresses = allowsPrivateAddresses(source);
  const request = (url: string, conditional: ConditionalState, accept: string, maxBodyBytes = limits.maxBodyBytes) =>
    gate.run(url, () =>
      fetchUrl(url, { ...conditional, limits: { ...limits, maxBodyBytes }, allowPrivateAddresses, userAgent, accept, signal: deps.signal }),
    );

  const checkRobots = async (url: string): Promise<Failure | undefined> => {
    if (source.kind !== 'html') return undefined;
    const fetchRobots = robotsFetcherFor((target, accept, maxBytes) => request(target, {}, accept, maxBytes));
    const verdict = await isAllowedByRobots(url, userAgent, fetchRobots, deps.robotsCache);
    if (verdict.basis === 'unavailable') {
      log.warn({ source_id: source.id, robots_url: verdict.robotsUrl, reason: verdict.detail }, 'robots.txt unavailable; fetching as allowed');
    }
    if (verdict.allowed) return undefined;
    return { kind: 'failure', errorClass: 'robots', message: `${url} is ${verdict.detail ?? `disallowed by ${verdict.robotsUrl}`} for ${userAgent}`, transient: false };
  };

  const startUrl = source.kind === 'federal-register' ? federalRegisterUrl(source) : source.url;
  const refused = await checkRobots(startUrl);
  if (refused) return refused;

  const first = await request(startUrl, state, ACCEPT[source.kind]);
  if (first.kind === 'failure') return withoutUrl(first);
  if (first.kind === 'not_modified') return { kind: 'not_modified', httpStatus: 304 };

  const parsed = parsePage(source, first);
  if ('kind' in parsed) return parsed;
  const items = [...parsed.items];
  let itemsSkipped = parsed.itemsSkipped ?? 0;
  let bytes = first.body.length;
  let feed: ParsedFeed = parsed;

  const maxPages = pageLimit(source);
  const seen = new Set([startUrl, first.url]);
  for (let pages = 1; feed.nextPageUrl && pages < maxPages && !seen.has(feed.nextPageUrl); pages++) {
    const next = feed.nextPageUrl;
    seen.add(next);
    // Later pages are extras: a failure there keeps what the first pages gave and is only logged.
    if (await checkRobots(next)) break;
    const page = await request(next, {}, ACCEPT[source.kind]);
    if (page.kind !== 'ok') {
      log.warn({ source_id: source.id, page: next, outcome: page.kind === 'failure' ? page.message : 'not modified' }, 'stopped paging');
      break;
    }
    const pageFeed = parsePage(source, page);
    if ('kind' in pageFeed) {
      log.warn({ source_id: source.id, page: next, error: pageFeed.message }, 'stopped paging');
      break;
    }
    items.push(...pageFeed.items);
    itemsSkipped += pageFeed.itemsSkipped ?? 0;
    bytes += page.body.length;
    feed = pageFeed;
  }

  const outcome: Extract<SourceFetchOutcome, { kind: 'ok' }> = {
    kind: 'ok',
    feed: { ...parsed, items, nextPageUrl: feed.nextPageUrl },
    httpStatus: first.status,
    bytes,
  };
  if (!outcome.feed.nextPageUrl) delete outcome.feed.nextPageUrl;
  if (itemsSkipped) outcome.feed.itemsSkipped = itemsSkipped;
  else delete outcome.feed.itemsSkipped;
  if (first.etag) outcome.etag = first.etag;
  if (first.lastModified) outcome.lastModified = first.lastModified;
  if (first.permanentRedirect && first.url !== startUrl) outcome.movedTo = first.url;
  return outcome;
}

function parsePage(source: Source, page: Extract<FetchUrlResult, { kind: 'ok' }>): ParsedFeed | Failure {
  const { text } = decodeBody(page.body, page.contentType);
  try {
    switch (source.kind) {
      case 'rss':
        return parseFeed(text, { baseUrl: page.url, contentType: page.contentType });
      case 'html':
        if (!source.selectors) throw parseError('parse', `html source ${source.id} has no selectors`);
        return parseHtmlListing(text, page.url, source.selectors);
      case 'federal-register':
        return parseFederalRegister(text, page.url);
    }
  } catch (err) {
    const errorClass = (err as { errorClass?: unknown }).errorClass === 'not_a_feed' ? 'not_a_feed' : 'parse';
    const message = err instanceof Error ? err.message : String(err);
    return { kind: 'failure', errorClass, message: `${page.url} (${page.contentType ?? 'no content type'}): ${message}`, httpStatus: page.status, transient: false };
  }
}

function parseError(errorClass: 'parse' | 'not_a_feed', message: string): Error {
  return Object.assign(new Error(message), { errorClass });
}

function pageLimit(source: Source): number {
  if (source.kind === 'html') return source.selectors?.maxPages ?? DEFAULT_HTML_PAGES;
  if (source.kind === 'federal-register') return source.federalRegister?.maxPages ?? DEFAULT_FEDERAL_REGISTER_PAGES;
  return 1;
}

// The configured URL may already carry filters (or be a stored URL a permanent redirect moved);
// list filters it already has are not appended a second time.
function federalRegisterUrl(source: Source): string {
  const options = source.federalRegister ?? {};
  const present = new URL(source.url).searchParams;
  return federalRegisterSearchUrl(source.url, {
    agencies: present.has('conditions[agencies][]') ? undefined : options.agencies,
    documentTypes: present.has('conditions[type][]') ? undefined : options.documentTypes,
    terms: options.terms,
    perPage: options.perPage,
  });
}

function withoutUrl(result: Extract<FetchUrlResult, { kind: 'failure' }>): Failure {
  const { url: _url, ...rest } = result;
  return rest;
}
