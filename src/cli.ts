import os from 'node:os';
import { parseArgs } from 'node:util';
import { loadSettings, SettingsError, type Settings } from './config/env';
import { SourcesFileError } from './config/sources';
import { QUEUES, type QueueName } from './jobs/catalogue';
import { createLogger, type Logger } from './logger';
import { InUseError } from './services/pid-lock';
import { RedisUnavailableError } from './services/redis-server';

const USAGE = `usage: crosscheck <command>

  up [--sources FILE] [--port N] [--once]   migrations, scheduler, all workers and the API
  worker <stage...> [--sources FILE]         only the named stages' workers (${QUEUES.join(', ')});
                                             with fetch, also the sources file and its polling schedules
  api [--sources FILE]                       only the HTTP API (it loads the sources file too)
  migrate                                    apply migrations and exit
  sources check [FILE] [--fetch]             validate a sources file; --fetch fetches each source once
  demo [--port N]                            ingest the bundled offline corpus and keep the API up
  jobs failed                                list failed jobs (queue, name, id, attempts, reason, failed at)
  jobs retry [--queue Q]                     retry failed jobs, also those the recovery sweep gave up on`;

/**
 * Stops on SIGINT/SIGTERM: active jobs finish, then Redis and the database close; a second signal
 * forces the exit. A service stopped on request exits 0; an interrupted one-off run exits 128 +
 * the signal number, as shells expect. Returns whether a stop is under way.
 */
function onShutdown(log: Logger, stop: () => Promise<void>, options: { interruptsRun?: boolean } = {}): () => boolean {
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) process.exit(130);
      stopping = true;
      log.info({ signal }, 'shutting down');
      const code = options.interruptsRun ? 128 + os.constants.signals[signal] : 0;
      stop().then(
        () => process.exit(code),
        () => process.exit(1),
      );
    });
  }
  return () => stopping;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help') {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: { sources: { type: 'string' }, port: { type: 'string' }, once: { type: 'boolean' }, fetch: { type: 'boolean' }, queue: { type: 'string' } },
  });
  const env = { ...process.env };
  if (values.sources) env.SOURCES_FILE = values.sources;
  if (values.port) env.PORT = values.port;
  const settings: Settings = loadSettings(env);
  const log = createLogger(settings.logLevel);
  const { startSystem } = await import('./runtime/system');

  switch (command) {
    case 'up': {
      const system = await startSystem({ settings, log, schedule: !values.once, api: !values.once });
      if (values.once) {
        const { runOnce, formatSummary } = await import('./runtime/once');
        const stopping = onShutdown(log, system.stop, { interruptsRun: true });
        try {
          const summary = await runOnce(system, { onProgress: (line) => log.info(line) });
          console.log(formatSummary(summary));
          // Work the recovery sweep gave up on is not pending, but it is not done either.
          const givenUp = Object.values(await system.bus.counts()).reduce((n, c) => n + (c.failedForGood ?? 0), 0);
          if (givenUp) console.log(`jobs      ${givenUp} failed for good (see crosscheck jobs failed)`);
        } catch (error) {
          // Interrupted: the shutdown under way reports and exits; the run's own error is its echo.
          if (stopping()) return -1;
          throw error;
        } finally {
          if (!stopping()) await system.stop();
        }
        return stopping() ? -1 : 0;
      }
      onShutdown(log, system.stop);
      return -1;
    }
    case 'worker': {
      const stages = positionals as QueueName[];
      const unknown = stages.filter((s) => !QUEUES.includes(s));
      if (!stages.length || unknown.length) {
        console.error(`crosscheck worker: name one or more stages of ${QUEUES.join(', ')}${unknown.length ? ` (unknown: ${unknown.join(', ')})` : ''}`);
        return 2;
      }
      // Whoever fetches polls: a process running the fetch stage loads the sources file and
      // installs the polling schedules (upserts, so several such processes agree), as `up` does.
      // Without it a pipeline split into processes would never fetch anything.
      const fetches = stages.includes('fetch');
      const system = await startSystem({ settings, log, stages, sourcesFile: fetches ? undefined : null, schedule: fetches });
      onShutdown(log, system.stop);
      return -1;
    }
    case 'api': {
      // The API answers for the sources (GET /api/sources, and `idle` waits until each enabled one
      // was fetched): it loads the sources file itself rather than wait for a fetch worker to, or
      // it would call a pipeline idle that has not started.
      const system = await startSystem({ settings, log, stages: [], api: true });
      onShutdown(log, system.stop);
      return -1;
    }
    case 'migrate': {
      const { openDatabase } = await import('./db/client');
      const { runMigrations } = await import('./db/migrate');
      const database = await openDatabase(settings);
      try {
        await runMigrations(database);
        console.log(`migrations applied (${database.kind}: ${database.location})`);
      } finally {
        await database.close();
      }
      return 0;
    }
    case 'sources': {
      if (positionals[0] !== 'check') {
        console.error('usage: crosscheck sources check [FILE] [--fetch]');
        return 2;
      }
      const { checkSources } = await import('./runtime/sources-check');
      return checkSources(positionals[1] ?? settings.sourcesFile, { fetch: Boolean(values.fetch), settings });
    }
    case 'jobs': {
      const { runJobsCommand } = await import('./runtime/jobs-command');
      return runJobsCommand(settings, positionals[0], values.queue, (line) => console.log(line));
    }
    case 'demo': {
      const { runDemo } = await import('./runtime/demo');
      const stop = await runDemo(settings, log);
      onShutdown(log, stop);
      return -1;
    }
    default:
      console.error(`crosscheck: unknown command "${command}"\n${USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    // -1: a long-running command; the signal handlers end the process.
    if (code >= 0) process.exit(code);
  },
  (error: Error) => {
    const expected = error.name === 'JobsCommandError' || error instanceof SettingsError || error instanceof SourcesFileError || error instanceof RedisUnavailableError || error instanceof InUseError;
    console.error(`crosscheck: ${expected ? error.message : (error.stack ?? error.message)}`);
    process.exit(1);
  },
);
