import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client';
import { acquirePidLock, InUseError } from '../../src/services/pid-lock';

// Two processes writing one embedded database corrupt it: the second is refused with a clear
// message, and a lock left by a killed process is taken over.

const dir = mkdtempSync(path.join(os.tmpdir(), 'crosscheck-lock-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const exitedPid = () => Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);

describe('acquirePidLock', () => {
  it('refuses a lock held by a running process, naming it', async () => {
    const holder = spawn('sleep', ['30']);
    try {
      const file = path.join(dir, 'held.lock');
      writeFileSync(file, String(holder.pid));
      expect(() => acquirePidLock(file, 'the test store')).toThrowError(new InUseError('the test store', holder.pid!));
      expect(readFileSync(file, 'utf8')).toBe(String(holder.pid));
    } finally {
      holder.kill();
    }
  });

  it('takes over a lock whose owner is gone, and releases only its own', () => {
    const file = path.join(dir, 'stale.lock');
    writeFileSync(file, String(exitedPid()));
    const release = acquirePidLock(file, 'the test store');
    expect(readFileSync(file, 'utf8')).toBe(String(process.pid));
    release();
    expect(existsSync(file)).toBe(false);
  });
});

describe('the embedded database', () => {
  it('can be open in one place at a time, and again once closed', async () => {
    const dataDir = path.join(dir, 'data');
    const first = await openDatabase({ dataDir });
    await expect(openDatabase({ dataDir })).rejects.toThrowError(/embedded database .* is in use by process \d+/);
    await first.close();
    const second = await openDatabase({ dataDir });
    await second.ping();
    await second.close();
  });
});
