// Article metadata from <meta>, <link rel=canonical>, <html lang> and JSON-LD, read before
// Readability rewrites the document.
import { absoluteHttpUrl, collapseWhitespace, parseDate } from '../fetch/feed-text';
import type { ExtractedPage } from '../types';

type Json = Record<string, unknown>;

/** DOM surface used here; linkedom's and the browser's documents both provide it. */
export interface MetaDocument {
  querySelector(selector: string): { getAttribute(name: string): string | null; textContent: string | null } | null;
  querySelectorAll(selector: string): ArrayLike<{ getAttribute(name: string): string | null; textContent: string | null }>;
  documentElement: { getAttribute(name: string): string | null } | null;
}

/** Everything an extracted page carries except its text. */
export type PageMetadata = Omit<ExtractedPage, 'text'>;

// schema.org types whose node describes the article itself rather than the site or a person.
const ARTICLE_TYPE = /Article|BlogPosting|Report|LiveBlogPosting|Review|Story/i;

/** Reads title, description, author, date, publisher, site name, canonical URL and language from page markup. */
export function readPageMetadata(doc: MetaDocument, pageUrl: string): PageMetadata {
  const meta = (...keys: string[]): string | undefined => {
    for (const key of keys) {
      const node = doc.querySelector(`meta[property="${key}"], meta[name="${key}"], meta[itemprop="${key}"]`);
      const value = collapseWhitespace(node?.getAttribute('content') ?? '');
      if (value) return value;
    }
    return undefined;
  };
  const ld = articleNode(jsonLdNodes(doc));
  const ldAuthor = names(ld?.author);
  const metaAuthor = meta('author', 'article:author', 'parsely-author', 'sailthru.author', 'dc.creator', 'DC.creator');
  const timeNode = doc.querySelector('[itemprop="datePublished"]');

  const metadata: PageMetadata = {
    title: stringOf(ld?.headline) ?? meta('og:title', 'twitter:title', 'parsely-title') ?? (collapseWhitespace(doc.querySelector('title')?.textContent ?? '') || undefined),
    description: meta('description', 'og:description', 'twitter:description') ?? stringOf(ld?.description),
    // article:author is often a profile URL, which is no byline.
    byline: ldAuthor ?? (metaAuthor && !/^https?:\/\//.test(metaAuthor) ? metaAuthor : undefined),
    publishedAt:
      parseDate(ld?.datePublished) ??
      parseDate(meta('article:published_time', 'og:published_time', 'datePublished', 'parsely-pub-date', 'sailthru.date', 'pubdate', 'publishdate', 'date', 'dc.date', 'DC.date.issued', 'dcterms.created')) ??
      parseDate(timeNode?.getAttribute('content') ?? timeNode?.getAttribute('datetime') ?? undefined),
    publisher: names(ld?.publisher) ?? meta('og:site_name'),
    siteName: meta('og:site_name', 'application-name') ?? names(ld?.publisher),
    canonicalUrl:
      absoluteHttpUrl(doc.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? undefined, pageUrl) ??
      absoluteHttpUrl(meta('og:url'), pageUrl),
    language: languageTag(
      doc.documentElement?.getAttribute('lang') ??
        doc.querySelector('meta[http-equiv="content-language" i]')?.getAttribute('content') ??
        meta('og:locale') ??
        stringOf(ld?.inLanguage),
    ),
  };
  return Object.fromEntries(Object.entries(metadata).filter(([, value]) => value !== undefined)) as PageMetadata;
}

/** Every JSON-LD node on the page, with arrays and @graph flattened; invalid blocks are skipped. */
export function jsonLdNodes(doc: Pick<MetaDocument, 'querySelectorAll'>): Json[] {
  const nodes: Json[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') {
      nodes.push(value as Json);
      if ('@graph' in value) visit((value as Json)['@graph']);
    }
  };
  for (const script of Array.from(doc.querySelectorAll('script[type="application/ld+json" i]'))) {
    const parsed = parseLooseJson(script.textContent ?? '');
    if (parsed !== undefined) visit(parsed);
  }
  return nodes;
}

// Pages wrap JSON-LD in HTML comments or CDATA, leave trailing commas and raw newlines in strings.
function parseLooseJson(text: string): unknown {
  const cleaned = text
    .replace(/^\s*(?:<!--|(?:\/\/\s*)?<!\[CDATA\[)/, '')
    .replace(/(?:-->|(?:\/\/\s*)?\]\]>)\s*$/, '')
    .trim();
  for (const candidate of [cleaned, cleaned.replace(/,\s*([}\]])/g, '$1').replace(/[\r\n\t]+/g, ' ')]) {
    try {
      return JSON.parse(candidate);
    } catch {
      // try the next repair
    }
  }
  return undefined;
}

function articleNode(nodes: Json[]): Json | undefined {
  const typeOf = (node: Json) => [node['@type']].flat().map(String).join(' ');
  return nodes.find((node) => ARTICLE_TYPE.test(typeOf(node))) ?? nodes.find((node) => 'datePublished' in node || 'headline' in node);
}

/** A person or organisation as JSON-LD writes it: a string, {name}, or an array of those. */
function names(value: unknown): string | undefined {
  const list = [value]
    .flat()
    .map((entry) => (typeof entry === 'string' ? entry : entry && typeof entry === 'object' ? stringOf((entry as Json).name) : undefined))
    .map((name) => collapseWhitespace(name ?? ''))
    .filter((name) => name && !/^https?:\/\//.test(name));
  return list.length ? [...new Set(list)].join(', ') : undefined;
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' && collapseWhitespace(value) ? collapseWhitespace(value) : undefined;
}

// "en_US" (og:locale) and "en-us" both become "en-US".
function languageTag(value: string | undefined): string | undefined {
  const tag = value?.trim().split(/[\s,;]/)[0].replace(/_/g, '-');
  if (!tag || !/^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i.test(tag)) return undefined;
  const [primary, ...rest] = tag.split('-');
  return [primary.toLowerCase(), ...rest.map((part) => (part.length === 2 ? part.toUpperCase() : part))].join('-');
}
