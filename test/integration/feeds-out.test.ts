import * as cheerio from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFeed } from '../../src/pipeline/fetch/parse-feed';
import { buildTestApi, seedArticle, seedClaim, seedEvent, seedSource, type TestApi } from '../support/api';

// Feeds out, read back with Crosscheck's own feed parser and checked for the elements each format requires.

const HOSTILE = '<script>alert(1)</script> & "quotes" — Acme recall';

describe('feeds out: Atom and JSON Feed of events', () => {
  let t: TestApi;
  let corroborated: number;
  let single: number;

  beforeAll(async () => {
    t = await buildTestApi();
    await seedSource(t.db, { id: 'wire', name: 'Wire' });
    await seedSource(t.db, { id: 'blog', name: 'Blog' });
    corroborated = (await seedEvent(t.db, { title: HOSTILE, lastSeenAt: new Date('2026-11-30T10:00:00Z'), status: 'corroborated', confidence: 0.74, originCount: 2, articleCount: 6 })).id;
    single = (await seedEvent(t.db, { title: 'FTC opens inquiry into chip pricing', lastSeenAt: new Date('2026-11-29T09:00:00Z'), status: 'single_origin', confidence: 0.4 })).id;
    await seedArticle(t.db, { sourceId: 'wire', title: HOSTILE, eventId: corroborated });
    await seedArticle(t.db, { sourceId: 'blog', title: 'FTC inquiry', eventId: single });
    await seedClaim(t.db, {
      eventId: corroborated,
      text: 'Acme recalls 2 million batteries',
      status: 'corroborated',
      confidence: 0.74,
      origins: [
        { name: 'Reuters', trust: 90, articleCount: 4 },
        { name: 'The Wall Street Journal', trust: 85, articleCount: 2 },
      ],
    });
  });
  afterAll(async () => t?.close());

  it('serves Atom 1.0 that the feed parser reads and that has every required element', async () => {
    const res = await t.app.inject({ url: '/feeds/events.xml' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/atom+xml');
    const parsed = parseFeed(res.body, { baseUrl: 'https://crosscheck.example/feeds/events.xml' });
    expect(parsed.format).toBe('atom');
    // The parser reads titles as HTML, as feed readers do: the escaped markup arrives as text, and no tag survives.
    expect(parsed.items.map((i) => i.title)).toEqual([expect.stringContaining('Acme recall'), 'FTC opens inquiry into chip pricing']);
    expect(parsed.items[0].url).toBe(`https://crosscheck.example/events/${corroborated}`);
    expect(parsed.items[0].summary).toContain('corroborated by 2 independent origins: Reuters and The Wall Street Journal');

    const $ = cheerio.load(res.body, { xml: true });
    expect($('feed').attr('xmlns')).toBe('http://www.w3.org/2005/Atom');
    for (const name of ['id', 'title', 'updated']) expect($(`feed > ${name}`).text(), name).not.toBe('');
    expect(new Date($('feed > updated').text()).toISOString()).toBe('2026-11-30T10:00:00.000Z');
    expect($('entry > title').first().text()).toBe(HOSTILE);
    $('entry').each((_, entry) => {
      for (const name of ['id', 'title', 'updated']) expect($(entry).children(name).text(), name).not.toBe('');
      expect($(entry).children('link').attr('href')).toMatch(/^https:\/\/crosscheck\.example\/events\/\d+$/);
      expect(Number.isNaN(Date.parse($(entry).children('updated').text()))).toBe(false);
    });
    // Feed text is escaped, never markup.
    expect(res.body).not.toContain('<script>');
  });

  it('serves JSON Feed 1.1 with the same filters as GET /api/events', async () => {
    const res = await t.app.inject({ url: '/feeds/events.json?status=corroborated' });
    expect(res.statusCode).toBe(200);
    const feed = res.json();
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    expect(feed.title).toBe('Crosscheck events');
    expect(feed.items.map((i: { id: string }) => i.id)).toEqual([`https://crosscheck.example/events/${corroborated}`]);
    for (const item of feed.items) expect(typeof item.content_text).toBe('string');
    expect(feed.items[0]._crosscheck).toMatchObject({ status: 'corroborated', originCount: 2 });
    const parsed = parseFeed(res.body, { baseUrl: 'https://crosscheck.example/feeds/events.json' });
    expect(parsed.format).toBe('json');
    expect(parsed.items.map((i) => i.url)).toEqual([`https://crosscheck.example/events/${corroborated}`]);
    expect(feed.items[0].title).toBe(HOSTILE);

    const bySource = (await t.app.inject({ url: '/feeds/events.json?source=blog' })).json();
    expect(bySource.items.map((i: { title: string }) => i.title)).toEqual(['FTC opens inquiry into chip pricing']);
    expect((await t.app.inject({ url: '/feeds/events.xml?minConfidence=2' })).statusCode).toBe(400);
  });
});
