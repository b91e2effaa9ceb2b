import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSettings } from '../../src/config/env';
import { parseSources } from '../../src/config/sources';
import { openDatabase, type Database } from '../../src/db/client';
import { runMigrations } from '../../src/db/migrate';
import { getSource, recentFetches, syncSources } from '../../src/db/queries/sources';
import { createLogger } from '../../src/logger';
import type { StageContext } from '../../src/pipeline/context';
import { ingestSource, MAX_BACKOFF_SECONDS, nextAttemptAfterFailure, TransientFetchError } from '../../src/pipeline/fetch/ingest';
import { createHostGate } from '../../src/pipeline/fetch/politeness';
import { startLocalServer, type LocalServer } from '../support/local-http-server';

// A source's health lives in the database: failures are recorded and backed off, Retry-After
// is honoured, a recovery resets the count, and a permanent redirect moves the stored URL.

const FEED = `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><link>http://example.org/</link>
<item><title>One</title><link>http://example.org/1</link></item></channel></rss>`;
const FEED_WITH_UNLINKED_ITEM = FEED.replace('/1</link>', '/2</link>').replace('</channel>', '<item><title>Only a title</title></item></channel>');

describe('source health', () => {
  let server: LocalServer;
  let database: Database;
  let dataDir: string;
  let ctx: StageContext;
  let failing = true;

  beforeAll(async () => {
    server = await startLocalServer((req, res) => {
      if (req.url === '/flaky.xml') return failing ? res.writeHead(500).end('down') : res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(FEED);
      if (req.url === '/busy.xml') return res.writeHead(429, { 'retry-after': '7200' }).end();
      if (req.url === '/old.xml') return res.writeHead(301, { location: '/new.xml' }).end();
      if (req.url === '/partial.xml') return res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(FEED_WITH_UNLINKED_ITEM);
      if (req.url === '/slow.xml') return void setTimeout(() => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(FEED), 3_000);
      if (req.url === '/new.xml') return res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(FEED);
      res.writeHead(404).end();
    });
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'crosscheck-health-'));
    database = await openDatabase({ dataDir });
    await runMigrations(database);
    const source = (id: string, file: string) => `- { id: ${id}, name: ${id}, kind: rss, url: "${server.origin}/${file}", trust: 50, category: news, owner: O, interval: 10m }`;
    await syncSources(database.db, parseSources([source('flaky', 'flaky.xml'), source('busy', 'busy.xml'), source('moved', 'old.xml'), source('partial', 'partial.xml')].join('\n')));
    ctx = { db: database.db, log: createLogger('silent'), settings: loadSettings({ DATA_DIR: dataDir }), hostGate: createHostGate({ minDelayMs: 0 }) };
  });

  afterAll(async () => {
    await database?.close();
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('doubles the wait after each failure, up to a ceiling', () => {
    const now = new Date(0);
    expect(nextAttemptAfterFailure(now, 600, 0).getTime()).toBe(600_000);
    expect(nextAttemptAfterFailure(now, 600, 2).getTime()).toBe(2_400_000);
    expect(nextAttemptAfterFailure(now, 600, 30).getTime()).toBe(MAX_BACKOFF_SECONDS * 1000);
    expect(nextAttemptAfterFailure(now, 600, 0, 9000).getTime()).toBe(9_000_000);
  });

  it('retries a transient failure before the last attempt without recording it', async () => {
    await expect(ingestSource(ctx, 'flaky', { attempt: { attempt: 1, maxAttempts: 3 } })).rejects.toBeInstanceOf(TransientFetchError);
    expect((await getSource(database.db, 'flaky'))?.consecutiveFailures).toBe(0);
  });

  it('records the last failed attempt, then backs off until the next attempt is due', async () => {
    const result = await ingestSource(ctx, 'flaky', { attempt: { attempt: 3, maxAttempts: 3 } });
    expect(result).toMatchObject({ kind: 'fetched', outcome: 'failure' });
    const row = await getSource(database.db, 'flaky');
    expect(row).toMatchObject({ consecutiveFailures: 1, lastErrorClass: 'http_5xx', lastHttpStatus: 500 });
    // The 10m interval from the attempt's own start, as stored: no reading of the clock here.
    expect(row!.nextAttemptAt!.getTime() - row!.lastFetchedAt!.getTime()).toBe(600_000);
    expect(await ingestSource(ctx, 'flaky')).toMatchObject({ kind: 'skipped' });
  });

  it('clears the failure count when the source recovers', async () => {
    failing = false;
    const result = await ingestSource(ctx, 'flaky', { force: true });
    expect(result).toMatchObject({ kind: 'fetched', outcome: 'ok', inserted: 1 });
    expect(await getSource(database.db, 'flaky')).toMatchObject({ consecutiveFailures: 0, lastErrorClass: null, nextAttemptAt: null });
  });

  it('waits at least as long as Retry-After asks', async () => {
    await ingestSource(ctx, 'busy', { attempt: { attempt: 1, maxAttempts: 3 } });
    const row = await getSource(database.db, 'busy');
    expect(row?.lastErrorClass).toBe('rate_limited');
    expect(row!.nextAttemptAt!.getTime() - row!.lastFetchedAt!.getTime()).toBe(7_200_000);
  });

  it('says in the fetch history how many items it left out', async () => {
    expect(await ingestSource(ctx, 'partial')).toMatchObject({ kind: 'fetched', outcome: 'ok', inserted: 1 });
    const [latest] = await recentFetches(database.db, 'partial', 1);
    expect(latest).toMatchObject({ outcome: 'ok', itemsNew: 1 });
    expect(latest.message).toMatch(/^1 item\(s\) skipped: no usable link/);
    // A fetch that leaves nothing out carries no message.
    await ingestSource(ctx, 'flaky', { force: true });
    expect((await recentFetches(database.db, 'flaky', 1))[0].message).toBeNull();
  });

  it('moves the stored URL after a permanent redirect, and keeps it across a sources reload', async () => {
    await ingestSource(ctx, 'moved');
    expect((await getSource(database.db, 'moved'))?.url).toBe(`${server.origin}/new.xml`);
    const source = (id: string, file: string) => `- { id: ${id}, name: ${id}, kind: rss, url: "${server.origin}/${file}", trust: 50, category: news, owner: O, interval: 10m }`;
    await syncSources(database.db, parseSources([source('flaky', 'flaky.xml'), source('busy', 'busy.xml'), source('moved', 'old.xml')].join('\n')));
    expect((await getSource(database.db, 'moved'))?.url).toBe(`${server.origin}/new.xml`);
  });

  // Last: this sync leaves only its own two sources enabled.
  it('applies the limits a source sets in the file, stored and read back', async () => {
    const limited = (id: string, file: string, limits: string) =>
      `- { id: ${id}, name: ${id}, kind: rss, url: "${server.origin}/${file}", trust: 50, category: news, owner: O, interval: 10m, limits: ${limits} }`;
    await syncSources(
      database.db,
      parseSources([limited('patient', 'new.xml', '{ connectTimeout: 5s, totalTimeout: 2m, maxBodyBytes: 100000 }'), limited('hasty', 'slow.xml', '{ totalTimeout: 500ms }')].join('\n')),
    );
    expect(await ingestSource(ctx, 'patient')).toMatchObject({ kind: 'fetched', outcome: 'ok' });
    expect(await ingestSource(ctx, 'hasty')).toMatchObject({ kind: 'fetched', outcome: 'failure' });
    expect(await getSource(database.db, 'hasty')).toMatchObject({ lastErrorClass: 'timeout' });
    expect(() => parseSources(limited('bad', 'new.xml', '{ totalTimeout: 10 minutes }'))).toThrowError(/totalTimeout.*not a timeout like 500ms/s);
  });
});
