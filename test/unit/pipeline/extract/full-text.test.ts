import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as cheerio from 'cheerio';
import { describe, expect, it } from 'vitest';
import { extractPage } from '../../../../src/pipeline/extract/full-text';
import { textOverlap } from '../../../../harness/text-f1';

const PAGES = fileURLToPath(new URL('../../../fixtures/articles/readability', import.meta.url));
// The URL Readability's own tests run these pages under.
const PAGE_URL = 'http://fakehost/test/page.html';

interface ExpectedMetadata {
  title: string | null;
  byline: string | null;
  lang: string | null;
  siteName: string | null;
  publishedTime: string | null;
}

const squash = (value: string | null | undefined) => (value ?? '').replace(/\s+/g, ' ').trim();

describe.each(['nytimes-1', 'lemonde-1', 'wapo-1', 'schema-org-context-object', 'parsely-metadata'])(
  'extractPage on the Readability test page %s',
  (name) => {
    const read = (file: string) => readFileSync(join(PAGES, name, file), 'utf8');
    const page = extractPage(read('source.html'), PAGE_URL);
    const expected: ExpectedMetadata = JSON.parse(read('expected-metadata.json'));

    it('finds the article text (token F1 >= 0.9 against Readability.js output)', () => {
      const reference = cheerio.load(read('expected.html')).root().text();
      expect(textOverlap(reference, page.text, 1).f1).toBeGreaterThanOrEqual(0.9);
    });

    it('keeps paragraph breaks', () => {
      const $ = cheerio.load(read('expected.html'));
      const paragraphs = $('p').filter((_, p) => squash($(p).text()) !== '').length;
      expect(page.text.split('\n\n').length).toBeGreaterThanOrEqual(Math.floor(paragraphs * 0.8));
    });

    it('reads title and byline as Readability.js does (whitespace collapsed)', () => {
      expect(squash(page.title)).toBe(squash(expected.title));
      // Where Readability.js found no byline, page metadata may still supply one.
      if (expected.byline) expect(squash(page.byline)).toBe(squash(expected.byline));
    });

    it('reads site name, language and publication time when the page states them', () => {
      if (expected.siteName) expect(page.siteName).toBe(expected.siteName);
      if (expected.lang) expect(page.language?.toLowerCase()).toBe(expected.lang.toLowerCase());
      if (expected.publishedTime) expect(page.publishedAt?.toISOString()).toBe(new Date(expected.publishedTime).toISOString());
    });
  },
);

// Small pages below are written for these tests.
describe('extractPage metadata', () => {
  const body = `<p>${'The agency published its final rule on Tuesday after months of review. '.repeat(8)}</p>`.repeat(4);

  it('reads JSON-LD from an @graph with an author array and a publisher object', () => {
    const html = `<html lang="en_GB"><head><title>Site title</title>
      <script type="application/ld+json">{"@context":"https://schema.org","@graph":[
        {"@type":"WebSite","name":"Example"},
        {"@type":["NewsArticle"],"headline":"Rule finalised","datePublished":"2024-03-05T09:30:00+01:00",
         "author":[{"@type":"Person","name":"Ada Lovelace"},"Charles Babbage"],"publisher":{"@type":"Organization","name":"Example Times"}}]}
      </script>
      <link rel="canonical" href="/news/rule-finalised"></head><body><article>${body}</article></body></html>`;
    const page = extractPage(html, 'https://example.com/news/rule-finalised?utm_source=x');
    expect(page.byline).toBe('Ada Lovelace, Charles Babbage');
    expect(page.publisher).toBe('Example Times');
    expect(page.publishedAt?.toISOString()).toBe('2024-03-05T08:30:00.000Z');
    expect(page.canonicalUrl).toBe('https://example.com/news/rule-finalised');
    expect(page.language).toBe('en-GB');
  });

  it('ignores invalid JSON-LD and falls back to <meta>', () => {
    const html = `<html><head><title>T</title>
      <script type="application/ld+json">{"@type": "NewsArticle", "datePublished": </script>
      <meta property="article:published_time" content="2024-01-02T03:04:05Z">
      <meta name="author" content="Grace Hopper"><meta property="og:site_name" content="Example Site">
      <meta name="description" content="What the page says about itself."></head><body><article>${body}</article></body></html>`;
    const page = extractPage(html, 'https://example.com/a');
    expect(page.publishedAt?.toISOString()).toBe('2024-01-02T03:04:05.000Z');
    expect(page.byline).toBe('Grace Hopper');
    expect(page.siteName).toBe('Example Site');
    expect(page.description).toBe('What the page says about itself.');
  });

  it('falls back to the paragraphs when Readability finds no article', () => {
    const html = '<html><body><main><p>Short one.</p><p>Another short paragraph.</p></main></body></html>';
    expect(extractPage(html, 'https://example.com/b').text).toBe('Short one.\n\nAnother short paragraph.');
  });

  it.each([
    ['empty', ''],
    ['not html', '\u0000\u0001 binary junk'],
    ['unclosed tags', '<html><body><div><p>open <b>and <i>never closed'],
    ['script only', '<script>document.write("<p>x</p>")</script>'],
  ])('never throws on %s input', (_name, html) => {
    expect(() => extractPage(html, 'https://example.com/c')).not.toThrow();
    expect(typeof extractPage(html, 'https://example.com/c').text).toBe('string');
  });
});
