// Scores of a clustering against gold labels, and a seeded shuffle so every run sees one order.
import { random } from '../harness/random';

export { random };

/** B-cubed precision and recall (Bagga & Baldwin 1998) over the items that have a gold label. */
export function bcubed(predicted: (string | number)[], gold: (string | null)[]) {
  const byPred = new Map<string | number, number[]>();
  predicted.forEach((p, i) => byPred.set(p, [...(byPred.get(p) ?? []), i]));
  const byGold = new Map<string, number>();
  for (const g of gold) if (g !== null) byGold.set(g, (byGold.get(g) ?? 0) + 1);
  let precision = 0;
  let recall = 0;
  let n = 0;
  for (let i = 0; i < predicted.length; i++) {
    if (gold[i] === null) continue;
    const cluster = byPred.get(predicted[i])!;
    const same = cluster.filter((j) => gold[j] === gold[i]).length;
    precision += same / cluster.length;
    recall += same / byGold.get(gold[i]!)!;
    n++;
  }
  const p = n ? precision / n : 0;
  const r = n ? recall / n : 0;
  return { precision: round(p), recall: round(r), f1: round(p + r ? (2 * p * r) / (p + r) : 0), items: n, clusters: byPred.size };
}


/** Fisher-Yates with a seeded generator. */
export function shuffled<T>(list: readonly T[], seed: number): T[] {
  const next = random(seed);
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** Splits story ids into a tuning half and a test half (seeded). */
export function splitStories(stories: Iterable<string>, seed: number): { tune: Set<string>; test: Set<string> } {
  const ids = shuffled([...new Set(stories)].sort(), seed);
  const half = Math.ceil(ids.length / 2);
  return { tune: new Set(ids.slice(0, half)), test: new Set(ids.slice(half)) };
}

export const round = (x: number) => Math.round(x * 1000) / 1000;
