import { describe, expect, it } from 'vitest';
import { canonicalUrl, isTrackingParam, UnsupportedUrlError } from '../../../../src/pipeline/fetch/canonical-url';

describe('canonicalUrl', () => {
  it.each([
    ['lower-cases scheme and host', 'HTTPS://WWW.Example.COM/Path/To', 'https://www.example.com/Path/To'],
    ['drops default ports', 'http://example.com:80/a', 'http://example.com/a'],
    ['drops the https default port', 'https://example.com:443/a', 'https://example.com/a'],
    ['keeps other ports', 'https://example.com:8443/a', 'https://example.com:8443/a'],
    ['drops the fragment', 'https://example.com/story#comments', 'https://example.com/story'],
    ['drops a trailing question mark', 'https://example.com/story?', 'https://example.com/story'],
    ['adds the root path', 'https://example.com', 'https://example.com/'],
    ['drops a trailing dot on the host', 'https://example.com./a', 'https://example.com/a'],
    ['keeps path case', 'https://example.com/News/Story-ABC', 'https://example.com/News/Story-ABC'],
    ['keeps repeated slashes', 'https://web.archive.org/web/2020/https://example.com//a', 'https://web.archive.org/web/2020/https://example.com//a'],
    ['keeps index.html', 'https://example.com/news/index.html', 'https://example.com/news/index.html'],
  ])('%s', (_name, input, expected) => {
    expect(canonicalUrl(input)).toBe(expected);
  });

  it('removes tracking parameters, whatever their case, and keeps the rest', () => {
    const url =
      'https://news.example/a?utm_source=rss&UTM_Medium=feed&id=42&fbclid=x&gclid=y&dclid=z&msclkid=m&mc_cid=1&mc_eid=2' +
      '&_ga=3&igshid=4&ref_src=twsrc&cmpid=5&ncid=6&sr_share=7&yclid=8&spm=9&__twitter_impression=true&wt_mc=rss.x';
    expect(canonicalUrl(url)).toBe('https://news.example/a?id=42');
  });

  it('drops the query entirely when only tracking parameters were there', () => {
    expect(canonicalUrl('https://news.example/a?utm_campaign=x&fbclid=y')).toBe('https://news.example/a');
  });

  it('sorts the remaining parameters by name and keeps repeated names in order', () => {
    expect(canonicalUrl('https://x.example/s?q=b&page=2&q=a&amp=1')).toBe('https://x.example/s?amp=1&page=2&q=b&q=a');
  });

  it('does not re-encode parameter values', () => {
    expect(canonicalUrl('https://x.example/s?path=%2Fa%2Fb&q=hello%20world&plus=a+b')).toBe(
      'https://x.example/s?path=%2Fa%2Fb&plus=a+b&q=hello%20world',
    );
  });

  it('gives one spelling to the same page reached three ways', () => {
    const spellings = [
      'https://www.reuters.com/technology/story-id/?utm_source=twitter&utm_medium=social',
      'HTTPS://www.Reuters.com:443/technology/story-id/#main',
      'https://www.reuters.com/technology/story-id/?fbclid=IwAR0abc',
    ];
    expect(new Set(spellings.map((url) => canonicalUrl(url))).size).toBe(1);
  });

  it('resolves a relative URL against a base', () => {
    expect(canonicalUrl('../b?utm_source=x', 'https://example.com/a/c/')).toBe('https://example.com/a/b');
  });

  it.each(['ftp://example.com/file', 'mailto:news@example.com', 'javascript:alert(1)', 'data:text/html,hi'])(
    'refuses the non-http URL %s',
    (input) => {
      expect(() => canonicalUrl(input)).toThrowError(UnsupportedUrlError);
      expect(() => canonicalUrl(input)).toThrowError(/only http and https/);
    },
  );

  it('refuses text that is not a URL', () => {
    expect(() => canonicalUrl('not a url')).toThrowError(/not a valid URL/);
    expect(() => canonicalUrl('')).toThrowError(UnsupportedUrlError);
  });
});

describe('isTrackingParam', () => {
  it('knows utm_* and click ids but not ordinary parameters', () => {
    expect(['utm_content', 'utm_id', 'gclid', 'fbclid'].every(isTrackingParam)).toBe(true);
    expect(['id', 'page', 'q', 'ref', 'article'].some(isTrackingParam)).toBe(false);
  });
});
