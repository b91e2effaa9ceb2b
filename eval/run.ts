// `npm run eval`: every evaluation in turn, each in its own process; each prints JSON lines on
// stdout (scores on the labelled sets' test parts, and dev for reference).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const evals = ['entities.ts', 'tagger-compare.ts', 'clustering.ts', 'claims.ts'];
const only = process.argv.slice(2);
let failed = 0;
for (const file of evals.filter((e) => only.length === 0 || only.some((o) => e.startsWith(o)))) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(here, file)], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) {
    failed++;
    console.log(JSON.stringify({ eval: file.replace(/\.ts$/, ''), error: `exited with ${result.status ?? result.signal}` }));
  }
}
process.exit(failed ? 1 : 0);
