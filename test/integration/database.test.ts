import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { parseSources } from '../../src/config/sources';
import { openDatabase, queryRows, type Database } from '../../src/db/client';
import { runMigrations } from '../../src/db/migrate';
import { upsertSourceItems } from '../../src/db/queries/articles';
import { syncSources } from '../../src/db/queries/sources';
import { createTestDatabase } from '../../harness/postgres-server';

const SOURCES = parseSources(`
- { id: wire, name: Wire, kind: rss, url: "http://127.0.0.1:9/feed", trust: 80, category: wire, owner: Wire Co }
`);

const item = (n: number, title = `Story ${n}`) => ({
  guid: `guid-${n}`,
  url: `https://example.org/story/${n}?utm_source=x`,
  canonicalUrl: `https://example.org/story/${n}`,
  title,
  summary: `Summary ${n}`,
});

// The same checks on both database paths: embedded PGlite and a real PostgreSQL server.
describe.each(['pglite', 'postgres'] as const)('database on %s', (kind) => {
  let database: Database;
  let dataDir: string;
  let databaseUrl: string | undefined;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'crosscheck-db-'));
    databaseUrl = kind === 'postgres' ? await createTestDatabase(inject('postgresUrl')) : undefined;
    database = await openDatabase({ databaseUrl, dataDir });
    await runMigrations(database);
    await runMigrations(database); // a second run is a no-op
    await syncSources(database.db, SOURCES);
  });

  afterAll(async () => {
    await database?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  // Each test starts from no articles (the migrated schema and the source stay).
  beforeEach(async () => {
    await database.db.execute(sql`truncate articles restart identity cascade`);
  });

  it('opens the expected kind of database', async () => {
    // Ask the database itself: the handle's kind only repeats how it was opened.
    const [server] = await queryRows<{ version: string; name: string }>(database.db, sql`select version() as version, current_database() as name`);
    if (kind === 'pglite') {
      expect(server.version).toMatch(/\(PGlite [\d.]+\)/);
    } else {
      expect(server.version).not.toMatch(/PGlite/);
      expect(server.name).toBe(new URL(databaseUrl!).pathname.slice(1));
    }
    expect(database.kind).toBe(kind);
  });

  it('refuses a trust outside 0..100 through a check constraint', async () => {
    const error = await database.db
      .execute(sql`insert into sources (id, name, kind, url, trust, category, owner, interval_seconds)
        values ('bad', 'Bad', 'rss', 'http://x', 101, 'news', 'o', 60)`)
      .then(() => undefined, (e: Error & { cause?: Error }) => e);
    // drizzle wraps the driver's error; the constraint name is in its cause.
    expect(String(error?.cause?.message ?? error?.message)).toMatch(/sources_trust_range/);
  });

  it('stores new items once, and updates an edited item instead of adding a second article', async () => {
    const first = await upsertSourceItems(database.db, 'wire', [item(1), item(2)]);
    expect(first.inserted).toHaveLength(2);
    const again = await upsertSourceItems(database.db, 'wire', [item(1), item(2)]);
    expect(again.inserted).toHaveLength(0);
    expect(again.updated).toHaveLength(0);
    const edited = await upsertSourceItems(database.db, 'wire', [item(1, 'Story 1, corrected'), item(2)]);
    expect(edited.inserted).toHaveLength(0);
    expect(edited.updated).toEqual([{ id: first.inserted[0].id, version: 2 }]);
    const rows = await queryRows<{ title: string; version: number }>(database.db, sql`select title, version from articles order by id`);
    expect(rows).toEqual([
      { title: 'Story 1, corrected', version: 2 },
      { title: 'Story 2', version: 1 },
    ]);
  });

  it('treats one post at a second tracking URL as the same article, and another post at that link as its own', async () => {
    const stored = await upsertSourceItems(database.db, 'wire', [item(2)]);
    expect(stored.inserted).toHaveLength(1);
    const samePost = { ...item(2), guid: 'other-guid', url: 'https://example.org/story/2?fbclid=1' };
    expect(await upsertSourceItems(database.db, 'wire', [samePost])).toMatchObject({ inserted: [], updated: [], repeats: 1 });
    const otherPost = { ...item(3), guid: 'third-guid', url: 'https://example.org/story/2?fbclid=2', canonicalUrl: 'https://example.org/story/2' };
    const result = await upsertSourceItems(database.db, 'wire', [otherPost]);
    expect(result.inserted).toHaveLength(1);
    expect(result.sharedLink).toEqual([{ id: result.inserted[0].id, guid: 'third-guid', canonicalUrl: 'https://example.org/story/2' }]);
    const rows = await queryRows<{ title: string; link_post: string }>(database.db, sql`select title, link_post from articles order by id`);
    expect(rows).toEqual([
      { title: 'Story 2', link_post: '' },
      { title: 'Story 3', link_post: 'third-guid' },
    ]);
  });
});
