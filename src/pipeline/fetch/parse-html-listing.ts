// Article listings scraped from HTML pages (newsrooms and regulators without a feed), driven by
// the CSS selectors configured for the source.
import * as cheerio from 'cheerio';
import type { Source } from '../../config/sources';
import type { ParsedFeed, FeedItem } from '../types';
import { absoluteHttpUrl, collapseWhitespace, parseDate, summaryText } from './feed-text';

export type ListingSelectors = NonNullable<Source['selectors']>;

type Selection = cheerio.Cheerio<any>;

const HEADINGS = 'h1, h2, h3, h4, h5, h6';

/**
 * Reads one listing page: every `item` match with a usable link becomes a FeedItem; `nextPageUrl`
 * is set when the `nextPage` selector finds a link. `maxPages` is for the caller that follows it.
 */
export function parseHtmlListing(html: string, baseUrl: string, selectors: ListingSelectors): ParsedFeed {
  const $ = cheerio.load(html);
  // A <base href> changes what relative links on the page mean.
  const base = absoluteHttpUrl($('base[href]').first().attr('href'), baseUrl) ?? baseUrl;
  const items: FeedItem[] = [];
  const seen = new Set<string>();
  let itemsSkipped = 0;

  $(selectors.item).each((_, element) => {
    const item = $(element);
    const link = findLink(item, selectors.link);
    const url = absoluteHttpUrl(link.attr('href'), base);
    if (!url) {
      itemsSkipped++;
      return;
    }
    // Listings repeat a story (image link, headline link, "read more"): keep its first appearance.
    if (seen.has(url)) return;
    seen.add(url);

    const titleNode = selectors.title ? item.find(selectors.title).first() : item.find(HEADINGS).first();
    const title = collapseWhitespace(titleNode.text()) || collapseWhitespace(link.text()) || collapseWhitespace(link.attr('title') ?? '');
    const feedItem: FeedItem = { guid: url, url, title };

    const dateNode = selectors.date ? item.find(selectors.date).first() : item.find('time').first();
    const publishedAt = parseDate(dateNode.attr('datetime') ?? dateNode.attr('content') ?? dateNode.text());
    if (publishedAt) feedItem.publishedAt = publishedAt;

    if (selectors.summary) {
      const summary = summaryText(item.find(selectors.summary).first().html() ?? undefined);
      if (summary) feedItem.summary = summary;
    }
    items.push(feedItem);
  });

  const feed: ParsedFeed = { format: 'html', link: base, items };
  if (itemsSkipped) feed.itemsSkipped = itemsSkipped;
  const title = collapseWhitespace($('title').first().text());
  if (title) feed.title = title;
  if (selectors.nextPage) {
    const next = findLink($.root(), selectors.nextPage);
    const nextUrl = absoluteHttpUrl(next.attr('href'), base);
    // A "next" link back to this very page would make the caller loop.
    if (nextUrl && nextUrl !== absoluteHttpUrl(baseUrl)) feed.nextPageUrl = nextUrl;
  }
  return feed;
}

// The configured selector may match the <a> itself or an element around it; without one, the
// item's first link is used (or the item, when the item is the link).
function findLink(scope: Selection, selector: string | undefined): Selection {
  if (!selector) return scope.is('a[href]') ? scope : scope.find('a[href]').first();
  const match = scope.find(selector).first();
  return match.is('[href]') ? match : match.find('a[href]').first();
}
