import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { processIsRunning, readPid, stopProcess } from '../src/services/pid-lock';

// A test run killed before its teardown (a second Ctrl-C, a timeout, SIGKILL) leaves its
// redis-server and PostgreSQL running in a temp dir. Each run marks the dirs it owns with its
// pid; the next run stops the servers of dirs whose owner is gone and removes them.

const PREFIXES = ['crosscheck-pg-', 'crosscheck-redis-'];
const OWNER_FILE = 'owner.pid';
// Where each kind of server writes its pid, relative to the run's dir.
const SERVER_PID_FILES = [path.join('data', 'postmaster.pid'), 'redis.pid'];

/** Marks a temp dir as belonging to this test run. */
export function markOwned(dir: string): void {
  writeFileSync(path.join(dir, OWNER_FILE), String(process.pid));
}

/** Stops and removes what earlier, interrupted runs left behind; returns the dirs it cleaned. */
export async function reapAbandonedServers(tmp = os.tmpdir()): Promise<string[]> {
  const reaped: string[] = [];
  for (const name of readdirSync(tmp)) {
    if (!PREFIXES.some((prefix) => name.startsWith(prefix))) continue;
    const dir = path.join(tmp, name);
    const owner = readPid(path.join(dir, OWNER_FILE));
    // No mark: another run may be starting right now, or the dir is not ours to judge.
    if (!owner || processIsRunning(owner)) continue;
    for (const file of SERVER_PID_FILES) {
      const pid = readPid(path.join(dir, file));
      // SIGINT is PostgreSQL's fast shutdown; redis-server treats it like SIGTERM.
      if (pid && processIsRunning(pid)) await stopProcess(pid, 'SIGINT');
    }
    rmSync(dir, { recursive: true, force: true });
    reaped.push(dir);
  }
  return reaped;
}
