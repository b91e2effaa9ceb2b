// Shapes that cross stage boundaries. Each stage's own details stay in its folder.

/** One entry as a source published it, after parsing and before storage. */
export interface FeedItem {
  /** Stable id given by the source (guid, Atom id, JSON Feed id, document_number); falls back to the link. */
  guid: string;
  /** Absolute URL of the item, resolved against the feed's base. */
  url: string;
  title: string;
  /** Plain-text summary (HTML stripped). */
  summary?: string;
  /** Full HTML content when the feed carries it (content:encoded, Atom content, content_html). */
  contentHtml?: string;
  author?: string;
  publishedAt?: Date;
  /** Kind-specific structured fields, e.g. Federal Register agencies, docket ids, RIN, CFR references. */
  extra?: Record<string, unknown>;
}

export type FeedFormat = 'rss' | 'atom' | 'rdf' | 'json' | 'html' | 'federal-register';

export interface ParsedFeed {
  format: FeedFormat;
  title?: string;
  /** Site link of the feed, if given. */
  link?: string;
  items: FeedItem[];
  /** For paged sources (html next page, Federal Register next_page_url). */
  nextPageUrl?: string;
  /** Entries left out: no page to lead to (no link, no URL-shaped guid) or an unreadable record; absent when none. */
  itemsSkipped?: number;
}

/** Failure classes a fetch can end in; stored on the source and shown by the API. */
export type FetchErrorClass =
  | 'dns'
  | 'connect'
  | 'timeout'
  | 'tls'
  | 'http_4xx'
  | 'http_5xx'
  | 'rate_limited'
  | 'blocked'
  | 'not_a_feed'
  | 'parse'
  | 'too_large'
  | 'redirect_loop'
  | 'too_many_redirects'
  | 'forbidden_address'
  | 'robots'
  | 'network'
  /** A defect in Crosscheck itself (a TypeError, say), not something the source did. */
  | 'internal';

export interface FetchLimits {
  connectTimeoutMs: number;
  totalTimeoutMs: number;
  maxBodyBytes: number;
  maxRedirects: number;
}

/** What fetching a source once came to: items, nothing new, or a classified failure. */
export type SourceFetchOutcome =
  | {
      kind: 'ok';
      feed: ParsedFeed;
      etag?: string;
      lastModified?: string;
      /** Set when a permanent redirect moved the source; the stored URL is updated. */
      movedTo?: string;
      httpStatus: number;
      bytes: number;
    }
  | { kind: 'not_modified'; httpStatus: 304 }
  | {
      kind: 'failure';
      errorClass: FetchErrorClass;
      message: string;
      httpStatus?: number;
      /** Seconds the server asked us to wait (429/503 Retry-After). */
      retryAfterSeconds?: number;
      /** Transient failures are retried and backed off; permanent ones wait for the next schedule. */
      transient: boolean;
    };

/** Full text and metadata extracted from an article page. */
export interface ExtractedPage {
  title?: string;
  text: string;
  byline?: string;
  publishedAt?: Date;
  publisher?: string;
  siteName?: string;
  canonicalUrl?: string;
  language?: string;
  /** The page's own summary (meta description, og:description or JSON-LD description). */
  description?: string;
}
