// `npm run eval`: clustering quality through the pipeline's own stages on a real database,
// as JSON lines. Thresholds are tuned on the tuning half of each labelled set (--tune) and
// reported on the test half (the default); `--part all` scores everything.
//   npx tsx eval/clustering.ts [--part test|tune|all] [--only uci,wikiref,sec,copies]
//   npx tsx eval/clustering.ts --tune --grid '[{"matchThreshold":0.2},{"matchThreshold":0.25}]' [--seeds 1,2,3]
import { pathToFileURL } from 'node:url';
import { CLUSTER_TUNING, type ClusterTuning } from '../src/pipeline/cluster/event-score';
import { copyItems } from './copy-set';
import { secItems, uciItems, wikiRefItems, type LabelledItem, type Part } from './datasets';
import { bcubed, round } from './metrics';
import { closeEvalDatabase, runPipelinePath } from './pipeline-path';

export const ORDER_SEEDS = [1, 2, 3];

/** B-cubed of one labelled set in one order; for topic labels, the share of each event's articles with the same label. */
export async function scoreLabelled(items: LabelledItem[], tuning: ClusterTuning = CLUSTER_TUNING, databaseUrl?: string) {
  const outcomes = await runPipelinePath(items, tuning, databaseUrl);
  const events = outcomes.map((o) => o.eventId ?? `none-${o.key}`);
  const scores = bcubed(events, items.map((i) => i.story));
  const labelPurity = bcubed(events, items.map((i) => i.label)).precision;
  return { ...scores, labelPurity, articles: items.length, events: new Set(events).size };
}

/** Copy recall (each copy points at its own original), originals marked as copies, copies in the original's event. */
export async function scoreCopies(part: Part, orderSeed: number, tuning: ClusterTuning = CLUSTER_TUNING, databaseUrl?: string, originalCount?: number) {
  const items = copyItems(part, orderSeed, originalCount);
  const outcomes = await runPipelinePath(items, tuning, databaseUrl);
  const byKey = new Map(outcomes.map((o) => [o.key, o]));
  const originals = new Map(items.filter((i) => i.kind === null).map((i) => [i.group, byKey.get(i.key)!]));
  const copies = items.filter((i) => i.kind !== null);
  const found = copies.filter((c) => byKey.get(c.key)!.duplicateOf === originals.get(c.group)!.articleId);
  const wrongGroup = copies.filter((c) => {
    const dup = byKey.get(c.key)!.duplicateOf;
    return dup !== null && dup !== originals.get(c.group)!.articleId;
  });
  const sameEvent = copies.filter((c) => byKey.get(c.key)!.eventId === originals.get(c.group)!.eventId);
  const perKind: Record<string, number> = {};
  for (const c of copies) perKind[c.kind!] = (perKind[c.kind!] ?? 0) + (found.includes(c) ? 1 : 0);
  return {
    originals: originals.size,
    copies: copies.length,
    copyRecall: round(found.length / copies.length),
    foundByKind: perKind,
    pointedElsewhere: wrongGroup.length,
    originalsMarkedAsCopy: [...originals.values()].filter((o) => o.duplicateOf !== null).length,
    copiesInOriginalsEvent: round(sameEvent.length / copies.length),
  };
}

const mean = (xs: number[]) => round(xs.reduce((a, b) => a + b, 0) / xs.length);

/** Every set on one part, as records ready to print. */
export async function evaluate(part: Part, tuning: ClusterTuning = CLUSTER_TUNING, only?: string[], seeds = ORDER_SEEDS) {
  const want = (name: string) => !only || only.includes(name);
  const lines: Record<string, unknown>[] = [];
  if (want('uci')) {
    const runs = [];
    for (const seed of seeds) runs.push({ seed, ...(await scoreLabelled(uciItems(part, seed), tuning)) });
    for (const run of runs) lines.push({ eval: 'clustering', dataset: 'uci-shuffled', part, ...run });
    lines.push({ eval: 'clustering', dataset: 'uci-shuffled', part, seeds, meanPrecision: mean(runs.map((r) => r.precision)), meanRecall: mean(runs.map((r) => r.recall)), meanF1: mean(runs.map((r) => r.f1)) });
  }
  if (want('wikiref')) lines.push({ eval: 'clustering', dataset: 'wikiref220', part, seed: 1, scored: 'single-story labels; topic labels for purity only', ...(await scoreLabelled(wikiRefItems(part, 1), tuning)) });
  if (want('sec')) lines.push({ eval: 'clustering', dataset: 'sec-press-releases', part, ...(await scoreLabelled(secItems(part), tuning)) });
  if (want('copies')) lines.push({ eval: 'copies', dataset: 'wikiref220-copies', part, seed: 1, ...(await scoreCopies(part, 1, tuning)) });
  return lines;
}

// One order per setting while sweeping unless --seeds asks for more (the machine is shared; the test report uses three).
async function tune(only: string[] | undefined, grid: Partial<ClusterTuning>[], seeds: number[]) {
  for (const setting of grid) {
    const tuning = { ...CLUSTER_TUNING, ...setting };
    for (const line of await evaluate('tune', tuning, only ?? ['uci', 'wikiref', 'sec'], seeds)) console.log(JSON.stringify({ tuning: setting, ...line }));
  }
}

async function main() {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const only = arg('--only')?.split(',');
  try {
    const seeds = arg('--seeds')?.split(',').map(Number);
    if (process.argv.includes('--tune')) return await tune(only, JSON.parse(arg('--grid') ?? '[{}]') as Partial<ClusterTuning>[], seeds ?? [1]);
    const part = (arg('--part') ?? 'test') as Part;
    for (const line of await evaluate(part, CLUSTER_TUNING, only)) console.log(JSON.stringify({ tuning: CLUSTER_TUNING, ...line }));
  } finally {
    await closeEvalDatabase();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
