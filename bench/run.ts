// `npm run bench`: every benchmark in turn, each in its own process so peak memory figures do
// not mix. Each prints JSON lines on stdout; a failing benchmark is reported and the rest run.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const benches = ['fetch-throughput.ts', 'extraction-f1.ts', 'entity-matching.ts', 'cluster-quality.ts', 'text-throughput.ts', 'claims-speed.ts', 'pipeline.ts', 'archive-growth.ts', 'digest-build.ts', 'workspace-pages.ts', 'api-throughput.ts'];
const only = process.argv.slice(2);
let failed = 0;
for (const bench of benches.filter((b) => only.length === 0 || only.some((o) => b.startsWith(o)))) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(here, bench)], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) {
    failed++;
    console.log(JSON.stringify({ bench: bench.replace(/\.ts$/, ''), error: `exited with ${result.status ?? result.signal}` }));
  }
}
process.exit(failed ? 1 : 0);
