// Small value cleaners shared by the feed, listing and Federal Register parsers.
import * as cheerio from 'cheerio';

const SUMMARY_MAX_CHARS = 2000;

/** Collapses runs of whitespace (including non-breaking spaces) to one space and trims. */
export function collapseWhitespace(text: string): string {
  return text.replace(/[\s\u00a0\u200b\ufeff]+/g, ' ').trim();
}

// Closing block tags and <br> glue words together once tags are stripped.
const BLOCK_BOUNDARY = /<(?:br|hr|\/(?:p|div|li|h[1-6]|tr|td|th|blockquote|section|article|header|footer|pre|dd|dt|figcaption))\b[^>]*>/gi;

/** HTML (or entity-encoded text) to one line of plain text: tags dropped, entities decoded, whitespace collapsed. */
export function plainText(html: string): string {
  if (!/[<&]/.test(html)) return collapseWhitespace(html);
  const $ = cheerio.load(html.replace(BLOCK_BOUNDARY, '$& '), null, false);
  $('script, style, noscript, template').remove();
  return collapseWhitespace($.root().text());
}

/** Cuts plain text to at most `max` characters, at a word boundary when one is near, marking the cut with an ellipsis. */
export function truncateText(text: string, max = SUMMARY_MAX_CHARS): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const lastSpace = cut.lastIndexOf(' ');
  return `${lastSpace > max * 0.8 ? cut.slice(0, lastSpace) : cut}…`;
}

/** Plain-text summary from HTML or text, trimmed to about 2,000 characters; undefined when empty. */
export function summaryText(html: string | undefined): string | undefined {
  if (!html) return undefined;
  const text = plainText(html);
  return text ? truncateText(text) : undefined;
}

/** Resolves `href` against `base` and returns it only when it is an absolute http(s) URL. */
export function absoluteHttpUrl(href: string | undefined, base?: string): string | undefined {
  const trimmed = href?.trim();
  if (!trimmed) return undefined;
  try {
    const url = new URL(trimmed, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

// Zone names V8's Date parser does not know but real feeds use.
const ZONE_OFFSETS: Record<string, string> = {
  CET: '+0100', CEST: '+0200', MET: '+0100', MEST: '+0200', EET: '+0200', EEST: '+0300',
  WET: '+0000', WEST: '+0100', BST: '+0100', IST: '+0530', JST: '+0900', KST: '+0900',
  HKT: '+0800', SGT: '+0800', AEST: '+1000', AEDT: '+1100', ACST: '+0930', AWST: '+0800',
  NZST: '+1200', NZDT: '+1300', MSK: '+0300', AKST: '-0900', AKDT: '-0800', HST: '-1000',
};

const HAS_ZONE = /(?:Z|[+-]\d{2}:?\d{2}|\b(?:GMT|UTC|UT|[ECMP][SD]T))\s*$/i;
const NAMED_ZONE = /\b([A-Z]{3,4})\s*$/;
const MIN_PLAUSIBLE_MS = Date.UTC(1900, 0, 1);

/**
 * Parses the date formats feeds and pages use (RFC 822, ISO 8601, Unix seconds or milliseconds).
 * Returns undefined rather than an Invalid Date; a date without a zone is read as UTC so results
 * do not depend on the machine's time zone.
 */
export function parseDate(value: unknown): Date | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value;
  if (typeof value === 'number') return fromEpoch(value);
  if (typeof value !== 'string') return undefined;
  let text = collapseWhitespace(value);
  if (!text) return undefined;
  if (/^\d{9,13}$/.test(text)) return fromEpoch(Number(text));
  // V8 reads "Episode 12" as December 2001: insist on a year (RFC 822 still allows two digits).
  if (!/(?:^|\D)(?:1[89]|2[01])\d\d(?:\D|$)/.test(text) && !/\b\d{1,2} [A-Za-z]{3,9}\.? \d\d\b/.test(text)) return undefined;
  const named = NAMED_ZONE.exec(text);
  if (named && ZONE_OFFSETS[named[1].toUpperCase()]) {
    text = text.slice(0, named.index) + ZONE_OFFSETS[named[1].toUpperCase()];
  }
  const hasZone = HAS_ZONE.test(text);
  // ISO date-times without an offset would be read as local time.
  if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?$/.test(text)) text = `${text.replace(' ', 'T')}Z`;
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) return undefined;
  const isIsoDateOnly = /^\d{4}-\d{2}-\d{2}$/.test(text);
  const zoneless = !hasZone && !isIsoDateOnly && !text.endsWith('Z');
  const utcMs = zoneless ? ms - new Date(ms).getTimezoneOffset() * 60_000 : ms;
  return utcMs >= MIN_PLAUSIBLE_MS ? new Date(utcMs) : undefined;
}

function fromEpoch(n: number): Date | undefined {
  if (!Number.isFinite(n) || n <= 0) return undefined;
  const ms = n < 1e11 ? n * 1000 : n;
  return new Date(ms);
}
