import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startPrivateRedis, type PrivateRedis } from '../../src/services/redis-server';
import { markOwned, reapAbandonedServers } from '../../harness/abandoned-servers';
import { processIsRunning } from '../../src/services/pid-lock';

// Servers left behind by an interrupted test run are stopped by the next run; those of a run
// still going are not touched.

const tmp = mkdtempSync(path.join(os.tmpdir(), 'crosscheck-reap-'));
const started: PrivateRedis[] = [];

afterAll(async () => {
  await Promise.all(started.map((redis) => redis.stop()));
  rmSync(tmp, { recursive: true, force: true });
});

async function redisIn(name: string): Promise<{ dir: string; pid: number }> {
  const dir = path.join(tmp, name);
  mkdirSync(dir);
  const redis = await startPrivateRedis(dir, { persistent: false });
  started.push(redis);
  const pid = Number(readFileSync(path.join(dir, 'redis.pid'), 'utf8').trim());
  return { dir, pid };
}

// A server this process started and that has exited stays a zombie until Node reaps it; it is gone all the same.
const alive = (pid: number) => processIsRunning(pid);

describe('reapAbandonedServers', () => {
  it('stops the redis-server of a run that is gone and removes its dir', async () => {
    const { dir, pid } = await redisIn('crosscheck-redis-gone');
    // The pid of a process that has exited: the owner of an interrupted run.
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    writeFileSync(path.join(dir, 'owner.pid'), gone);
    expect(alive(pid)).toBe(true);

    expect(await reapAbandonedServers(tmp)).toEqual([dir]);
    expect(alive(pid)).toBe(false);
    expect(existsSync(dir)).toBe(false);
  });

  it('leaves a live run and an unmarked dir alone', async () => {
    const live = await redisIn('crosscheck-redis-live');
    markOwned(live.dir);
    const unmarked = await redisIn('crosscheck-redis-unmarked');

    expect(await reapAbandonedServers(tmp)).toEqual([]);
    expect(alive(live.pid) && alive(unmarked.pid)).toBe(true);
    expect(existsSync(live.dir) && existsSync(unmarked.dir)).toBe(true);
  });
});
