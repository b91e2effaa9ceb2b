import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// `crosscheck` commands as separate processes, as an operator runs them, with their logs kept
// for the test to read (JSON lines on stderr).

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface CrosscheckProcess {
  readonly name: string;
  readonly child: ChildProcess;
  /** Every log line so far (stdout and stderr). */
  readonly lines: string[];
  /** Still running (not exited, not killed). */
  running(): boolean;
  /** Resolves when the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `bin/crosscheck.mjs <args>` with `env` on top of this process's environment. */
export function startCrosscheck(name: string, args: string[], env: Record<string, string>): CrosscheckProcess {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/crosscheck.mjs'), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let partial = '';
  const onData = (chunk: Buffer) => {
    const parts = (partial + chunk.toString()).split('\n');
    partial = parts.pop() ?? '';
    lines.push(...parts);
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { name, child, lines, running: () => child.exitCode === null && child.signalCode === null, exited };
}

/** Stops a process with SIGTERM (its orderly shutdown), SIGKILL after 20 s. */
export async function stopCrosscheck(p: CrosscheckProcess): Promise<void> {
  if (!p.running()) return;
  const timer = setTimeout(() => p.child.kill('SIGKILL'), 20_000);
  p.child.kill('SIGTERM');
  await p.exited;
  clearTimeout(timer);
}

const level = (line: string): number | undefined => {
  try {
    return (JSON.parse(line) as { level?: number }).level;
  } catch {
    return undefined;
  }
};

/** Log lines at level error (50) or above. */
export function errorLines(p: CrosscheckProcess): string[] {
  return p.lines.filter((line) => (level(line) ?? 0) >= 50);
}

/** Output that is not a JSON log line: a stack trace printed by a library, or a crash. */
export function unloggedLines(p: CrosscheckProcess): string[] {
  return p.lines.filter((line) => line.trim() && level(line) === undefined);
}
