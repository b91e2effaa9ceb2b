// What the per-format feed readers hand to parseFeed, and the one error they may throw.
import type { FeedFormat } from '../types';

/** A feed document that could not be turned into items; errorClass is stored on the source. */
export class FeedParseError extends Error {
  readonly errorClass: 'not_a_feed' | 'parse';

  constructor(errorClass: 'not_a_feed' | 'parse', message: string) {
    super(message);
    this.name = 'FeedParseError';
    this.errorClass = errorClass;
  }
}

/** One item as a format reader found it, before URLs are resolved and ids settled. */
export interface RawEntry {
  guid?: string;
  /** False when the source said the guid is not a URL (RSS isPermaLink="false"). */
  guidIsPermaLink?: boolean;
  link?: string;
  /** Base for this entry's relative links (xml:base), already absolute. */
  base?: string;
  title?: string;
  summaryHtml?: string;
  contentHtml?: string;
  author?: string;
  /** Candidate dates in order of preference; the first that parses wins. */
  dates: unknown[];
  imageUrl?: string;
}

/** What a format reader hands back: feed metadata plus raw entries. */
export interface RawFeed {
  format: FeedFormat;
  title?: string;
  link?: string;
  /** Base for entries without their own (xml:base on the root, else the feed link). */
  base?: string;
  nextPageUrl?: string;
  author?: string;
  entries: RawEntry[];
}
