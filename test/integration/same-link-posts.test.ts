import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSettings } from '../../src/config/env';
import { parseSources } from '../../src/config/sources';
import { openDatabase, queryRows, type Database } from '../../src/db/client';
import { runMigrations } from '../../src/db/migrate';
import { recentFetches, syncSources } from '../../src/db/queries/sources';
import { createLogger } from '../../src/logger';
import type { StageContext } from '../../src/pipeline/context';
import { ingestSource } from '../../src/pipeline/fetch/ingest';
import { createHostGate } from '../../src/pipeline/fetch/politeness';
import { startLocalServer, type LocalServer } from '../support/local-http-server';

// Two posts of one feed that link to the same page are two articles: Daring Fireball's linked
// item "Mnml – A Mac Client for Medium" and its sponsor item "[Sponsor] MNML: …" both point at
// http://mnml.af/ with different guids (test/fixtures/feeds/MANIFEST.md has the origin).

const FEED = readFileSync(new URL('../fixtures/feeds/daring-fireball.atom', import.meta.url));
const SHARED = 'http://mnml.af/';

describe('posts sharing a link', () => {
  let server: LocalServer;
  let database: Database;
  let dataDir: string;
  let ctx: StageContext;

  beforeAll(async () => {
    server = await startLocalServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/atom+xml' }).end(FEED);
    });
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'crosscheck-same-link-'));
    database = await openDatabase({ dataDir });
    await runMigrations(database);
    const source = (id: string) => `- { id: ${id}, name: ${id}, kind: rss, url: "${server.origin}/${id}.atom", trust: 50, category: blog, owner: O, interval: 10m }`;
    await syncSources(database.db, parseSources([source('df'), source('mirror')].join('\n')));
    ctx = { db: database.db, log: createLogger('silent'), settings: loadSettings({ DATA_DIR: dataDir }), hostGate: createHostGate({ minDelayMs: 0 }) };
  });

  afterAll(async () => {
    await database?.close();
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const atShared = () =>
    queryRows<{ source_id: string; guid: string; title: string; version: number }>(
      database.db,
      sql`select source_id, guid, title, version from articles where canonical_url = ${SHARED} order by id`,
    );

  it('stores each post as an article of its own and counts it in the fetch result', async () => {
    const result = await ingestSource(ctx, 'df', { force: true });
    if (result.kind !== 'fetched') throw new Error(`not fetched: ${JSON.stringify(result)}`);
    const rows = await atShared();
    expect(rows.map((r) => r.title)).toEqual(['Mnml – A Mac Client for Medium', '[Sponsor] MNML: A macOS Writing App for Medium.com']);
    expect(new Set(rows.map((r) => r.guid)).size).toBe(2);
    expect(result.sharedLink).toBe(1);
    // Every item of the feed is accounted for: stored, or counted as not stored with a reason.
    const [{ n }] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from articles where source_id = 'df'`);
    expect(result.inserted).toBe(n);
    expect(result.found).toBe(result.inserted + result.notStored.repeats + result.notStored.heldElsewhere);
    const [fetch] = await recentFetches(database.db, 'df', 1);
    expect(fetch.message).toMatch(/1 new post\(s\) at a link another post of this source has/);
  });

  it('leaves both posts as they are on the next fetch (no edit flipping between them)', async () => {
    const result = await ingestSource(ctx, 'df', { force: true });
    expect(result).toMatchObject({ kind: 'fetched', inserted: 0, updated: 0, sharedLink: 0 });
    expect((await atShared()).map((r) => r.version)).toEqual([1, 1]);
  });

  it('counts items at pages another source stored first instead of storing them again', async () => {
    const result = await ingestSource(ctx, 'mirror', { force: true });
    if (result.kind !== 'fetched') throw new Error('not fetched');
    expect(result.inserted).toBe(0);
    expect(result.notStored.heldElsewhere + result.notStored.repeats).toBe(result.found);
    expect((await atShared()).map((r) => r.source_id)).toEqual(['df', 'df']);
  });
});
