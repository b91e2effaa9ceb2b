import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

// Real headless chromium, for what only a browser can tell (does a page run under its CSP?).

/** Loads the URL, lets its scripts run, and returns the rendered DOM and the console lines chromium logged. */
export async function renderPage(url: string): Promise<{ dom: string; console: string[] }> {
  const profile = await mkdtemp(path.join(tmpdir(), 'crosscheck-chromium-'));
  try {
    const { stdout, stderr } = await new Promise<{ stdout: string; stderr: string }>((resolve, reject) => {
      execFile(
        'chromium',
        [
          '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
          '--disable-sync', '--no-first-run', `--user-data-dir=${profile}`,
          // Virtual time: the page's timers and loads run to completion, however slow the machine.
          '--virtual-time-budget=15000', '--enable-logging=stderr', '--v=0', '--dump-dom', url,
        ],
        { encoding: 'utf8', timeout: 120_000, maxBuffer: 32 * 1024 * 1024 },
        (err, out, errOut) => (err ? reject(Object.assign(err, { stderr: errOut })) : resolve({ stdout: out, stderr: errOut })),
      );
    });
    return { dom: stdout, console: stderr.split('\n').filter((line) => line.includes('CONSOLE')) };
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
}
