import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';

// Turning response bytes into text. The order of evidence is: byte order mark, HTTP header, XML
// declaration, HTML <meta>, then a guess (valid UTF-8, else windows-1252). Two habits of the
// real web shape the details:
// - declarations lie: a document that claims ISO-8859-1 or windows-1252 but is valid UTF-8 with
//   non-ASCII bytes is UTF-8 (a genuine Latin-1 text almost never forms valid UTF-8 sequences);
// - ISO-8859-1 and US-ASCII labels are decoded as windows-1252, as browsers do, because servers
//   that say Latin-1 routinely send curly quotes and euro signs from the windows-1252 range.

export type CharsetSource = 'bom' | 'header' | 'xml-prolog' | 'meta' | 'default';

export interface DecodedBody {
  text: string;
  /** The encoding the bytes were decoded with (lower case, e.g. 'utf-8', 'windows-1252', 'shift_jis'). */
  charset: string;
  source: CharsetSource;
}

// How far into the document declarations are looked for: the XML declaration must open the
// document; <meta> must, by the HTML spec, sit in the first 1024 bytes but often does not.
const PROLOG_SCAN_BYTES = 1024;
const META_SCAN_BYTES = 4096;

const BOMS: [bytes: number[], charset: string][] = [
  [[0xef, 0xbb, 0xbf], 'utf-8'],
  // UTF-32LE's BOM begins like UTF-16LE's, so it is tested first.
  [[0xff, 0xfe, 0x00, 0x00], 'utf-32le'],
  [[0x00, 0x00, 0xfe, 0xff], 'utf-32be'],
  [[0xfe, 0xff], 'utf-16be'],
  [[0xff, 0xfe], 'utf-16le'],
];

// Labels browsers treat as another encoding; iconv-lite knows the targets.
const ALIASES: Record<string, string> = {
  'iso-8859-1': 'windows-1252',
  'iso8859-1': 'windows-1252',
  latin1: 'windows-1252',
  'l1': 'windows-1252',
  'us-ascii': 'windows-1252',
  ascii: 'windows-1252',
  'ansi_x3.4-1968': 'windows-1252',
  'x-sjis': 'shift_jis',
  'shift-jis': 'shift_jis',
  sjis: 'shift_jis',
  gb2312: 'gbk',
  'x-gbk': 'gbk',
  'utf8': 'utf-8',
  'unicode-1-1-utf-8': 'utf-8',
};

const SINGLE_BYTE_LEGACY = /^(windows-125\d|iso-8859-\d+|koi8-[ru])$/;

/** Decodes a response body to text, telling which evidence picked the charset. */
export function decodeBody(bytes: Buffer, contentType?: string): DecodedBody {
  const bom = detectBom(bytes);
  if (bom) return finish(bytes.subarray(bom.length), bom.charset, 'bom');

  const sniffedWide = sniffWideXml(bytes);
  const fromHeader = usable(charsetFromContentType(contentType));
  // A header naming a byte-oriented charset cannot be right about bytes that are plainly UTF-16/32.
  if (fromHeader && !(sniffedWide && !isWide(fromHeader))) return declared(bytes, fromHeader, 'header');
  if (sniffedWide) return finish(bytes, sniffedWide, 'xml-prolog');

  const fromProlog = usable(prologEncoding(bytes));
  // Without a BOM or UTF-16 byte pattern, a prolog claiming UTF-16/32 is wrong about ASCII-looking bytes.
  if (fromProlog && !isWide(fromProlog)) return declared(bytes, fromProlog, 'xml-prolog');

  const fromMeta = usable(metaCharset(bytes));
  // HTML says a <meta> naming UTF-16 means UTF-8: the meta tag could not have been read otherwise.
  if (fromMeta) return declared(bytes, isWide(fromMeta) ? 'utf-8' : fromMeta, 'meta');

  return finish(bytes, isUtf8(bytes) ? 'utf-8' : 'windows-1252', 'default');
}

function declared(bytes: Buffer, charset: string, source: CharsetSource): DecodedBody {
  if (SINGLE_BYTE_LEGACY.test(charset) && hasHighBytes(bytes) && isUtf8(bytes)) return finish(bytes, 'utf-8', 'default');
  return finish(bytes, charset, source);
}

function finish(bytes: Buffer, charset: string, source: CharsetSource): DecodedBody {
  let text: string;
  try {
    text = iconv.decode(bytes, charset, { stripBOM: true });
  } catch {
    // A decoder failure must not lose the document; windows-1252 maps every byte.
    charset = 'windows-1252';
    text = iconv.decode(bytes, charset);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { text: rewriteProlog(text), charset, source };
}

function detectBom(bytes: Buffer): { charset: string; length: number } | undefined {
  for (const [bom, charset] of BOMS) {
    if (bytes.length >= bom.length && bom.every((b, i) => bytes[i] === b)) return { charset, length: bom.length };
  }
  return undefined;
}

/** UTF-16/32 without a BOM, recognised by how '<' and the next ASCII character are laid out (XML 1.0 appendix F). */
function sniffWideXml(bytes: Buffer): string | undefined {
  if (bytes.length < 4) return undefined;
  const [a, b, c, d] = bytes;
  if (a === 0x3c && b === 0 && c === 0 && d === 0) return 'utf-32le';
  if (a === 0 && b === 0 && c === 0 && d === 0x3c) return 'utf-32be';
  if (a === 0x3c && b === 0 && c !== 0 && d === 0) return 'utf-16le';
  if (a === 0 && b === 0x3c && c === 0 && d !== 0) return 'utf-16be';
  return undefined;
}

function isWide(charset: string): boolean {
  return /^utf-(16|32)/.test(charset);
}

function hasHighBytes(bytes: Buffer): boolean {
  for (const byte of bytes) if (byte >= 0x80) return true;
  return false;
}

/** The charset parameter of a Content-Type header value, if any. */
export function charsetFromContentType(contentType: string | undefined): string | undefined {
  const match = contentType?.match(/;\s*charset\s*=\s*("?)([^";\s]+)\1/i);
  return match?.[2];
}

function prologEncoding(bytes: Buffer): string | undefined {
  const head = bytes.subarray(0, PROLOG_SCAN_BYTES).toString('latin1');
  const prolog = head.match(/^\s*<\?xml\s[^>]*?\?>/);
  return prolog?.[0].match(/encoding\s*=\s*["']([^"']+)["']/i)?.[1];
}

function metaCharset(bytes: Buffer): string | undefined {
  const head = bytes.subarray(0, META_SCAN_BYTES).toString('latin1');
  for (const tag of head.match(/<meta\b[^>]*>/gi) ?? []) {
    const direct = tag.match(/\bcharset\s*=\s*["']?\s*([^"'\s/>;]+)/i);
    if (direct) return direct[1];
  }
  return undefined;
}

/** The iconv-lite name for a declared label, or undefined for labels that name no charset we know. */
function usable(label: string | undefined): string | undefined {
  if (!label) return undefined;
  const lower = label.trim().toLowerCase();
  const name = ALIASES[lower] ?? lower;
  return iconv.encodingExists(name) ? name : undefined;
}

/** Once the text is a JavaScript string, an XML declaration naming another encoding would mislead a parser. */
function rewriteProlog(text: string): string {
  return text.replace(/^(\s*<\?xml\s[^>]*?encoding\s*=\s*)(["'])([^"']*)\2/, (whole, start: string, quote: string, name: string) =>
    name.trim().toLowerCase() === 'utf-8' ? whole : `${start}${quote}utf-8${quote}`,
  );
}
