import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readArticle, type ArticleToRead } from '../../src/pipeline/extract/read-article';
import { startReadingThreads, type ReadingThreads } from '../../src/pipeline/extract/reading-threads';

// The extract stage reads articles on worker threads: the reading a thread returns must be the
// one the calling thread makes, for real articles (test/fixtures/extract, from the
// article-extraction benchmark), and a reading that throws must fail that article alone.

const articles = Object.values(
  JSON.parse(readFileSync(new URL('../fixtures/extract/benchmark-articles.json', import.meta.url), 'utf8')).articles as Record<string, { url: string; articleBody: string }>,
);
const toRead = (a: { url: string; articleBody: string }): ArticleToRead => ({
  title: a.articleBody.split('\n')[0].slice(0, 120),
  contentHtml: a.articleBody
    .split(/\n+/)
    .map((p) => `<p>${p.replace(/[<&]/g, (c) => (c === '<' ? '&lt;' : '&amp;'))}</p>`)
    .join(''),
  summary: null,
  sourceName: new URL(a.url).hostname,
  sourceCategory: 'news',
  officialRegister: false,
  // An accepted candidate (a name the registry lacks) is matched on the thread too.
  accepted: [{ key: 'marcelo-claure', name: 'Marcelo Claure', kind: 'person', aliases: ['Claure'] }],
});

describe('reading threads', () => {
  let threads: ReadingThreads;
  beforeAll(() => {
    threads = startReadingThreads(2);
  });
  afterAll(() => threads.close());

  it('read real articles exactly as the calling thread does, several at once', async () => {
    const inputs = articles.map(toRead);
    const onThreads = await Promise.all(inputs.map((input) => threads.read(input)));
    const here = inputs.map(readArticle);
    expect(onThreads).toEqual(here);
    // The readings say something: entities, claims and shingles of each article.
    expect(onThreads.every((r) => r.shingles.length > 0 && r.text.length > 200)).toBe(true);
    expect(onThreads.flatMap((r) => r.entities.map((e) => e.key))).toContain('marcelo-claure');
    expect(onThreads.reduce((n, r) => n + r.claimCandidates.length, 0)).toBeGreaterThan(articles.length);
  });

  it('fail one article whose reading throws and go on reading the next', async () => {
    const broken = { ...toRead(articles[0]), accepted: null } as unknown as ArticleToRead;
    await expect(threads.read(broken)).rejects.toThrow(TypeError);
    const next = await threads.read(toRead(articles[1]));
    expect(next).toEqual(readArticle(toRead(articles[1])));
  });
});
