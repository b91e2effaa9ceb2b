import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, queryRows } from '../../src/db/client';
import { serveDirectory } from '../support/static-server';

// `crosscheck up` killed with SIGKILL in the middle of a run, then started again, ends with
// the same articles as an uninterrupted run: nothing lost, nothing twice.

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FIXTURES = path.join(ROOT, 'test/fixtures/e2e');
const FEEDS = ['DaringFireball.atom', 'DaringFireball.json', 'pressreleases.rss', 'TechCrunch.xml', 'whitehouse-briefings-2026-08-04.xml'];

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  output: string;
}

/** Runs `crosscheck up --once`; with killOn, sends `signal` (SIGKILL unless given) as soon as a log line matches it. */
function runUpOnce(dataDir: string, sourcesFile: string, killOn?: RegExp, signal: NodeJS.Signals = 'SIGKILL'): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/crosscheck.mjs'), 'up', '--once'], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: dataDir, SOURCES_FILE: sourcesFile, REDIS_URL: '', DATABASE_URL: '', FETCH_HOST_DELAY_MS: '0', FETCH_HOST_CONCURRENCY: '8', LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let signalled = false;
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (killOn && !signalled && killOn.test(output) && child.exitCode === null) {
        signalled = true;
        child.kill(signal);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code, signal) => resolve({ code, signal, output }));
  });
}

async function snapshot(dataDir: string) {
  const database = await openDatabase({ dataDir });
  try {
    const urls = await queryRows<{ canonical_url: string }>(database.db, sql`select canonical_url from articles order by canonical_url`);
    const [invariants] = await queryRows<{ pending: number; miscounted: number; duplicate_claims: number; duplicate_evidence: number; events: number }>(
      database.db,
      sql`select
        (select count(*)::int from articles where extracted_at is null or clustered_at is null or event_id is null) as pending,
        (select count(*)::int from events e where e.article_count <> (select count(*) from articles a where a.event_id = e.id)) as miscounted,
        (select count(*)::int from (select event_id, claim_key from claims group by 1, 2 having count(*) > 1) d) as duplicate_claims,
        (select count(*)::int from (select claim_id, article_id from claim_evidence group by 1, 2 having count(*) > 1) d) as duplicate_evidence,
        (select count(*)::int from events where article_count > 0) as events`,
    );
    return { urls: urls.map((r) => r.canonical_url), ...invariants };
  } finally {
    await database.close();
  }
}

describe('crosscheck up killed mid-run', () => {
  let server: Awaited<ReturnType<typeof serveDirectory>>;
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'crosscheck-restart-'));
    dirs.push(dir);
    return dir;
  };
  let sourcesFile: string;
  // What an uninterrupted run stores: the reference both tests compare with.
  let expected: Awaited<ReturnType<typeof snapshot>>;

  beforeAll(async () => {
    // Slow responses for the last feeds, so the kill lands while work is still under way.
    server = await serveDirectory(FIXTURES, { delayMs: (file) => (file.startsWith('white') || file.startsWith('Tech') ? 2500 : 0) });
    const dir = tempDir();
    sourcesFile = path.join(dir, 'sources.yaml');
    writeFileSync(
      sourcesFile,
      FEEDS.map((file, i) => `- { id: feed-${i}, name: "Feed ${i}", kind: rss, url: "${server.url}/${file}", trust: ${50 + i * 10}, category: news, owner: "Owner ${i}" }`).join('\n'),
    );
    const reference = tempDir();
    const clean = await runUpOnce(reference, sourcesFile);
    expect(clean.code, clean.output.slice(-2000)).toBe(0);
    expected = await snapshot(reference);
    expect(expected.urls.length).toBeGreaterThan(50);
  }, 300_000);

  afterAll(async () => {
    await server?.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('loses nothing and duplicates nothing after a restart', async () => {
    const interrupted = tempDir();
    // Killed right after the first source's items are stored, before the pipeline drains.
    const killed = await runUpOnce(interrupted, sourcesFile, /"msg":"source fetched"/);
    expect(killed.signal).toBe('SIGKILL');
    const partial = await snapshot(interrupted);
    expect(partial.urls.length).toBeLessThan(expected.urls.length);

    const resumed = await runUpOnce(interrupted, sourcesFile);
    expect(resumed.code, resumed.output.slice(-2000)).toBe(0);
    const after = await snapshot(interrupted);
    expect(after.urls).toEqual(expected.urls);
    expect(after).toMatchObject({ pending: 0, miscounted: 0, duplicate_claims: 0, duplicate_evidence: 0 });
    // Which articles share an event can depend on the order they arrive in; that every article
    // sits in exactly one event, counted once, is what a restart must not break (checked above).
    expect(after.events).toBeGreaterThan(0);
  }, 300_000);

  it('on SIGTERM lets active fetches finish, closes everything and loses nothing', async () => {
    const dataDir = tempDir();
    // Signalled as soon as the fast feeds are stored; the slow ones are still being fetched.
    const stopped = await runUpOnce(dataDir, sourcesFile, /"msg":"source fetched"/, 'SIGTERM');
    expect(stopped.code, stopped.output.slice(-2000)).toBe(143);
    const [, afterSignal] = stopped.output.split('"msg":"shutting down"');
    expect(afterSignal, 'the shutdown is logged').toBeDefined();
    // The slow fetches under way when the signal came were finished, not dropped.
    expect(afterSignal).toMatch(/"source_id":"feed-[34]".*"msg":"source fetched"/);
    // Redis stopped and the database released: a new run starts at once and completes the work.
    expect(existsSync(path.join(dataDir, 'db.lock'))).toBe(false);
    const resumed = await runUpOnce(dataDir, sourcesFile);
    expect(resumed.code, resumed.output.slice(-2000)).toBe(0);
    const after = await snapshot(dataDir);
    expect(after.urls).toEqual(expected.urls);
    expect(after).toMatchObject({ pending: 0, miscounted: 0, duplicate_claims: 0, duplicate_evidence: 0 });
  }, 300_000);
});
