import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Settings } from '../config/env';
import { loadSources, SourcesFileError } from '../config/sources';
import { openDatabase } from '../db/client';
import { listSources } from '../db/queries/sources';
import { fetchSource } from '../pipeline/fetch/fetch-source';
import { InUseError } from '../services/pid-lock';

/** What the running system has recorded about a source's fetching. */
interface StoredHealth {
  lastSuccessAt: string | null;
  lastErrorClass: string | null;
  consecutiveFailures: number;
  nextAttemptAt: string | null;
}

/**
 * `crosscheck sources check [FILE] [--fetch]`: validates the file; with fetch, fetches each enabled
 * source once and shows, beside that result, the health the system has stored for it. The check
 * itself stores nothing: it may run beside a live system.
 */
export async function checkSources(file: string, options: { fetch: boolean; settings?: Settings }): Promise<number> {
  let sources;
  try {
    sources = await loadSources(file);
  } catch (error) {
    if (error instanceof SourcesFileError) {
      console.error(`invalid: ${error.message}`);
      return 1;
    }
    throw error;
  }
  const enabled = sources.filter((s) => s.enabled);
  console.log(`${file}: ${sources.length} sources valid (${enabled.length} enabled)`);
  if (!options.fetch) {
    for (const s of sources) console.log(`  ${s.id.padEnd(30)} ${s.kind.padEnd(16)} trust ${String(s.trust).padStart(3)}  every ${s.interval}s  ${s.enabled ? '' : '(disabled) '}${s.url}`);
    return 0;
  }
  let failures = 0;
  const queue = [...enabled];
  const lines = new Map<string, string>();
  // A few at a time: one slow source must not hold up the report of the others.
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      for (let source = queue.shift(); source; source = queue.shift()) {
        const started = Date.now();
        const outcome = await fetchSource(source, {});
        const ms = Date.now() - started;
        let line: string;
        if (outcome.kind === 'ok') line = `ok       ${outcome.feed.items.length} items, ${outcome.bytes} bytes${outcome.movedTo ? `, moved to ${outcome.movedTo}` : ''}`;
        else if (outcome.kind === 'not_modified') line = 'ok       not modified';
        else {
          failures++;
          line = `FAILED   ${outcome.errorClass}${outcome.httpStatus ? ` (HTTP ${outcome.httpStatus})` : ''}: ${outcome.message}`;
        }
        lines.set(source.id, `  ${source.id.padEnd(30)} ${line} [${ms} ms]`);
      }
    }),
  );
  for (const s of enabled) console.log(lines.get(s.id));
  console.log(`${enabled.length - failures} healthy, ${failures} failing`);

  if (options.settings) {
    const stored = await storedHealth(options.settings);
    if (typeof stored === 'string') console.log(`stored health: ${stored}`);
    else {
      console.log(`stored health (${stored.from}):`);
      for (const s of enabled) console.log(`  ${s.id.padEnd(30)} ${describeHealth(stored.health.get(s.id))}`);
    }
  }
  return failures ? 1 : 0;
}

function describeHealth(health: StoredHealth | undefined): string {
  if (!health) return 'never fetched by the system';
  const parts = [`last success ${health.lastSuccessAt ?? 'never'}`];
  if (health.consecutiveFailures) parts.push(`${health.consecutiveFailures} failure(s) in a row, last ${health.lastErrorClass}`);
  if (health.nextAttemptAt) parts.push(`next attempt ${health.nextAttemptAt}`);
  return parts.join('; ');
}

/**
 * The stored health of every source: from the database when it can be opened, else from the
 * running system's API (which holds the embedded database), else a line saying why not.
 */
async function storedHealth(settings: Settings): Promise<{ from: string; health: Map<string, StoredHealth> } | string> {
  const embedded = path.join(settings.dataDir, 'db');
  if (!settings.databaseUrl && !existsSync(embedded)) return `none yet (no database at ${embedded}; start crosscheck to build one)`;
  try {
    const database = await openDatabase(settings);
    try {
      const rows = await listSources(database.db);
      const iso = (date: Date | null) => date && new Date(date).toISOString();
      const health = new Map(
        rows.map((r) => [r.id, { lastSuccessAt: iso(r.lastSuccessAt), lastErrorClass: r.lastErrorClass, consecutiveFailures: r.consecutiveFailures, nextAttemptAt: iso(r.nextAttemptAt) }]),
      );
      return { from: database.location, health };
    } finally {
      await database.close();
    }
  } catch (error) {
    if (!(error instanceof InUseError)) return `not read: ${(error as Error).message}`;
  }
  // The embedded database is held by a running crosscheck: ask its API.
  const api = `http://${settings.host}:${settings.port}/api/sources`;
  try {
    const res = await fetch(api, { signal: AbortSignal.timeout(5_000) });
    if (!res.ok) return `not read: ${api} answered ${res.status}`;
    const body = (await res.json()) as { items: { id: string; health: StoredHealth }[] };
    return { from: api, health: new Map(body.items.map((item) => [item.id, item.health])) };
  } catch (error) {
    return `not read: the embedded database is in use and ${api} did not answer (${(error as Error).message})`;
  }
}
