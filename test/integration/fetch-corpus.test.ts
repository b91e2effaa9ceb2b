import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import * as cheerio from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchSource } from '../../src/pipeline/fetch/fetch-source';
import { closeHttpAgents } from '../../src/pipeline/fetch/http-client';
import { createHostGate } from '../../src/pipeline/fetch/politeness';
import { SourceSchema } from '../../src/config/sources';
import type { SourceFetchOutcome } from '../../src/pipeline/types';
import { startLocalServer, type LocalServer } from '../support/local-http-server';
import { corpusPath } from '../../harness/corpus';

// Every feed file of the shared corpus, served over loopback HTTP (read from the corpus at run
// time) and fetched with fetchSource. Expected values come from corpus/feeds/expected.json,
// computed by the corpus collector with a strict XML/JSON parser and Python feedparser.

const FEEDS_DIR = corpusPath('feeds');

interface Expected {
  format?: string;
  wellFormedXml: boolean;
  title?: string;
  itemCount?: number;
  firstItem?: { title?: string; link?: string };
  disagreements?: Record<string, Record<string, unknown>>;
  expectedByPeerTest?: { title?: string; 'firstItem.title'?: string };
}

const expected = (JSON.parse(readFileSync(path.join(FEEDS_DIR, 'expected.json'), 'utf8')) as { files: Record<string, Expected> }).files;
const feedparserHeaders = (JSON.parse(readFileSync(path.join(FEEDS_DIR, 'feedparser/feedparser-expectations.json'), 'utf8')) as {
  files: Record<string, { header?: string }>;
}).files;

// Files in the feeds folder that are expectations about other files, not feeds.
const isExpectationFile = (relative: string) =>
  relative === 'expected.json' || relative.endsWith('-expectations.json') || /(^|\/)expected-[^/]+-output\//.test(relative);

/**
 * Known disagreements we accept, each with its reason. No file is excluded. Besides these, the
 * values listed under "disagreements" in expected.json (other parsers' readings of the same
 * field) and the values of "expectedByPeerTest" are accepted, and titles are compared as plain
 * text because the strict reading keeps markup ("Automotive <b>Slack</b>", "1930ft<sup>2</sup>").
 */
const LINKLESS = 'parseFeed keeps only items that lead to a page (a link, or a guid that is an http(s) URL); every item here has neither';
const TOLERANCES: Record<string, { itemCount: number; reason: string }> = {
  'feedparser/encoding/demoronize-1.xml': { itemCount: 0, reason: LINKLESS },
  'feedparser/wellformed/base/relative_xml_base.xml': { itemCount: 0, reason: LINKLESS },
  'feedparser/wellformed/rss/entity_in_doctype.xml': { itemCount: 0, reason: `${LINKLESS} (its guid is a tag: URI with isPermaLink="false")` },
  'feedparser/wellformed/sanitize/entry_content_script.xml': { itemCount: 0, reason: LINKLESS },
  'rss-parser/incomplete-fields.atom': { itemCount: 0, reason: LINKLESS },
  'rss-parser/missing-fields.atom': { itemCount: 0, reason: `${LINKLESS} (only a tag: id)` },
  'rsparser/jsonfeed-extension.json': { itemCount: 0, reason: `${LINKLESS} (ids "0", "1", "2", no url)` },
  'rust-syndication/rss/dublincore.xml': { itemCount: 0, reason: LINKLESS },
  'rust-syndication/rss/itunes.xml': { itemCount: 0, reason: LINKLESS },
  'rust-syndication/rss/rss092.xml': { itemCount: 0, reason: `${LINKLESS} (RSS 0.92 items with description only)` },
};

function walk(dir: string, prefix = ''): string[] {
  return readdirSync(dir).flatMap((name) => {
    const relative = prefix ? `${prefix}/${name}` : name;
    return statSync(path.join(dir, name)).isDirectory() ? walk(path.join(dir, name), relative) : [relative];
  });
}

const files = walk(FEEDS_DIR).filter((relative) => !isExpectationFile(relative)).sort();

function contentTypeFor(relative: string): string {
  // feedparser's tests simulate HTTP headers (a charset overriding the XML declaration); apply them.
  const header = feedparserHeaders[relative.replace(/^feedparser\//, '')]?.header;
  const simulated = header?.match(/^content-type:\s*(.+)$/i)?.[1];
  if (relative.startsWith('feedparser/') && simulated) return simulated;
  return relative.endsWith('.json') ? 'application/json' : 'application/xml';
}

const collapse = (text: string | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();
const plain = (text: string | undefined) => collapse(cheerio.load(text ?? '', null, false).text());
function acceptable(field: 'title' | 'firstItem.title' | 'firstItem.link', primary: string | undefined, exp: Expected): string[] {
  const variants = Object.values(exp.disagreements?.[field] ?? {}).filter((v): v is string => typeof v === 'string');
  const peer = exp.expectedByPeerTest?.[field as 'title'];
  return [primary, ...variants, peer].filter((v): v is string => v !== undefined);
}

let server: LocalServer;
const outcomes = new Map<string, SourceFetchOutcome>();

beforeAll(async () => {
  server = await startLocalServer((req, res) => {
    const relative = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname.replace(/^\/feeds\//, ''));
    if (!files.includes(relative)) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': contentTypeFor(relative) }).end(readFileSync(path.join(FEEDS_DIR, relative)));
  });
  const gate = createHostGate({ maxConcurrentPerHost: 8, minDelayMs: 0 });
  const log = { warn: () => undefined, info: () => undefined } as never;
  await Promise.all(
    files.map(async (relative) => {
      const spec = SourceSchema.parse({
        id: 'corpus',
        name: relative,
        kind: 'rss',
        url: `${server.origin}/feeds/${relative.split('/').map(encodeURIComponent).join('/')}`,
        trust: 50,
        category: 'news',
        owner: 'corpus',
      });
      // fetchSource promises never to throw; a rejection here fails every test below.
      outcomes.set(relative, await fetchSource(spec, {}, { gate, log }));
    }),
  );
}, 120_000);

afterAll(async () => {
  await server.close();
  await closeHttpAgents();
});

describe('corpus feeds through fetchSource', () => {
  it('serves every corpus feed file and gets an outcome for each', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(outcomes.size).toBe(files.length);
  });

  it.each(files)('%s', (relative) => {
    const outcome = outcomes.get(relative)!;
    const exp = expected[relative];
    if (outcome.kind === 'not_modified') throw new Error('an unconditional fetch cannot be not_modified');
    // Whatever the document, the only acceptable failures are the parser's verdicts.
    if (outcome.kind === 'failure') expect(['parse', 'not_a_feed'], outcome.message).toContain(outcome.errorClass);

    const notAFeed = exp?.format?.includes('not-a-feed') || exp?.format === undefined || exp?.format === null;
    if (!exp || !exp.wellFormedXml || notAFeed) return;

    expect(outcome.kind, outcome.kind === 'failure' ? outcome.message : '').toBe('ok');
    if (outcome.kind !== 'ok') return;
    const { feed } = outcome;
    const tolerance = TOLERANCES[relative];
    if (exp.title !== undefined) expect(acceptable('title', exp.title, exp).map(plain)).toContain(plain(feed.title));
    if (exp.itemCount !== undefined) expect(feed.items.length, tolerance?.reason).toBe(tolerance?.itemCount ?? exp.itemCount);
    const first = feed.items[0];
    if (tolerance?.itemCount === 0) return;
    if (exp.firstItem?.title !== undefined) expect(acceptable('firstItem.title', exp.firstItem.title, exp).map(plain)).toContain(plain(first?.title));
    if (exp.firstItem?.link !== undefined) {
      // Documents may give relative links; ours are resolved, so compare the resolved form.
      const wanted = acceptable('firstItem.link', exp.firstItem.link, exp).map((link) => new URL(link, outcome.feed.link ?? server.origin).href);
      expect(wanted).toContain(first?.url);
    }
  });
});

describe('corpus encodings a declaration lies about', () => {
  const peerFiles = Object.entries(expected).filter(([, exp]) => exp.expectedByPeerTest?.title || exp.expectedByPeerTest?.['firstItem.title']);

  it.each(peerFiles)('%s decodes as its bytes say', (relative, exp) => {
    const outcome = outcomes.get(relative)!;
    expect(outcome.kind).toBe('ok');
    if (outcome.kind !== 'ok') return;
    const peer = exp.expectedByPeerTest!;
    if (peer.title) expect(outcome.feed.title).toBe(peer.title);
    if (peer['firstItem.title'] && outcome.feed.items[0]) expect(outcome.feed.items[0].title).toBe(peer['firstItem.title']);
    // Where the entries have no link they are dropped (see TOLERANCES); the feed title is the
    // same kind of multi-byte UTF-8 text under the same lying declaration, and shows the decoding.
    if (!peer.title && exp.title) expect(outcome.feed.title).toBe(exp.title);
  });

  it('decodes rss-parser/uolNoticias.rss as ISO-8859-1, not UTF-8 with replacement characters', () => {
    const outcome = outcomes.get('rss-parser/uolNoticias.rss')!;
    expect(outcome.kind).toBe('ok');
    if (outcome.kind === 'ok') expect(outcome.feed.items[0].title).toBe('Ibope: Bolsonaro perde de Haddad, Ciro e Alckmin em simulações de 2º turno');
  });
});
