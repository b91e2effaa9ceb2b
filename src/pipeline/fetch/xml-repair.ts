// Text-level fixes that let a strict XML parser read what real feeds send.
import { escapeRegExp } from '../../text/regexp';

const XML_BUILTIN_ENTITIES = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);

// Namespace URI -> the prefix parseFeed expects ('' strips it).
const CANONICAL_PREFIXES: Record<string, string> = {
  'http://purl.org/rss/1.0/': '',
  'http://my.netscape.com/rdf/simple/0.9/': '',
  'http://channel.netscape.com/rdf/simple/0.9/': '',
  'http://www.w3.org/1999/02/22-rdf-syntax-ns#': 'rdf',
  'http://purl.org/dc/elements/1.1/': 'dc',
  'http://purl.org/dc/terms/': 'dcterms',
  'http://purl.org/rss/1.0/modules/content/': 'content',
  'http://search.yahoo.com/mrss/': 'media',
  'http://search.yahoo.com/mrss': 'media',
  'http://www.itunes.com/dtds/podcast-1.0.dtd': 'itunes',
};
const ATOM_NAMESPACES = new Set(['http://www.w3.org/2005/Atom', 'http://purl.org/atom/ns#']);

/**
 * Drops everything before the root element (BOM, blank lines, XML declarations that are no
 * longer at the start, comments, DOCTYPE) and expands entities the DOCTYPE declared, since the
 * XML parser ignores internal DTD subsets.
 */
export function prepareXml(body: string): string {
  let position = 0;
  const entities = new Map<string, string>();
  for (;;) {
    while (position < body.length && /[\s\ufeff]/.test(body[position])) position += 1;
    const rest = body.slice(position, position + 9);
    let end = -1;
    if (rest.startsWith('<!--')) end = indexAfter(body, '-->', position);
    else if (rest.startsWith('<?')) end = indexAfter(body, '?>', position);
    else if (/^<!DOCTYPE/i.test(rest)) end = doctypeEnd(body, position, entities);
    else break;
    if (end < 0) return '';
    position = end;
  }
  let text = body.slice(position);
  for (const [name, value] of entities) text = text.split(`&${name};`).join(value);
  return text;
}

/** Name of the document's root element as written (with any prefix), if the text starts with one. */
export function rootElementName(prepared: string): string | undefined {
  return /^<([A-Za-z_][\w:.-]*)/.exec(prepared)?.[1];
}

/** Maps each declared namespace prefix to the canonical one ('' to strip); undeclared prefixes are left alone. */
export function xmlNamespaces(text: string, atomIsRoot: boolean): Map<string, string> {
  const prefixes = new Map<string, string>();
  for (const match of text.matchAll(/xmlns:([\w.-]+)\s*=\s*["']\s*([^"']+?)\s*["']/g)) {
    const [, prefix, uri] = match;
    if (prefixes.has(prefix)) continue;
    if (ATOM_NAMESPACES.has(uri)) prefixes.set(prefix, atomIsRoot ? '' : 'atom');
    else if (uri in CANONICAL_PREFIXES) prefixes.set(prefix, CANONICAL_PREFIXES[uri]);
  }
  return prefixes;
}

/**
 * Second-chance fixes for a document the strict parse refused: bare "&" in URLs, control
 * characters, and a body cut off early (kept up to its last complete item, then closed).
 */
export function repairXml(prepared: string, root: string): string {
  let text = prepared
    .replace(/&(?!(?:[A-Za-z_][\w.-]*|#\d+|#x[\da-fA-F]+);)/g, '&amp;')
    // eslint-disable-next-line no-control-regex -- these characters are what XML forbids and what is removed
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');
  if (new RegExp(`</${escapeRegExp(root)}\\s*>`).test(text)) return text;
  // A half-received item would pass for a whole one once closed: drop it.
  const itemEnds = [...text.matchAll(/<\/(?:[\w.-]+:)?(?:item|entry)\s*>/g)];
  const last = itemEnds[itemEnds.length - 1];
  if (last?.index !== undefined) text = text.slice(0, last.index + last[0].length);
  text = withoutUnfinishedMarkup(text);
  return text + openElements(text).reverse().map((name) => `</${name}>`).join('');
}

// Cuts an unterminated CDATA section, comment or tag off the end of the text.
function withoutUnfinishedMarkup(text: string): string {
  for (const [open, close] of [['<![CDATA[', ']]>'], ['<!--', '-->']]) {
    const start = text.lastIndexOf(open);
    if (start >= 0 && text.indexOf(close, start + open.length) < 0) text = text.slice(0, start);
  }
  const lastTag = text.lastIndexOf('<');
  return lastTag >= 0 && text.indexOf('>', lastTag) < 0 ? text.slice(0, lastTag) : text;
}

// Elements still open at the end of the text, outermost first.
function openElements(text: string): string[] {
  const stack: string[] = [];
  const markup = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<[?!][\s\S]*?>|<(\/?)([A-Za-z_][\w:.-]*)(?:\s[^>]*?)?(\/?)>/g;
  for (const [, closing, name, selfClosing] of text.matchAll(markup)) {
    if (!name || selfClosing) continue;
    if (!closing) stack.push(name);
    else if (stack.includes(name)) stack.length = stack.lastIndexOf(name);
  }
  return stack;
}

function indexAfter(text: string, token: string, from: number): number {
  const at = text.indexOf(token, from);
  return at < 0 ? -1 : at + token.length;
}

// A DOCTYPE may hold an internal subset in [...] whose declarations contain ">".
function doctypeEnd(text: string, from: number, entities: Map<string, string>): number {
  const bracket = text.indexOf('[', from);
  const close = text.indexOf('>', from);
  if (close < 0) return -1;
  if (bracket < 0 || bracket > close) return close + 1;
  const subsetEnd = text.indexOf(']', bracket);
  if (subsetEnd < 0) return -1;
  const subset = text.slice(bracket + 1, subsetEnd);
  for (const match of subset.matchAll(/<!ENTITY\s+([A-Za-z_][\w.-]*)\s+(["'])([\s\S]*?)\2\s*>/g)) {
    if (!XML_BUILTIN_ENTITIES.has(match[1])) entities.set(match[1], match[3]);
  }
  return indexAfter(text, '>', subsetEnd);
}
