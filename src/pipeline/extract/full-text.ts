// Main text and metadata of an article page: Readability over a linkedom DOM (several times
// faster than jsdom), with a paragraph-based fallback when Readability finds no article.
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import type { ExtractedPage } from '../types';
import { absoluteHttpUrl, collapseWhitespace, parseDate } from '../fetch/feed-text';
import { readPageMetadata } from './page-metadata';

type DomNode = { nodeType: number; nodeName: string; textContent: string | null; childNodes: ArrayLike<DomNode> };
type DomDocument = ReturnType<typeof parseHTML>['document'];
type DomElement = DomNode & {
  className: string;
  id: string;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
  remove(): void;
  contains(other: DomNode): boolean;
};

const TEXT_NODE = 3;
const ELEMENT_NODE = 1;
const DOCUMENT_FRAGMENT_NODE = 11;
// Below this many characters a Readability result is more likely a teaser than the article.
const MIN_ARTICLE_CHARS = 250;

const BLOCK_TAGS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'DD', 'DIV', 'DL', 'DT', 'FIGCAPTION', 'FIGURE', 'FOOTER',
  'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE',
  'SECTION', 'TABLE', 'TBODY', 'THEAD', 'TFOOT', 'TR', 'UL',
]);
const SKIPPED_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'IFRAME', 'BUTTON', 'SELECT']);

/** Extracts the article text (paragraphs separated by blank lines) and metadata; never throws on bad HTML. */
export function extractPage(html: string, url: string): ExtractedPage {
  try {
    return extract(html, url);
  } catch {
    // Parsers can trip on pathological markup; a page without text is still an answer.
    return { text: '' };
  }
}

function extract(html: string, url: string): ExtractedPage {
  const document = loadDocument(html, url);
  const metadata = readPageMetadata(document as never, url);

  let article: ReturnType<Readability<DomNode>['parse']> = null;
  try {
    article = new Readability<DomNode>(document as never, {
      // Classes are kept so boilerplate inside the article (captions, share bars) can still be recognised.
      keepClasses: true,
      serializer: (node) => node as unknown as DomNode,
    }).parse();
  } catch {
    article = null;
  }
  let text = article?.content ? blockText(withoutBoilerplate(article.content as unknown as DomElement)) : '';
  if (text.length < MIN_ARTICLE_CHARS) {
    // Readability has changed the document; read the paragraphs from a fresh copy.
    const fallback = paragraphText(loadDocument(html, url));
    if (fallback.length > text.length) text = fallback;
  }

  const page: ExtractedPage = { text };
  const title = collapseWhitespace(article?.title ?? '') || metadata.title;
  if (title) page.title = title;
  const byline = collapseWhitespace(article?.byline ?? '') || metadata.byline;
  if (byline) page.byline = byline;
  const publishedAt = metadata.publishedAt ?? parseDate(article?.publishedTime);
  if (publishedAt) page.publishedAt = publishedAt;
  const publisher = metadata.publisher ?? metadata.siteName;
  if (publisher) page.publisher = publisher;
  const siteName = metadata.siteName ?? (collapseWhitespace(article?.siteName ?? '') || undefined);
  if (siteName) page.siteName = siteName;
  if (metadata.canonicalUrl) page.canonicalUrl = metadata.canonicalUrl;
  const language = metadata.language ?? (article?.lang || undefined);
  if (language) page.language = language;
  if (metadata.description) page.description = metadata.description;
  return page;
}

function loadDocument(html: string, url: string): DomDocument {
  // linkedom builds a document only from a whole page; a fragment becomes its body.
  const page = /<html[\s>]/i.test(html) ? html : `<!DOCTYPE html><html><head></head><body>${html}</body></html>`;
  const { document } = parseHTML(page);
  // Readability resolves relative links against document.baseURI, which linkedom takes from <base>.
  const base = document.querySelector('base[href]');
  const absoluteBase = absoluteHttpUrl(base?.getAttribute('href') ?? undefined, url) ?? url;
  if (base) base.setAttribute('href', absoluteBase);
  else if (document.head) {
    const created = document.createElement('base');
    created.setAttribute('href', absoluteBase);
    document.head.appendChild(created);
  }
  return document;
}

// Readability keeps what sits inside the article container: photo captions and credits, share
// bars, "related" boxes, bylines and timestamps. Small elements marked as such are dropped.
const BOILERPLATE_MARK =
  /caption|credit|byline|dateline|timestamp|share|social|related|recommend|newsletter|subscribe|promo|sponsor|advert|breadcrumb|comment|read-?more|more-stories|trending|outbrain|taboola|signup|\btags?\b/i;
const BOILERPLATE_MAX_CHARS = 400;

function withoutBoilerplate(content: DomElement): DomNode {
  const total = (content.textContent ?? '').length;
  for (const element of Array.from(content.querySelectorAll('figcaption, figure, [class], [id]'))) {
    // The article is a detached tree: "still inside it" means an ancestor was not removed already.
    if (!content.contains(element)) continue;
    const tag = element.nodeName.toUpperCase();
    const marked = tag === 'FIGCAPTION' || tag === 'FIGURE' || BOILERPLATE_MARK.test(`${element.className} ${element.id}`);
    const length = (element.textContent ?? '').length;
    if (marked && length <= BOILERPLATE_MAX_CHARS && length < total / 4) element.remove();
  }
  return content;
}

/** Plain text of a DOM subtree: blocks separated by blank lines, <br> as a line break. */
function blockText(root: DomNode): string {
  const parts: string[] = [];
  const walk = (node: DomNode, inPre: boolean): void => {
    if (node.nodeType === TEXT_NODE) {
      // Source line breaks are layout, not text, except inside <pre>.
      const text = node.textContent ?? '';
      parts.push(inPre ? text : text.replace(/\s+/g, ' '));
      return;
    }
    if (node.nodeType !== ELEMENT_NODE && node.nodeType !== DOCUMENT_FRAGMENT_NODE) return;
    const tag = node.nodeName.toUpperCase();
    if (SKIPPED_TAGS.has(tag)) return;
    if (tag === 'BR') {
      parts.push('\n');
      return;
    }
    if (tag === 'TD' || tag === 'TH') parts.push(' ');
    const block = BLOCK_TAGS.has(tag);
    if (block) parts.push('\n\n');
    for (const child of Array.from(node.childNodes)) walk(child, inPre || tag === 'PRE');
    if (block) parts.push('\n\n');
  };
  walk(root, false);
  return parts
    .join('')
    .split(/\n\s*\n/)
    .map((paragraph) =>
      paragraph
        .split('\n')
        .map((line) => collapseWhitespace(line))
        .filter(Boolean)
        .join('\n'),
    )
    .filter(Boolean)
    .join('\n\n');
}

// Without an article from Readability: the paragraphs of <article>, else <main>, else the body.
function paragraphText(document: DomDocument): string {
  for (const scope of ['article', 'main', '[role="main"]', 'body']) {
    const container = document.querySelector(scope);
    if (!container) continue;
    const paragraphs = Array.from(container.querySelectorAll('p, h2, h3, li, blockquote') as ArrayLike<DomNode>)
      .map((p) => collapseWhitespace(p.textContent ?? ''))
      .filter((p) => p.length > 0);
    const text = paragraphs.join('\n\n');
    if (text.length >= MIN_ARTICLE_CHARS || scope === 'body') return text;
  }
  return '';
}
