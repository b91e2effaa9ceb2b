import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSettings } from '../../src/config/env';
import { parseSources } from '../../src/config/sources';
import { openDatabase, queryRows, type Database } from '../../src/db/client';
import { runMigrations } from '../../src/db/migrate';
import { syncSources } from '../../src/db/queries/sources';
import { createLogger } from '../../src/logger';
import type { StageContext } from '../../src/pipeline/context';
import { extractArticle } from '../../src/pipeline/extract/extract-article';
import { plainText } from '../../src/pipeline/fetch/feed-text';
import { createHostGate } from '../../src/pipeline/fetch/politeness';
import { ingestSource } from '../../src/pipeline/fetch/ingest';
import { textOverlap } from '../../harness/text-f1';
import { startLocalServer, type LocalServer } from '../support/local-http-server';

// A source with fetchFullText: the feed carries only a teaser; extraction fetches the real page
// (a Readability test page from the corpus) and keeps its main text, entities and attribution.

const PAGE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/articles/readability/nytimes-1');

describe('extracting full text from the article page', () => {
  let server: LocalServer;
  let database: Database;
  let dataDir: string;
  let ctx: StageContext;

  beforeAll(async () => {
    const page = readFileSync(path.join(PAGE_DIR, 'source.html'));
    server = await startLocalServer((req, res) => {
      if (req.url === '/robots.txt') return res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nDisallow: /private/');
      if (req.url === '/feed.xml') {
        // Written for this test: a one-item feed whose item links to the corpus page.
        const item = (p: string) => `<item><title>South Sudan’s President Seeks Help</title><link>${server.origin}${p}</link><description>A teaser.</description></item>`;
        return res
          .writeHead(200, { 'content-type': 'application/rss+xml' })
          .end(`<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><link>${server.origin}</link>${item('/article.html')}${item('/private/other.html')}</channel></rss>`);
      }
      if (req.url === '/article.html' || req.url === '/private/other.html') return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
      res.writeHead(404).end();
    });
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'crosscheck-fulltext-'));
    database = await openDatabase({ dataDir });
    await runMigrations(database);
    await syncSources(
      database.db,
      parseSources(`- { id: paper, name: Paper, kind: rss, url: "${server.origin}/feed.xml", trust: 80, category: news, owner: Paper Co, fetchFullText: true }`),
    );
    const settings = loadSettings({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
    ctx = { db: database.db, log: createLogger('silent'), settings, hostGate: createHostGate({ minDelayMs: 0 }) };
  });

  afterAll(async () => {
    await database?.close();
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('replaces a feed teaser with the page’s main text', async () => {
    const ingested = await ingestSource(ctx, 'paper');
    expect(ingested.kind === 'fetched' && ingested.inserted).toBe(2);
    const [article] = await queryRows<{ id: number; version: number }>(database.db, sql`select id, version from articles where url like '%/article.html'`);
    await extractArticle(ctx, article.id, article.version);
    const [row] = await queryRows<{ content_text: string; author: string | null; published_at: Date | null }>(
      database.db,
      sql`select content_text, author, published_at from articles where id = ${article.id}`,
    );
    const expected = plainText(readFileSync(path.join(PAGE_DIR, 'expected.html'), 'utf8'));
    expect(textOverlap(expected, row.content_text).f1).toBeGreaterThan(0.9);
    // The feed item has neither: the page's byline and its JSON-LD / meta date fill them in.
    expect(row.author).toBe('Jeffrey Gettleman');
    expect(new Date(row.published_at!).toISOString()).toBe('2017-01-13T05:00:04.000Z');
  });

  it('keeps the feed text when robots.txt disallows the page', async () => {
    const [article] = await queryRows<{ id: number; version: number }>(database.db, sql`select id, version from articles where url like '%/private/other.html'`);
    await extractArticle(ctx, article.id, article.version);
    const [row] = await queryRows<{ content_text: string; extracted_at: Date | null }>(
      database.db,
      sql`select content_text, extracted_at from articles where id = ${article.id}`,
    );
    expect(row.content_text).toBe('A teaser.');
    expect(row.extracted_at).not.toBeNull();
  });
});
