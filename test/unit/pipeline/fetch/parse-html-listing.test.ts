import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseHtmlListing } from '../../../../src/pipeline/fetch/parse-html-listing';

// A listing page written for this test (see test/fixtures/listings/MANIFEST.md).
const page = readFileSync(fileURLToPath(new URL('../../../fixtures/listings/press-releases.html', import.meta.url)), 'utf8');
const PAGE_URL = 'https://agency.example/news/press-releases';

describe('parseHtmlListing', () => {
  it('uses the first link and heading of each item when only the item selector is given', () => {
    const feed = parseHtmlListing(page, PAGE_URL, { item: 'li.release' });
    expect(feed.format).toBe('html');
    expect(feed.title).toBe('Press Releases | Example Agency');
    expect(feed.items.map(({ url, title }) => ({ url, title }))).toEqual([
      // Resolved against <base href>, not the page URL.
      { url: 'https://agency.example/news/press-releases/2024/05/agency-finalizes-rule', title: 'Agency Finalizes Rule on Data Brokers' },
      { url: 'https://agency.example/news/press-releases/2024/04/settlement', title: 'Company Agrees to $5 Million & Compliance Settlement' },
      // No heading: the link text is the title.
      { url: 'https://other.example/story', title: 'External coverage of the rule' },
    ]);
    expect(feed.items.map((item) => item.guid)).toEqual(feed.items.map((item) => item.url));
    // Without a date selector only <time> elements are read: the datetime attribute first, else the text.
    expect(feed.items.map((item) => item.publishedAt?.toISOString())).toEqual([
      '2024-05-02T18:30:00.000Z',
      undefined,
      '2024-04-28T00:00:00.000Z',
    ]);
    // "Statement forthcoming" has no link and "Subscribe" a javascript: one; the repeated story is not counted.
    expect(feed.itemsSkipped).toBe(2);
    expect(feed.nextPageUrl).toBeUndefined();
  });

  it('follows the configured selectors for title, link, date, summary and next page', () => {
    const feed = parseHtmlListing(page, PAGE_URL, {
      item: 'li.release',
      title: '.release-title',
      link: '.release-title',
      date: 'time, .date',
      summary: '.teaser',
      nextPage: 'a[rel=next]',
      maxPages: 3,
    });
    // The third item has a link but no .release-title link, so the link selector finds nothing.
    expect(feed.items.map((item) => item.title)).toEqual([
      'Agency Finalizes Rule on Data Brokers',
      'Company Agrees to $5 Million & Compliance Settlement',
    ]);
    // Left out and counted: the heading without a link, the item without a heading, the javascript: link.
    expect(feed.itemsSkipped).toBe(3);
    expect(feed.items[1].publishedAt?.toISOString()).toBe('2024-04-30T00:00:00.000Z');
    expect(feed.items.map((item) => item.summary)).toEqual(['The rule takes effect in 90 days. Comments closed in March.', 'A settlement.']);
    expect(feed.nextPageUrl).toBe('https://agency.example/news/?page=2');
  });

  it('matches a next-page selector that points at an element around the link', () => {
    const feed = parseHtmlListing(page, PAGE_URL, { item: 'li.release', nextPage: 'nav.pager' });
    // The first link inside the pager is "Previous": the selector decides, not the parser.
    expect(feed.nextPageUrl).toBe('https://agency.example/news/?page=0');
  });

  it('returns no items rather than failing when nothing matches', () => {
    const feed = parseHtmlListing('<html><body><p>Maintenance</p></body></html>', PAGE_URL, { item: 'li.release', nextPage: 'a.next' });
    expect(feed).toEqual({ format: 'html', link: PAGE_URL, items: [] });
  });

  it('ignores a next link that points back to the same page', () => {
    const html = '<ul><li class="r"><a href="/a">A</a></li></ul><a class="next" href="/list">Next</a>';
    expect(parseHtmlListing(html, 'https://site.example/list', { item: 'li.r', nextPage: 'a.next' }).nextPageUrl).toBeUndefined();
  });
});
