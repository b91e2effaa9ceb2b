import { openSync, readFileSync, unlinkSync, writeSync, closeSync } from 'node:fs';

// One process at a time per embedded store: two processes writing one PGlite directory corrupt it.
// A lock file holds the owner's pid; a lock whose owner is gone (killed, crashed) is taken over.

export class InUseError extends Error {
  constructor(
    readonly what: string,
    readonly pid: number,
  ) {
    super(`${what} is in use by process ${pid} (another crosscheck?): stop it first, or point this one at another DATA_DIR or a DATABASE_URL`);
    this.name = 'InUseError';
  }
}

// /proc/<pid>/stat: "pid (command) state ppid …"; the command itself may contain ")".
function procStat(pid: number): { state: string; ppid: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state, ppid: Number(ppid) };
  } catch {
    return undefined;
  }
}

/** Whether a process runs; a zombie (killed, not yet reaped by its parent) does not. */
export function processIsRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    // EPERM: it exists but belongs to another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  return procStat(pid)?.state !== 'Z';
}

/** The parent of a running process, if it can be read. */
export function parentPid(pid: number): number | undefined {
  const ppid = procStat(pid)?.ppid;
  return ppid && Number.isInteger(ppid) && ppid > 0 ? ppid : undefined;
}

/** Signals a process and waits up to 10 s for it to exit, then kills it. */
export async function stopProcess(pid: number, signal: NodeJS.Signals): Promise<void> {
  try {
    process.kill(pid, signal);
  } catch {
    return;
  }
  for (let waited = 0; waited < 10_000 && processIsRunning(pid); waited += 50) await new Promise((r) => setTimeout(r, 50));
  if (processIsRunning(pid)) process.kill(pid, 'SIGKILL');
}

/** The pid a lock or pid file names, if any. */
export function readPid(file: string): number | undefined {
  try {
    const pid = Number(readFileSync(file, 'utf8').split('\n')[0].trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Takes the lock at `file` for this process or throws InUseError; returns its release. */
export function acquirePidLock(file: string, what: string): () => void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      // 'wx' fails if the file exists: creating it is the atomic step.
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => {
        if (readPid(file) === process.pid) unlinkSync(file);
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = readPid(file);
      if (owner && processIsRunning(owner)) throw new InUseError(what, owner);
      // Stale: its owner is gone. Remove it and try once more (another process may win the race).
      try {
        unlinkSync(file);
      } catch {
        // Already removed by a process racing us.
      }
    }
  }
  throw new InUseError(what, readPid(file) ?? 0);
}
