import { loadSources, SourcesFileError, toSourceSpec } from '../config/sources';
import { fetchSource } from '../pipeline/fetch/fetch-source';

/** `crosscheck sources check [FILE] [--fetch]`: validates the file; with fetch, fetches each enabled source once. */
export async function checkSources(file: string, options: { fetch: boolean }): Promise<number> {
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
        const outcome = await fetchSource(toSourceSpec(source), {});
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
  return failures ? 1 : 0;
}
