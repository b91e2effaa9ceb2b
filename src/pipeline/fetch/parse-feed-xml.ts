// RSS 0.9x/1.0/2.0 and Atom 0.3/1.0 into raw entries, read from an xml2js tree.
//
// Why xml2js itself rather than rss-parser on top of it: every field is read from the raw
// tree (xml:base, link relations, content types, guid attributes, namespaced dates), and what
// rss-parser added beside that was a copy of the first element and an XML re-serialisation of
// mixed content, both reproduced below with xml2js's own Builder. rss-parser's public
// parseString returns a Promise and builds its feed only for roots and versions it recognises
// by name, so it could not be used without its internals.
import * as cheerio from 'cheerio';
import { Builder, Parser } from 'xml2js';
import { FeedParseError, type RawEntry, type RawFeed } from './feed-entry';
import { absoluteHttpUrl, parseDate } from './feed-text';
import { prepareXml, repairXml, rootElementName, xmlNamespaces } from './xml-repair';

type Node = Record<string, any>;
type FeedKind = 'rss' | 'rdf' | 'atom';
interface XmlTree {
  raw: Node;
  /** The text that was parsed (after any repair). */
  text: string;
}

/** Reads an RSS, RDF or Atom document; throws FeedParseError('not_a_feed') for other XML or HTML. */
export function parseXmlFeed(body: string, baseUrl: string): RawFeed {
  const prepared = prepareXml(body);
  const root = rootElementName(prepared);
  if (!root) throw new FeedParseError('parse', 'no XML element found');
  const kind = feedKind(root);
  if (!kind) throw new FeedParseError('not_a_feed', `root element <${root}> is not RSS, RDF or Atom`);

  const prefixes = xmlNamespaces(prepared, kind === 'atom');
  let tree = parseXmlTree(prepared, prefixes);
  if (tree instanceof Error) {
    const repaired = repairXml(prepared, root);
    const retry = repaired === prepared ? tree : parseXmlTree(repaired, prefixes);
    if (retry instanceof Error) throw new FeedParseError('parse', `malformed XML: ${tree.message.split('\n')[0]}`);
    tree = retry;
  }
  return kind === 'atom' ? readAtom(tree, baseUrl) : readRss(tree, kind, baseUrl);
}

function feedKind(root: string): FeedKind | undefined {
  const local = root.slice(root.indexOf(':') + 1);
  if (local === 'rss') return 'rss';
  if (local === 'RDF') return 'rdf';
  if (local === 'feed') return 'atom';
  return undefined;
}

function newParser(prefixes: Map<string, string>): Parser {
  // Unify namespace prefixes ("a10:updated" is "atom:updated"; RSS 1.0 elements lose theirs).
  const canonicalTag = (name: string): string => {
    const colon = name.indexOf(':');
    if (colon < 0) return name;
    const mapped = prefixes.get(name.slice(0, colon));
    if (mapped === undefined) return name;
    return mapped ? `${mapped}:${name.slice(colon + 1)}` : name.slice(colon + 1);
  };
  return new Parser({ tagNameProcessors: [canonicalTag] });
}

// xml2js calls back synchronously (and, after an error, sometimes twice): keep the first answer.
function parseXmlTree(xml: string, prefixes: Map<string, string>): XmlTree | Error {
  let outcome: Node | Error | undefined;
  try {
    newParser(prefixes).parseString(xml, (err: Error | null, result: Node | null) => {
      outcome ??= err ?? result ?? new Error('empty XML document');
    });
  } catch (err) {
    outcome ??= err as Error;
  }
  if (!outcome) return new Error('XML document ended early');
  return outcome instanceof Error ? outcome : { raw: outcome, text: xml };
}

function readRss(tree: XmlTree, kind: FeedKind, baseUrl: string): RawFeed {
  const rootNode: Node = asNode(Object.values(tree.raw)[0]) ?? {};
  const channel: Node | undefined = asNode(rootNode.channel?.[0]);
  // An empty <rss></rss> is a feed with nothing in it yet, not a broken one.
  if (!channel) return { format: kind, entries: [] };
  const rawItems: unknown[] = (kind === 'rdf' ? rootNode.item : channel.item) ?? [];

  const rootBase = absoluteHttpUrl(attr(rootNode, 'xml:base') ?? attr(channel, 'xml:base'), baseUrl);
  const link = linkOf(channel.link?.[0]);
  const base = rootBase ?? absoluteHttpUrl(link, baseUrl) ?? baseUrl;
  const entries = rawItems.map((item): RawEntry => {
    const raw = asNode(item) ?? {};
    const guidNode = raw.guid?.[0];
    const media = mediaOf(raw);
    return {
      guid: textOf(guidNode) || attr(raw, 'rdf:about'),
      guidIsPermaLink: attr(guidNode, 'isPermaLink')?.toLowerCase() !== 'false',
      link: linkOf(raw.link?.[0]) ?? linkOf(raw['atom:link']?.[0]),
      base: absoluteHttpUrl(attr(raw, 'xml:base'), base),
      title: textOf(raw.title?.[0]) || textOf(raw['dc:title']?.[0]),
      summaryHtml: contentOf(raw.description?.[0]) || media.description || textOf(raw['itunes:summary']?.[0]) || undefined,
      contentHtml: str(firstText(raw['content:encoded'])) || undefined,
      author: textOf(raw['dc:creator']?.[0]) || rssAuthorName(textOf(raw.author?.[0])) || textOf(raw['itunes:author']?.[0]) || textOf(raw['atom:author']?.[0]?.name?.[0]),
      dates: [firstText(raw.pubDate), firstText(raw['dc:date']), raw['dcterms:issued']?.[0], raw['dcterms:created']?.[0], raw['atom:published']?.[0], raw['atom:updated']?.[0], raw['dcterms:modified']?.[0]].map(textOf),
      imageUrl: media.imageUrl ?? imageEnclosure(raw) ?? attr(raw['itunes:image']?.[0], 'href'),
    };
  });
  return {
    format: kind,
    title: textOf(channel.title?.[0]) || textOf(channel['dc:title']?.[0]),
    link,
    base,
    nextPageUrl: paginationLink(channel, 'next'),
    author: textOf(channel['dc:creator']?.[0]) || undefined,
    entries,
  };
}

function readAtom(tree: XmlTree, baseUrl: string): RawFeed {
  const feedNode: Node = asNode(Object.values(tree.raw)[0]) ?? {};
  const rawEntries: Node[] = (feedNode.entry ?? []).map((entry: unknown) => asNode(entry) ?? {});
  for (const entry of rawEntries) normalizeAtomDates(entry);

  const rootBase = absoluteHttpUrl(attr(feedNode, 'xml:base'), baseUrl);
  const link = atomLink(feedNode.link, rootBase ?? baseUrl);
  const base = rootBase ?? link ?? baseUrl;
  const xhtml = xhtmlReader(tree.text);
  // Text constructs: type="xhtml" is re-read in document order, type="text" is escaped.
  const construct = (node: unknown, index: number, name: string, built: string): string =>
    attr(node, 'type') === 'xhtml' ? (xhtml(index, name) ?? built) : atomText(node, built);
  const entries = rawEntries.map((raw, index): RawEntry => {
    const entryBase = absoluteHttpUrl(attr(raw, 'xml:base'), base) ?? base;
    const media = mediaOf(raw);
    const summary = construct(raw.summary?.[0], index, 'summary', contentOf(raw.summary?.[0]));
    return {
      guid: textOf(raw.id?.[0]) || undefined,
      guidIsPermaLink: false,
      link: atomLink(raw.link, entryBase),
      base: entryBase,
      title: attr(raw.title?.[0], 'type') === 'xhtml' ? (xhtml(index, 'title') ?? textOf(raw.title?.[0])) : textOf(raw.title?.[0]),
      summaryHtml: summary || media.description || undefined,
      contentHtml: construct(raw.content?.[0], index, 'content', contentOf(raw.content?.[0])) || undefined,
      author: textOf(raw.author?.[0]?.name?.[0]) || textOf(raw['dc:creator']?.[0]) || undefined,
      dates: [raw.published, raw.issued, raw.created, raw['dc:date'], raw.updated, raw.modified].map((v) => textOf(v?.[0])),
      imageUrl: media.imageUrl,
    };
  });
  return {
    format: 'atom',
    title: textOf(feedNode.title?.[0]),
    link,
    base,
    nextPageUrl: atomLink(feedNode.link, base, 'next'),
    author: textOf(feedNode.author?.[0]?.name?.[0]) || undefined,
    entries,
  };
}

// An unreadable <published>/<updated> is dropped so that the next candidate date wins.
function normalizeAtomDates(entry: Node): void {
  for (const key of ['published', 'updated']) {
    const value = entry[key]?.[0];
    if (entry[key] && (typeof value !== 'string' || !parseDate(value))) delete entry[key];
    else if (entry[key]) entry[key] = [parseDate(value)!.toISOString()];
  }
}

// Links without rel are "alternate" (RFC 4287); prefer an HTML one when several are.
function atomLink(links: unknown[] | undefined, base: string, rel = 'alternate'): string | undefined {
  const nodes = (links ?? []).map(asNode).filter((l): l is Node => Boolean(l?.$?.href));
  const matching = nodes.filter((l) => (l.$.rel ?? 'alternate') === rel);
  const pick = matching.find((l) => !l.$.type || /html/i.test(l.$.type)) ?? matching[0];
  return pick ? absoluteHttpUrl(pick.$.href, absoluteHttpUrl(pick.$['xml:base'], base) ?? base) : undefined;
}

// xml2js keeps an element's text apart from its children, so "a <b>b</b> c" loses its order.
// XHTML constructs are read again, only when present, with a parser that keeps document order.
function xhtmlReader(text: string): (entryIndex: number, element: string) => string | undefined {
  let entries: cheerio.Cheerio<any> | undefined;
  const localName = (el: { name?: string }) => el.name?.slice(el.name.indexOf(':') + 1);
  return (entryIndex, element) => {
    if (!entries) {
      const $ = cheerio.load(text, { xml: true });
      entries = $.root().children().first().children().filter((_, el) => localName(el) === 'entry');
    }
    const div = entries.eq(entryIndex).children().filter((_, el) => localName(el) === element).first().children().first();
    return div.length ? (div.html() ?? undefined) : undefined;
  };
}

// Atom text constructs: type="text" content must not be read as markup later.
function atomText(node: unknown, built: string): string {
  const type = attr(node, 'type')?.toLowerCase();
  if (!built || (type && type !== 'text' && type !== 'plain')) return built;
  return type ? built.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;') : built;
}

function mediaOf(raw: Node): { imageUrl?: string; description?: string } {
  const group = asNode(raw['media:group']?.[0]) ?? {};
  const thumbnails = [...(raw['media:thumbnail'] ?? []), ...(group['media:thumbnail'] ?? [])];
  const contents = [...(raw['media:content'] ?? []), ...(group['media:content'] ?? [])];
  const image = contents.find((c) => attr(c, 'medium') === 'image' || /^image\//.test(attr(c, 'type') ?? ''));
  return {
    imageUrl: attr(thumbnails[0], 'url') ?? attr(image, 'url'),
    description: textOf(raw['media:description']?.[0]) || textOf(group['media:description']?.[0]) || undefined,
  };
}

function imageEnclosure(raw: Node): string | undefined {
  const enclosure = (raw.enclosure ?? []).find((e: unknown) => /^image\//.test(attr(e, 'type') ?? ''));
  return attr(enclosure, 'url');
}

// RSS <author> is "email (Name)"; the name is what readers know.
function rssAuthorName(value: string): string {
  return /\(([^)]+)\)\s*$/.exec(value)?.[1] ?? value;
}

function linkOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  const node = asNode(value);
  return (attr(node, 'href') ?? (typeof node?._ === 'string' ? node._ : undefined))?.trim() || undefined;
}

/** Text of an xml2js node: its own text plus its children's (for XHTML titles), attributes left out. */
function textOf(value: unknown): string {
  if (value == null) return '';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(textOf).filter(Boolean).join(' ');
  if (typeof value !== 'object') return String(value);
  // xml2js keeps an element's own text under "_" and loses its order among the children;
  // putting it first reads "Example <a>test</a>" right, the common case.
  const node = value as Node;
  return [node._, ...Object.entries(node).filter(([key]) => key !== '$' && key !== '_').map(([, child]) => child)]
    .map(textOf)
    .filter(Boolean)
    .join(' ');
}

function attr(node: unknown, name: string): string | undefined {
  const value = asNode(node)?.$?.[name];
  return typeof value === 'string' ? value : undefined;
}

function asNode(value: unknown): Node | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Node) : undefined;
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** The first element's text when it has only text (xml2js keeps it under "_" beside attributes). */
function firstText(values: unknown[] | undefined): unknown {
  const first = values?.[0];
  const text = asNode(first)?._;
  return typeof text === 'string' ? text : first;
}

const markupBuilder = new Builder({ headless: true, rootName: 'div', renderOpts: { pretty: false } });

/**
 * HTML of a description/summary/content element: its text, or, when it holds unescaped child
 * elements and no text of its own, those children serialised again inside a <div>.
 */
function contentOf(node: unknown): string {
  if (node == null) return '';
  const text = asNode(node)?._;
  if (typeof text === 'string') return text;
  return typeof node === 'object' ? markupBuilder.buildObject(node) : str(node);
}

// RSS paging (RFC 5005) is an <atom:link rel="next"> in the channel; the last one wins.
function paginationLink(channel: Node, rel: string): string | undefined {
  const links = (channel['atom:link'] ?? []).filter((l: unknown) => attr(l, 'rel') === rel);
  return links.length ? attr(links[links.length - 1], 'href') : undefined;
}
