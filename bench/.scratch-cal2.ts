import { readFileSync } from 'node:fs';
import { claimTerms } from '../src/pipeline/verify/claims';
import { contentTerms } from '../src/pipeline/cluster/similarity';
const f = JSON.parse(readFileSync('test/fixtures/verify/claim-pairs.json', 'utf8'));
const proper = (s: string) => new Set(contentTerms((s.match(/\b\p{Lu}[\p{L}\p{N}]+/gu) ?? []).join(' ')));
type M = (a: string, b: string) => number;
const wgt = (names: Set<string>, boost: number) => (t: string) => Math.min(t.length, 8) * (names.has(t) ? boost : 1);
const mk = (boost: number, mode: 'od' | 'cos' | 'dice'): M => (a, b) => {
  const ta = claimTerms(a), tb = claimTerms(b); const na = proper(a), nb = proper(b);
  const wa = wgt(na, boost), wb = wgt(nb, boost);
  let sh = 0, A = 0, B = 0, n = 0, A2 = 0, B2 = 0, dot = 0;
  for (const t of ta) { A += wa(t); A2 += wa(t) ** 2; if (tb.has(t)) { sh += (wa(t) + wb(t)) / 2; n++; dot += wa(t) * wb(t); } }
  for (const t of tb) { B += wb(t); B2 += wb(t) ** 2; }
  if (n < 3) return 0;
  if (mode === 'cos') return dot / Math.sqrt(A2 * B2);
  if (mode === 'dice') return 2 * sh / (A + B);
  return (sh / Math.min(A, B) + 2 * sh / (A + B)) / 2;
};
const ms: Record<string, M> = { od1: mk(1, 'od'), od2: mk(2, 'od'), cos1: mk(1, 'cos'), cos2: mk(2, 'cos'), dice2: mk(2, 'dice'), od3: mk(3, 'od') };
for (const [name, m] of Object.entries(ms)) {
  const pos = f.same.map((p: any) => m(p.a, p.b)).sort(); const neg = f.different.map((p: any) => m(p.a, p.b)).sort();
  let best = [0, 0];
  for (let th = 0.1; th < 0.9; th += 0.01) { const acc = pos.filter((x: number) => x >= th).length + neg.filter((x: number) => x < th).length; if (acc > best[1]) best = [th, acc]; }
  console.log(name, 'minPos', Math.min(...pos).toFixed(2), 'maxNeg', Math.max(...neg).toFixed(2), 'best th', best[0].toFixed(2), best[1], '/', pos.length + neg.length, 'pos', pos.map((x: number) => x.toFixed(2)).join(' '), '| neg top', neg.slice(-4).map((x: number) => x.toFixed(2)).join(' '));
}
