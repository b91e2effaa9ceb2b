import robotsParser from 'robots-parser';
import { decodeBody } from './charset';
import type { FetchUrlResult } from './http-client';

// robots.txt for scraped pages (html sources). Feeds and APIs are published to be polled, so only
// listing pages are checked. Choices, following common crawler practice:
// - a robots.txt that does not exist (any 4xx) allows everything;
// - a robots.txt we cannot get (5xx, timeout, refused) also allows, and the verdict says so, so
//   the caller logs it: one flaky robots.txt must not silence a source, and the page fetch that
//   follows meets the same politeness gate as any other request;
// - answers are cached per origin for an hour; an unreachable robots.txt only for five minutes,
//   so a recovered server's rules apply soon.

/** What fetching an origin's robots.txt came to. */
export type RobotsFetchResult = { kind: 'ok'; text: string } | { kind: 'missing'; status: number } | { kind: 'unavailable'; reason: string };

/** Fetches a robots.txt URL; supplied by the caller so it goes through the same HTTP client and limits. */
export type RobotsFetcher = (robotsUrl: string) => Promise<RobotsFetchResult>;

export interface RobotsVerdict {
  allowed: boolean;
  /** Why: rules said so, no robots.txt exists, or it could not be fetched (allowed, to be logged). */
  basis: 'rules' | 'missing' | 'unavailable';
  robotsUrl: string;
  detail?: string;
}

type Rules = ReturnType<typeof robotsParser>;

interface CacheEntry {
  expiresAt: number;
  answer: Promise<{ rules?: Rules; basis: RobotsVerdict['basis']; detail?: string }>;
}

/** How long an origin's robots.txt is trusted before it is fetched again. */
export const ROBOTS_TTL_MS = 60 * 60 * 1000;
const UNAVAILABLE_TTL_MS = 5 * 60 * 1000;

/** Per-origin cache of parsed robots.txt files. */
export class RobotsCache {
  private readonly entries = new Map<string, CacheEntry>();

  constructor(
    private readonly ttlMs: number = ROBOTS_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** The cached (or freshly fetched) rules for the origin of `robotsUrl`. */
  lookup(robotsUrl: string, fetcher: RobotsFetcher): CacheEntry['answer'] {
    const origin = new URL(robotsUrl).origin;
    const cached = this.entries.get(origin);
    if (cached && cached.expiresAt > this.now()) return cached.answer;
    // The promise itself is cached, so concurrent fetches of one origin share one robots.txt request.
    const entry: CacheEntry = { expiresAt: this.now() + this.ttlMs, answer: this.load(robotsUrl, fetcher) };
    this.entries.set(origin, entry);
    void entry.answer.then((answer) => {
      if (answer.basis === 'unavailable') entry.expiresAt = Math.min(entry.expiresAt, this.now() + UNAVAILABLE_TTL_MS);
    });
    return entry.answer;
  }

  private async load(robotsUrl: string, fetcher: RobotsFetcher): Promise<Awaited<CacheEntry['answer']>> {
    let result: RobotsFetchResult;
    try {
      result = await fetcher(robotsUrl);
    } catch (err) {
      result = { kind: 'unavailable', reason: err instanceof Error ? err.message : String(err) };
    }
    if (result.kind === 'ok') return { rules: robotsParser(robotsUrl, result.text), basis: 'rules' };
    if (result.kind === 'missing') return { basis: 'missing', detail: `HTTP ${result.status}` };
    return { basis: 'unavailable', detail: result.reason };
  }
}

const defaultCache = new RobotsCache();

/** Whether robots.txt lets `userAgent` fetch `url` (missing or unreachable robots.txt allows; see verdict.basis). */
export async function isAllowedByRobots(
  url: string,
  userAgent: string,
  fetcher: RobotsFetcher,
  cache: RobotsCache = defaultCache,
): Promise<RobotsVerdict> {
  const robotsUrl = new URL('/robots.txt', url).href;
  const answer = await cache.lookup(robotsUrl, fetcher);
  if (!answer.rules) return { allowed: true, basis: answer.basis, robotsUrl, detail: answer.detail };
  // robots-parser matches on the product token: "Crosscheck/0.1 (...)" is looked up as "crosscheck".
  const allowed = answer.rules.isAllowed(url, userAgent) !== false;
  const detail = allowed ? undefined : `disallowed by ${robotsUrl} line ${answer.rules.getMatchingLineNumber(url, userAgent)}`;
  return { allowed, basis: 'rules', robotsUrl, detail };
}

/** Largest robots.txt read; real ones are a few KiB. */
export const ROBOTS_MAX_BYTES = 512 * 1024;

/**
 * A RobotsFetcher over the caller's own request function (its gate, limits and address
 * policy): 4xx means no robots.txt, anything else that is not a body means unavailable.
 */
export function robotsFetcherFor(
  request: (url: string, accept: string, maxBodyBytes: number) => Promise<FetchUrlResult>,
): RobotsFetcher {
  return async (robotsUrl) => {
    const result = await request(robotsUrl, 'text/plain, */*;q=0.5', ROBOTS_MAX_BYTES);
    if (result.kind === 'ok') return { kind: 'ok', text: decodeBody(result.body, result.contentType).text };
    if (result.kind === 'failure' && result.httpStatus !== undefined && result.httpStatus >= 400 && result.httpStatus < 500) {
      return { kind: 'missing', status: result.httpStatus };
    }
    return { kind: 'unavailable', reason: result.kind === 'failure' ? result.message : `unexpected ${result.status}` };
  };
}
