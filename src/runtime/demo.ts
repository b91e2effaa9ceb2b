import { writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Settings } from '../config/env';
import type { Logger } from '../logger';
import { demoSourcesYaml, startDemoServer } from './demo-server';
import { formatSummary, runOnce } from './once';
import { startSystem } from './system';

/**
 * `crosscheck demo`: serves the bundled corpus on loopback, ingests it end to end into
 * $DATA_DIR/demo (kept apart from real data), prints a summary and keeps the API up.
 * Returns the function that stops it all.
 */
export async function runDemo(settings: Settings, log: Logger): Promise<() => Promise<void>> {
  const server = await startDemoServer();
  const dataDir = path.join(settings.dataDir, 'demo');
  await mkdir(dataDir, { recursive: true });
  const sourcesFile = path.join(dataDir, 'sources.yaml');
  await writeFile(sourcesFile, demoSourcesYaml(server.url));
  const demoSettings: Settings = Object.freeze({ ...settings, dataDir, sourcesFile, databaseUrl: undefined });
  const system = await startSystem({ settings: demoSettings, log, api: true, sourcesFile, fetchPolicy: { minDelayMs: 0, maxConcurrentPerHost: 8 } });
  const stop = async () => {
    await system.stop();
    await server.close();
  };
  try {
    console.log(`demo corpus served at ${server.url}; ingesting…`);
    const summary = await runOnce(system, { onProgress: (line) => log.info(line) });
    console.log(formatSummary(summary));
    console.log(`\nAPI: http://${settings.host}:${settings.port}/api/events  (docs at /docs, Ctrl-C to stop)`);
  } catch (error) {
    await stop();
    throw error;
  }
  return stop;
}
