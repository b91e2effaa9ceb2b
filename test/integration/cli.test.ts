import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

// The command line as a user meets it: a bad sources file is refused with file, line and field;
// the shipped sources.yaml validates; a bad setting names the variable.

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dir = mkdtempSync(path.join(os.tmpdir(), 'crosscheck-cli-'));
const cli = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [path.join(ROOT, 'bin/crosscheck.mjs'), ...args], { cwd: ROOT, env: { ...process.env, DATA_DIR: dir, ...env }, encoding: 'utf8' });

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
});
