import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSettings } from '../../src/config/env';
import { parseSources } from '../../src/config/sources';
import { openDatabase } from '../../src/db/client';
import { runMigrations } from '../../src/db/migrate';
import { syncSources } from '../../src/db/queries/sources';
import { createLogger } from '../../src/logger';
import { ingestSource } from '../../src/pipeline/fetch/ingest';
import { createHostGate } from '../../src/pipeline/fetch/politeness';
import { freePort } from '../../src/services/redis-server';
import { startLocalServer } from '../support/local-http-server';

// The command line as a user meets it: a bad sources file is refused with file, line and field;
// the shipped sources.yaml validates; a bad setting names the variable.

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dir = mkdtempSync(path.join(os.tmpdir(), 'crosscheck-cli-'));
const cli = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [path.join(ROOT, 'bin/crosscheck.mjs'), ...args], { cwd: ROOT, env: { ...process.env, DATA_DIR: dir, ...env }, encoding: 'utf8' });

// For commands that talk to a server in this process: spawnSync would block it.
const cliAsync = async (args: string[], env: Record<string, string>) => {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [path.join(ROOT, 'bin/crosscheck.mjs'), ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      encoding: 'utf8',
    });
    return { status: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { status: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
};

describe('crosscheck CLI', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('validates the shipped sources.yaml', () => {
    const result = cli(['sources', 'check']);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/sources\.yaml: \d+ sources valid/);
  });

  it('refuses a bad sources file naming the file, line and field', () => {
    const file = path.join(dir, 'bad.yaml');
    writeFileSync(file, '- id: wire\n  name: Wire\n  kind: rss\n  url: https://example.org/feed\n  trust: 140\n  category: wire\n  owner: Wire Co\n');
    const result = cli(['sources', 'check', file]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`${file}:5: source #1 (wire) field trust:`);
  });

  it('refuses a bad setting naming the variable', () => {
    const result = cli(['migrate'], { PORT: 'eighty' });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/setting PORT/);
  });

  it('applies migrations to the embedded database', () => {
    const result = cli(['migrate']);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('migrations applied (pglite');
  });

  it('sources check --fetch shows each live result and the health the system stored', async () => {
    const feed = '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title>One</title><link>http://example.org/1</link></item></channel></rss>';
    const server = await startLocalServer((req, res) => {
      if (req.url === '/feed.xml') return void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(feed);
      res.writeHead(500).end('down');
    });
    const dataDir = path.join(dir, 'health');
    const file = path.join(dir, 'health.yaml');
    const entry = (id: string, file: string) => `- { id: ${id}, name: ${id}, kind: rss, url: "${server.origin}/${file}", trust: 50, category: news, owner: ${id} }`;
    writeFileSync(file, [entry('up', 'feed.xml'), entry('down', 'down.xml')].join('\n'));
    try {
      // What a running system would have stored: one success, one failure backed off.
      const database = await openDatabase({ dataDir });
      await runMigrations(database);
      await syncSources(database.db, parseSources(readFileSync(file, 'utf8')));
      const ctx = { db: database.db, log: createLogger('silent'), settings: loadSettings({ DATA_DIR: dataDir }), hostGate: createHostGate({ minDelayMs: 0 }) };
      await ingestSource(ctx, 'up');
      await ingestSource(ctx, 'down');

      // While the embedded database is held (by this process, as by a running system) and no API answers.
      const port = String(await freePort());
      const held = await cliAsync(['sources', 'check', file, '--fetch'], { DATA_DIR: dataDir, PORT: port, LOG_LEVEL: 'silent' });
      expect(held.stdout).toContain(`stored health: not read: the embedded database is in use and http://127.0.0.1:${port}/api/sources did not answer`);
      await database.close();

      const result = await cliAsync(['sources', 'check', file, '--fetch'], { DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
      expect(result.status, result.stderr).toBe(1);
      expect(result.stdout).toMatch(/^ {2}up +ok +1 items/m);
      expect(result.stdout).toMatch(/^ {2}down +FAILED +http_5xx \(HTTP 500\)/m);
      expect(result.stdout).toContain(`stored health (${path.join(dataDir, 'db')}):`);
      expect(result.stdout).toMatch(/^ {2}up +last success \d{4}-\d\d-\d\dT/m);
      expect(result.stdout).toMatch(/^ {2}down +last success never; 1 failure\(s\) in a row, last http_5xx; next attempt \d{4}-/m);
    } finally {
      await server.close();
    }
  });
});
