import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as cheerio from 'cheerio';
import { describe, expect, it } from 'vitest';
import { decodeBody } from '../../../../src/pipeline/fetch/charset';
import { FeedParseError, parseFeed } from '../../../../src/pipeline/fetch/parse-feed';
import type { ParsedFeed } from '../../../../src/pipeline/types';
import { corpusPath } from '../../../../harness/corpus';

// The shared corpus is read in place (never copied); its expected.json was computed with lxml and
// Python feedparser, independently of this code.
const CORPUS_FEEDS = corpusPath('feeds');
const FIXTURES = fileURLToPath(new URL('../../../fixtures/feeds', import.meta.url));

interface Expected {
  format: string | null;
  wellFormedXml: boolean;
  title?: string;
  itemCount?: number | null;
  firstItem?: { title?: string; link?: string; pubDate?: string };
  disagreements?: Record<string, Record<string, unknown>>;
  expectedByPeerTest?: Record<string, string>;
}

// Files whose item count is below the reference on purpose: parseFeed keeps only items that lead
// to a page (a link, or a guid that is an http URL); the reference counts every <item>/<entry>.
// Entries the parser never sees as entries, so they cannot be counted as skipped either.
const NOT_SEEN_AS_ENTRIES = new Set([
  'feedparser/illformed/rss_incomplete_cdata.xml', // cut off inside its title
  'feedparser/encoding/bozo_encoding_mismatch_crash.xml', // its <item> sits outside any <channel>
]);
const ITEMS_WITHOUT_PAGE: Record<string, string> = {
  'feedparser/encoding/bozo_double-encoded-html.xml': 'its one item has only a title',
  'feedparser/encoding/bozo_encoding_mismatch_crash.xml': 'its one item has only a description, outside any <channel>',
  'feedparser/encoding/bozo_linenoise.xml': 'its one item has only a title',
  'feedparser/encoding/demoronize-1.xml': 'its one item has only a description',
  'feedparser/illformed/chardet/koi8r.xml': 'its one item has only a title',
  'feedparser/illformed/chardet/shiftjis.xml': 'its one entry has only a title',
  'feedparser/illformed/chardet/windows1255.xml': 'its one item has only a title',
  'feedparser/wellformed/rss/entity_in_doctype.xml': 'its one item has only a tag: guid marked isPermaLink="false"',
  'feedparser/illformed/rss_incomplete_cdata.xml': 'the item is cut off inside its title; the repair keeps no partial item',
  'feedparser/wellformed/base/relative_xml_base.xml': 'its one entry has neither link nor id',
  'feedparser/wellformed/sanitize/entry_content_script.xml': 'its one entry has only content',
  'miniflux/encoding/invalid-prolog.xml': 'its one entry has only a title',
  'miniflux/encoding/utf8-incorrect-prolog.xml': 'its one entry has only a title',
  'miniflux/encoding/utf8.xml': 'its one entry has only a title',
  'miniflux/no_encoding_ISO-8859-1.xml': 'one item has an empty <link> and no guid',
  'rsparser/jsonfeed-extension.json': 'its items have ids ("0", "1", "2") but no url',
  'rss-parser/incomplete-fields.atom': 'its one entry has only an empty author',
  'rss-parser/missing-fields.atom': 'its one entry has only a tag: id',
  'rust-syndication/rss/dublincore.xml': 'its item carries only Dublin Core fields (dc:identifier is not a URL)',
  'rust-syndication/rss/itunes.xml': 'its item carries only iTunes fields',
  'rust-syndication/rss/rss092.xml': 'RSS 0.92 items with description and enclosure but no link',
};

// Titles the reference got from other bytes: decoding is the charset step's job, not parseFeed's.
const TITLE_DECODED_DIFFERENTLY: Record<string, string> = {
  'feedparser/encoding/bozo_invalid-bytes-with-bom.xml': 'mixes UTF-8 and Latin-1 bytes after a UTF-8 BOM; feedparser decoded it all as Latin-1',
};

const expectedFiles: Record<string, Expected> = JSON.parse(readFileSync(join(CORPUS_FEEDS, 'expected.json'), 'utf8')).files;

function listFeedFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name.startsWith('expected-') ? [] : listFeedFiles(path);
    return /expected|expectations/.test(entry.name) ? [] : [relative(CORPUS_FEEDS, path)];
  });
}

function parseCorpusFile(rel: string): ParsedFeed | FeedParseError {
  const { text } = decodeBody(readFileSync(join(CORPUS_FEEDS, rel)));
  try {
    return parseFeed(text, { baseUrl: `https://feeds.example/${rel}` });
  } catch (err) {
    if (err instanceof FeedParseError) return err;
    throw err;
  }
}

// The reference keeps raw values ("<b>Slack</b>", "&#x0024;"); parseFeed promises plain text.
function asPlainText(value: string): string {
  return cheerio.load(value, null, false).root().text().replace(/\s+/g, ' ').trim();
}

function acceptedValues(exp: Expected, field: string, value: string | undefined): string[] {
  const variants = Object.values(exp.disagreements?.[field] ?? {}).filter((v): v is string => typeof v === 'string');
  const peer = exp.expectedByPeerTest?.[field];
  return [value, ...variants, peer].filter((v): v is string => typeof v === 'string').map(asPlainText);
}

function formatFamily(format: string): string | undefined {
  if (format.startsWith('jsonfeed')) return 'json';
  if (format.includes('RDF')) return 'rdf';
  if (format.startsWith('atom')) return 'atom';
  if (format.startsWith('rss')) return 'rss';
  return undefined;
}

const corpusFiles = listFeedFiles(CORPUS_FEEDS).sort();

describe('parseFeed over every corpus feed', () => {
  it('has a reference entry for every feed file', () => {
    expect(corpusFiles.filter((rel) => !expectedFiles[rel])).toEqual([]);
    const listed = [...Object.keys(ITEMS_WITHOUT_PAGE), ...Object.keys(TITLE_DECODED_DIFFERENTLY)];
    expect(listed.filter((rel) => !corpusFiles.includes(rel))).toEqual([]);
  });

  it.each(corpusFiles)('%s', (rel) => {
    const exp = expectedFiles[rel];
    const result = parseCorpusFile(rel);
    const family = formatFamily(exp.format ?? '');

    if (result instanceof FeedParseError) {
      // Only documents that are not feeds, or not documents at all, may be refused.
      if (exp.format?.includes('not-a-feed')) expect(result.errorClass).toBe('not_a_feed');
      else expect(exp.wellFormedXml && family, `${rel} refused: ${result.message}`).toBeFalsy();
      return;
    }

    if (family) expect(result.format).toBe(family);
    if (exp.title !== undefined && !TITLE_DECODED_DIFFERENTLY[rel]) {
      expect(acceptedValues(exp, 'title', exp.title)).toContain(result.title ?? '');
    }
    if (typeof exp.itemCount !== 'number') return;
    if (ITEMS_WITHOUT_PAGE[rel]) {
      expect(result.items.length, ITEMS_WITHOUT_PAGE[rel]).toBeLessThan(exp.itemCount);
      // Every entry left out is counted, so the fetch history can say how many were skipped.
      if (!NOT_SEEN_AS_ENTRIES.has(rel)) expect(result.items.length + (result.itemsSkipped ?? 0)).toBe(exp.itemCount);
      return;
    }
    expect(result.items.length).toBe(exp.itemCount);

    const first = result.items[0];
    if (exp.firstItem?.title !== undefined) {
      expect(acceptedValues(exp, 'firstItem.title', exp.firstItem.title)).toContain(first.title);
    }
    if (exp.firstItem?.link !== undefined) {
      // Relative links in the reference are raw; parseFeed resolves them against the feed.
      expect(first.url).toBe(new URL(exp.firstItem.link, result.link ?? `https://feeds.example/${rel}`).href);
    }
    const refDate = exp.firstItem?.pubDate;
    // Only zoned ISO 8601 and RFC 822 dates with a numeric or GMT zone are compared: their instant is unambiguous.
    if (refDate && /(Z|[+-]\d\d:?\d\d|GMT)$/.test(refDate) && !Number.isNaN(Date.parse(refDate))) {
      expect(first.publishedAt?.toISOString()).toBe(new Date(refDate).toISOString());
    }
  });
});

// Golden files: x.xml beside x.expected.json. contentHtml is kept as its length and opening so the
// expectations stay readable; everything else is compared in full.
function golden(feed: ParsedFeed): unknown {
  return JSON.parse(
    JSON.stringify({
      ...feed,
      items: feed.items.map((item) => ({
        ...item,
        contentHtml: item.contentHtml && { length: item.contentHtml.length, start: item.contentHtml.slice(0, 100) },
      })),
    }),
  );
}

const goldenCases = [
  { file: 'rss2-content-media.xml', baseUrl: 'http://feeds.feedburner.com/TechCrunch' },
  { file: 'atom-xml-base.xml', baseUrl: 'https://fetched.example/feeds/atom.xml' },
  { file: 'json-feed-1.1.json', baseUrl: 'https://sample-json-feed.com/feed.json' },
  { file: 'rdf-rss1.xml', baseUrl: 'http://xml.com/xml/news.rss' },
];

describe('parseFeed golden files', () => {
  it.each(goldenCases)('$file', ({ file, baseUrl }) => {
    const feed = parseFeed(readFileSync(join(FIXTURES, file), 'utf8'), { baseUrl });
    const expectedPath = join(FIXTURES, file.replace(/\.\w+$/, '.expected.json'));
    if (process.env.UPDATE_GOLDEN) writeFileSync(expectedPath, `${JSON.stringify(golden(feed), null, 2)}\n`);
    expect(golden(feed)).toEqual(JSON.parse(readFileSync(expectedPath, 'utf8')));
  });
});

describe('parseFeed edge cases', () => {
  const base = { baseUrl: 'https://example.org/feed' };

  it('refuses an HTML page as not a feed', () => {
    const html = '<!DOCTYPE html><html><head><title>Home</title></head><body><p>Hi</p></body></html>';
    expect(() => parseFeed(html, base)).toThrowError(expect.objectContaining({ errorClass: 'not_a_feed' }));
  });

  it.each([
    ['empty', ''],
    ['whitespace', '  \n '],
    ['garbage', 'this is not xml at all'],
    ['invalid JSON', '{"version": "https://jsonfeed.org/version/1.1", "items": [}'],
  ])('refuses %s input as a parse error', (_name, text) => {
    expect(() => parseFeed(text, base)).toThrowError(expect.objectContaining({ errorClass: 'parse' }));
  });

  it('keeps the complete items of a truncated feed', () => {
    const truncated =
      '<rss version="2.0"><channel><title>T</title><item><title>One</title><link>https://example.org/1</link></item>' +
      '<item><title>Two</title><link>https://example.org/2</li';
    const feed = parseFeed(truncated, base);
    expect(feed.items.map((i) => i.title)).toEqual(['One']);
  });

  it('expands entities declared in the DOCTYPE', () => {
    const xml =
      '<!DOCTYPE rss [ <!ENTITY site "https://example.org/"> ]>' +
      '<rss version="2.0"><channel><item><guid>&site;post/1</guid><title>AT&amp;T</title></item></channel></rss>';
    const [item] = parseFeed(xml, base).items;
    expect(item).toMatchObject({ guid: 'https://example.org/post/1', url: 'https://example.org/post/1', title: 'AT&T' });
  });

  it('escapes bare ampersands in links instead of failing', () => {
    const xml = '<rss version="2.0"><channel><item><link>https://example.org/a?x=1&y=2</link></item></channel></rss>';
    expect(parseFeed(xml, base).items[0].url).toBe('https://example.org/a?x=1&y=2');
  });

  it('reads Unix-timestamp dc:date and never returns an Invalid Date', () => {
    const xml =
      '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>' +
      '<item><link>https://example.org/1</link><dc:date>1518478934</dc:date></item>' +
      '<item><link>https://example.org/2</link><pubDate>Episode 12</pubDate></item></channel></rss>';
    const [first, second] = parseFeed(xml, base).items;
    expect(first.publishedAt?.toISOString()).toBe('2018-02-12T23:42:14.000Z');
    expect(second.publishedAt).toBeUndefined();
  });

  it('gives items that share one link distinct guids', () => {
    const xml =
      '<rss version="2.0"><channel><link>https://example.org/</link>' +
      '<item><title>A</title><link>https://example.org/</link></item>' +
      '<item><title>B</title><link>https://example.org/</link></item></channel></rss>';
    const guids = parseFeed(xml, base).items.map((i) => i.guid);
    expect(new Set(guids).size).toBe(2);
  });
});
