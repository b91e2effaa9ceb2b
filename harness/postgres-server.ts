import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort } from '../src/services/redis-server';
import { markOwned } from './abandoned-servers';

/** A throwaway PostgreSQL cluster (initdb in a temp dir, a free loopback port) for tests. */
export interface TestPostgres {
  url: string;
  /** Stops the server as an operator's restart does (fast shutdown: every connection is terminated), keeping its data. */
  halt(): Promise<void>;
  /** Starts the halted server again on the same port and data, and waits until it accepts connections. */
  resume(): Promise<void>;
  stop(): Promise<void>;
}

// Postgres refuses to run as root; as root the cluster belongs to the `postgres` user.
function asPostgresUser(): string[] {
  return process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--'] : [];
}

/** Starts a fresh cluster and waits until it accepts connections. */
export async function startTestPostgres(): Promise<TestPostgres> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'crosscheck-pg-'));
  markOwned(dir);
  const prefix = asPostgresUser();
  if (prefix.length) {
    const { uid, gid } = userIds('postgres');
    chownSync(dir, uid, gid);
  }
  const data = path.join(dir, 'data');
  const run = (args: string[]) => {
    const [cmd, ...rest] = [...prefix, ...args];
    return spawnSync(cmd, rest, { encoding: 'utf8' });
  };
  const init = run(['initdb', '-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
  if (init.status !== 0) throw new Error(`initdb failed (is PostgreSQL installed?): ${init.stderr || init.error?.message}`);
  const port = await freePort();
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  let child: ChildProcess | undefined;
  let stderr = '';
  const launch = async () => {
    const [cmd, ...rest] = [
      ...prefix,
      'postgres',
      '-D', data,
      '-p', String(port),
      '-k', dir,
      '-c', 'listen_addresses=127.0.0.1',
      '-c', 'fsync=off',
      '-c', 'synchronous_commit=off',
      '-c', 'full_page_writes=off',
      '-c', 'max_connections=200',
    ];
    const started = spawn(cmd, rest, { stdio: ['ignore', 'ignore', 'pipe'] });
    child = started;
    stderr = '';
    started.stderr?.on('data', (chunk) => (stderr += chunk));
    const deadline = Date.now() + 30_000;
    for (;;) {
      const client = new pg.Client({ connectionString: url });
      try {
        await client.connect();
        await client.end();
        return;
      } catch {
        await client.end().catch(() => undefined);
        if (started.exitCode !== null || Date.now() > deadline) throw new Error(`postgres did not start: ${stderr.slice(-500)}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  };
  const halt = async () => {
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child!.once('exit', r));
    // Signal the postmaster itself: a runuser wrapper does not pass signals on.
    const pid = Number(readFileSync(path.join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
    if (pid) process.kill(pid, 'SIGINT'); // fast shutdown
    else child.kill('SIGINT');
    await exited;
  };
  await launch();
  return {
    url,
    halt,
    resume: launch,
    stop: async () => {
      await halt();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Creates a fresh database on the test cluster and returns its URL. */
export async function createTestDatabase(serverUrl: string, name = `t_${Math.random().toString(36).slice(2, 10)}`): Promise<string> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

function userIds(name: string): { uid: number; gid: number } {
  const id = (flag: string) => Number(spawnSync('id', [flag, name], { encoding: 'utf8' }).stdout.trim());
  return { uid: id('-u'), gid: id('-g') };
}
