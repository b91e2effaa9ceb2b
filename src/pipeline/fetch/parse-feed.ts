// Turns a decoded feed document (RSS 0.9x/1.0/2.0, Atom 0.3/1.0, JSON Feed 1.0/1.1) into FeedItems.
//
// Leniency, decided once: an XML feed is first parsed strictly; if that fails it is parsed again
// after repairs real feeds need (bare "&", control characters, a document cut off after its last
// complete item). A truncated feed therefore yields the items it fully carries. Anything still
// unparseable is a FeedParseError('parse'); a well-formed document that is not a feed (an HTML
// page, some other XML or JSON) is FeedParseError('not_a_feed'). No other exception escapes.
//
// Items are kept only when they lead to a page: their link, or a guid that is itself an http(s)
// URL. The guid falls back to that URL, and to URL + hash of title and date when several items
// (or the feed's home page) share one link.
import { createHash } from 'node:crypto';
import type { FeedItem, ParsedFeed } from '../types';
import { FeedParseError, type RawEntry, type RawFeed } from './feed-entry';
import { absoluteHttpUrl, parseDate, plainText, summaryText, truncateText } from './feed-text';
import { parseJsonFeed } from './parse-feed-json';
import { parseXmlFeed } from './parse-feed-xml';

export { FeedParseError } from './feed-entry';

export interface ParseFeedOptions {
  /** URL the document was fetched from; relative links resolve against it last. */
  baseUrl: string;
  /** Content-Type header. Accepted but not trusted: servers label feeds text/html or text/plain, so the document's own shape decides. */
  contentType?: string;
}

/** Parses a decoded RSS, Atom or JSON Feed document; throws FeedParseError for anything that is not a usable feed. */
export function parseFeed(text: string, opts: ParseFeedOptions): ParsedFeed {
  const body = text.replace(/^[\ufeff\s]+/, '');
  if (!body) throw new FeedParseError('parse', 'empty document');
  let raw: RawFeed;
  try {
    raw = body.startsWith('{') || body.startsWith('[') ? parseJsonFeed(body) : parseXmlFeed(body, opts.baseUrl);
  } catch (err) {
    if (err instanceof FeedParseError) throw err;
    throw new FeedParseError('parse', `feed could not be read: ${(err as Error).message}`);
  }
  return finishFeed(raw, opts.baseUrl);
}

function finishFeed(raw: RawFeed, baseUrl: string): ParsedFeed {
  const feedLink = absoluteHttpUrl(raw.link, baseUrl);
  const feedBase = raw.base ?? feedLink ?? baseUrl;
  const resolved = raw.entries.map((entry) => ({ entry, url: itemUrl(entry, feedBase) }));
  const linkCounts = new Map<string, number>();
  for (const { url } of resolved) if (url) linkCounts.set(url, (linkCounts.get(url) ?? 0) + 1);

  const items: FeedItem[] = [];
  let itemsSkipped = 0;
  for (const { entry, url } of resolved) {
    // Every stored article needs a page of its own (canonical URLs are unique), so an item with
    // neither a link nor a URL-shaped guid is left out (and counted) rather than given the feed's address.
    if (!url) {
      itemsSkipped++;
      continue;
    }
    const guid = entry.guid?.trim();
    const publishedAt = firstDate(entry.dates);
    const title = plainText(entry.title ?? '') || truncateText(plainText(entry.summaryHtml ?? entry.contentHtml ?? ''), 120);
    const item: FeedItem = {
      guid: guid || settleGuid(url, title, publishedAt, linkCounts.get(url)! > 1 || url === feedLink),
      url,
      title,
    };
    const summary = summaryText(entry.summaryHtml ?? entry.contentHtml);
    if (summary) item.summary = summary;
    if (entry.contentHtml?.trim()) item.contentHtml = entry.contentHtml.trim();
    const author = plainText(entry.author ?? raw.author ?? '');
    if (author) item.author = author;
    if (publishedAt) item.publishedAt = publishedAt;
    const extra: Record<string, unknown> = {};
    const imageUrl = absoluteHttpUrl(entry.imageUrl, entry.base ?? feedBase);
    if (imageUrl) extra.imageUrl = imageUrl;
    if (Object.keys(extra).length) item.extra = extra;
    items.push(item);
  }

  const feed: ParsedFeed = { format: raw.format, items };
  const title = plainText(raw.title ?? '');
  if (title) feed.title = title;
  if (feedLink) feed.link = feedLink;
  const next = absoluteHttpUrl(raw.nextPageUrl, baseUrl);
  if (next) feed.nextPageUrl = next;
  if (itemsSkipped) feed.itemsSkipped = itemsSkipped;
  return feed;
}

function itemUrl(entry: RawEntry, feedBase: string): string | undefined {
  const base = entry.base ?? feedBase;
  const fromLink = absoluteHttpUrl(entry.link, base);
  if (fromLink) return fromLink;
  // RSS guids are permalinks unless marked otherwise; only trust ones that already look like URLs.
  if (entry.guidIsPermaLink !== false && entry.guid && /^https?:\/\//i.test(entry.guid.trim())) {
    return absoluteHttpUrl(entry.guid);
  }
  return undefined;
}

// A link alone identifies an item unless several items share it (or it is the site's home page).
function settleGuid(url: string, title: string, publishedAt: Date | undefined, linkIsShared: boolean): string {
  if (!linkIsShared) return url;
  const digest = createHash('sha256').update(`${url}\n${title}\n${publishedAt?.toISOString() ?? ''}`).digest('hex');
  return `${url}#${digest.slice(0, 16)}`;
}

function firstDate(candidates: unknown[]): Date | undefined {
  for (const candidate of candidates) {
    const date = parseDate(candidate);
    if (date) return date;
  }
  return undefined;
}
