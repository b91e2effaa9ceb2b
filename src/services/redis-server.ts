import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import net from 'node:net';
import { Redis } from 'ioredis';
import { InUseError, parentPid, processIsRunning, readPid, stopProcess } from './pid-lock';

/** A redis-server child process owned by this process. */
export interface PrivateRedis {
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

export class RedisUnavailableError extends Error {}

/** Asks the kernel for a free loopback port. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * Starts redis-server on a free 127.0.0.1 port with its data in `dir` (append-only file, so
 * queued jobs survive a crash) and waits until it answers PING.
 */
export async function startPrivateRedis(dir: string, options: { persistent?: boolean; port?: number } = {}): Promise<PrivateRedis> {
  await mkdir(dir, { recursive: true });
  const pidFile = path.join(dir, 'redis.pid');
  await stopStaleRedis(pidFile);
  const persistent = options.persistent ?? true;
  let lastError: unknown;
  // A port can be taken between the probe and redis binding it: try a few. A given port (a
  // restart where clients expect the server back) is tried as it is.
  for (let attempt = 0; attempt < (options.port ? 1 : 5); attempt++) {
    const port = options.port ?? (await freePort());
    const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--daemonize', 'no', '--pidfile', pidFile];
    args.push('--appendonly', persistent ? 'yes' : 'no', '--protected-mode', 'yes', '--loglevel', 'warning');
    const child = spawn('redis-server', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    const exited = new Promise<Error>((resolve) => {
      child.once('error', (error: NodeJS.ErrnoException) =>
        resolve(
          error.code === 'ENOENT'
            ? new RedisUnavailableError('redis-server is not installed: run `apt-get install -y redis-server`, or set REDIS_URL')
            : error,
        ),
      );
      child.once('exit', (code) => resolve(new Error(`redis-server exited with code ${code} on port ${port}`)));
    });
    const url = `redis://127.0.0.1:${port}`;
    const ready = waitForPing(url, 10_000);
    const winner = await Promise.race([ready.then(() => null), exited]);
    if (winner === null) return { url, port, stop: () => stopChild(child) };
    lastError = winner;
    if (winner instanceof RedisUnavailableError) break;
    child.kill('SIGKILL');
  }
  throw lastError;
}

/**
 * A process killed with SIGKILL cannot stop its redis-server; the orphan still owns the data
 * directory. Stop it (it flushes its append-only file on SIGTERM) before starting a new one.
 * A redis-server whose parent still runs is not an orphan: another process is using it.
 */
async function stopStaleRedis(pidFile: string): Promise<void> {
  const pid = readPid(pidFile);
  if (!pid) return;
  const command = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  if (command.includes('redis-server')) {
    const parent = parentPid(pid);
    if (parent && parent !== 1 && parent !== process.pid && processIsRunning(parent)) {
      throw new InUseError(`the private redis-server in ${path.dirname(pidFile)}`, parent);
    }
    await stopProcess(pid, 'SIGTERM');
  }
  await rm(pidFile, { force: true });
}

async function waitForPing(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.ping();
      client.disconnect();
      return;
    } catch {
      client.disconnect();
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  throw new Error(`redis-server at ${url} did not answer within ${timeoutMs} ms`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    // SIGTERM makes redis flush the append-only file before exiting.
    child.kill('SIGTERM');
  });
}

/**
 * The URL of the private redis-server another Crosscheck process runs in `dir`, if one runs
 * (its pid file names it; its command line names its port): one-off commands use that Redis.
 */
export async function runningPrivateRedisUrl(dir: string): Promise<string | undefined> {
  const pid = readPid(path.join(dir, 'redis.pid'));
  if (!pid || !processIsRunning(pid)) return undefined;
  const args = (await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')).split('\0');
  if (!args[0]?.includes('redis-server')) return undefined;
  const port = Number(args[args.indexOf('--port') + 1]);
  return Number.isInteger(port) && port > 0 ? `redis://127.0.0.1:${port}` : undefined;
}
