import { readFileSync } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeBody } from '../../../../src/pipeline/fetch/charset';
import { CORPUS_DIR } from '../../../../harness/corpus';

const CORPUS = CORPUS_DIR;
const corpusFile = (relative: string) => readFileSync(path.join(CORPUS, relative));

describe('decodeBody: evidence order', () => {
  it('strips a UTF-8 BOM and says so', () => {
    const result = decodeBody(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<rss>Café</rss>')]), 'text/xml; charset=windows-1252');
    expect(result).toEqual({ text: '<rss>Café</rss>', charset: 'utf-8', source: 'bom' });
  });

  it.each([
    ['utf-16le', [0xff, 0xfe]],
    ['utf-16be', [0xfe, 0xff]],
  ])('decodes %s with a BOM', (charset, bom) => {
    const body = iconv.encode('<?xml version="1.0" encoding="utf-16"?><rss>日本</rss>', charset);
    const result = decodeBody(Buffer.concat([Buffer.from(bom), body]));
    expect(result.charset).toBe(charset);
    expect(result.source).toBe('bom');
    expect(result.text).toBe('<?xml version="1.0" encoding="utf-8"?><rss>日本</rss>');
  });

  it('decodes UTF-32BE with a BOM (corpus feedparser/encoding/utf-32be-bom.xml)', () => {
    const result = decodeBody(corpusFile('feeds/feedparser/encoding/utf-32be-bom.xml'));
    expect(result).toMatchObject({ charset: 'utf-32be', source: 'bom' });
    expect(result.text.startsWith('<?xml')).toBe(true);
  });

  it('recognises UTF-16LE without a BOM from its byte pattern (corpus feedparser/encoding/utf-16le.xml)', () => {
    const result = decodeBody(corpusFile('feeds/feedparser/encoding/utf-16le.xml'));
    expect(result).toMatchObject({ charset: 'utf-16le', source: 'xml-prolog' });
    expect(result.text).toMatch(/^<\?xml[^>]*encoding="utf-8"/);
    expect(result.text).toContain('<rss');
  });

  it('prefers the HTTP header over the XML declaration', () => {
    const bytes = Buffer.concat([Buffer.from('<?xml version="1.0" encoding="koi8-r"?><rss><title>'), iconv.encode('Café €', 'windows-1252'), Buffer.from('</title></rss>')]);
    const result = decodeBody(bytes, 'application/rss+xml; charset="windows-1252"');
    expect(result).toMatchObject({ charset: 'windows-1252', source: 'header' });
    expect(result.text).toBe('<?xml version="1.0" encoding="utf-8"?><rss><title>Café €</title></rss>');
  });

  it('uses the XML declaration when the header has no charset', () => {
    const bytes = Buffer.concat([Buffer.from("<?xml version='1.0' encoding='KOI8-R'?><rss><title>"), iconv.encode('Привет', 'koi8-r'), Buffer.from('</title></rss>')]);
    const result = decodeBody(bytes, 'text/xml');
    expect(result).toMatchObject({ charset: 'koi8-r', source: 'xml-prolog' });
    expect(result.text).toBe("<?xml version='1.0' encoding='utf-8'?><rss><title>Привет</title></rss>");
  });

  it('finds <meta charset> past the first 1024 bytes (corpus articles/encoding/iso-8859-1-meta-after-1024.html)', () => {
    const bytes = corpusFile('articles/encoding/iso-8859-1-meta-after-1024.html');
    expect(bytes.indexOf('<meta charset')).toBeGreaterThan(1024);
    const result = decodeBody(bytes, 'text/html');
    expect(result.source).toBe('meta');
    expect(result.text).toContain('Café');
  });

  it('reads http-equiv Content-Type meta tags', () => {
    const html = Buffer.concat([Buffer.from('<html><head><meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS"></head><body>'), iconv.encode('日本語', 'shift_jis'), Buffer.from('</body></html>')]);
    const result = decodeBody(html);
    expect(result).toMatchObject({ charset: 'shift_jis', source: 'meta' });
    expect(result.text).toContain('日本語');
  });

  it('falls back to UTF-8 for valid UTF-8 and windows-1252 otherwise', () => {
    expect(decodeBody(Buffer.from('<p>naïve – ok</p>'))).toEqual({ text: '<p>naïve – ok</p>', charset: 'utf-8', source: 'default' });
    const legacy = decodeBody(iconv.encode('<p>“quoted” €5</p>', 'windows-1252'));
    expect(legacy).toEqual({ text: '<p>“quoted” €5</p>', charset: 'windows-1252', source: 'default' });
  });
});

describe('decodeBody: charsets', () => {
  it.each([
    ['Shift_JIS', 'shift_jis', 'ニュース速報'],
    ['GB2312', 'gbk', '新闻快讯'],
    ['GBK', 'gbk', '监管机构'],
    ['Big5', 'big5', '新聞快訊'],
    ['EUC-KR', 'euc-kr', '속보 뉴스'],
    ['KOI8-R', 'koi8-r', 'Новости'],
    ['ISO-8859-2', 'iso-8859-2', 'Zażółć gęślą'],
    ['ISO-8859-7', 'iso-8859-7', 'Ειδήσεις'],
    ['windows-1251', 'windows-1251', 'Новини'],
  ])('decodes %s declared in the header', (label, charset, sample) => {
    const bytes = Buffer.concat([Buffer.from('<rss><title>'), iconv.encode(sample, charset), Buffer.from('</title></rss>')]);
    const result = decodeBody(bytes, `application/xml; charset=${label}`);
    expect(result.charset).toBe(charset);
    expect(result.text).toBe(`<rss><title>${sample}</title></rss>`);
  });

  it('treats ISO-8859-1 as windows-1252 so C1-range punctuation survives', () => {
    const result = decodeBody(Buffer.from([0x93, 0x41, 0x94, 0x20, 0x80]), 'text/plain; charset=ISO-8859-1');
    expect(result).toMatchObject({ text: '“A” €', charset: 'windows-1252', source: 'header' });
  });

  it('does not throw on a bogus declared charset, and falls through to the next evidence', () => {
    const bytes = Buffer.from('<?xml version="1.0" encoding="x-made-up-42"?><rss><title>Café</title></rss>');
    const result = decodeBody(bytes, 'text/xml; charset=nonsense');
    expect(result).toMatchObject({ charset: 'utf-8', source: 'default' });
    expect(result.text).toContain('Café');
    expect(result.text).toContain('encoding="utf-8"');
  });

  it('decodes the corpus Big5 and EUC-KR feeds without replacement characters', () => {
    for (const file of ['big5.xml', 'euc-kr.xml']) {
      const result = decodeBody(corpusFile(`feeds/feedparser/encoding/${file}`));
      expect(result.source).toBe('xml-prolog');
      expect(result.text).not.toContain('\ufffd');
    }
    expect(decodeBody(corpusFile('feeds/feedparser/encoding/euc-kr.xml')).text).toContain('<title>\ub144</title>');
  });

  it('survives invalid bytes after a BOM (corpus bozo_invalid-bytes-with-bom.xml)', () => {
    const result = decodeBody(corpusFile('feeds/feedparser/encoding/bozo_invalid-bytes-with-bom.xml'));
    expect(result.source).toBe('bom');
    expect(result.text.length).toBeGreaterThan(0);
  });
});

describe('decodeBody: miniflux encoding expectations (corpus)', () => {
  const expectations = JSON.parse(corpusFile('feeds/miniflux/encoding/miniflux-encoding-expectations.json').toString('utf8')) as {
    tests: { test: string; file: string; reader: string; label_or_content_type: string; expect_contains: string[] }[];
  };
  const locate = (file: string) => (file.endsWith('.html') ? `articles/encoding/${file}` : `feeds/miniflux/encoding/${file}`);

  it.each(expectations.tests.map((t) => [t.test, t] as const))('%s', (_name, t) => {
    // CharsetReader cases give the label the XML declaration already carries; NewCharsetReader cases a Content-Type.
    const contentType = t.reader === 'NewCharsetReader' && t.label_or_content_type ? t.label_or_content_type : undefined;
    const { text } = decodeBody(corpusFile(locate(t.file)), contentType);
    expect(text).not.toContain('\ufffd');
    for (const needle of t.expect_contains) expect(text).toContain(needle);
  });

  it('trusts valid UTF-8 over a prolog that claims ISO-8859-1 (utf8-incorrect-prolog.xml)', () => {
    const result = decodeBody(corpusFile('feeds/miniflux/encoding/utf8-incorrect-prolog.xml'));
    expect(result.charset).toBe('utf-8');
    expect(result.text).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>/);
  });
});
