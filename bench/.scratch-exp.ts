import { loadUciHeadlines, clusteringScores } from './cluster-quality';
import { contentTerms } from '../src/pipeline/cluster/similarity';
const hs = loadUciHeadlines(); const gold = hs.map(h => h.story);
const T = hs.map(h => new Set(contentTerms(h.title)));
type Sim = (a: Set<string>, b: Set<string>) => number;
const w = (t: string) => Math.min(t.length, 8);
const sims: Record<string, Sim> = {
  lenMax: (a, b) => { let s=0,ta=0,tb=0; for (const t of a){ta+=w(t); if(b.has(t)) s+=w(t);} for(const t of b) tb+=w(t); return s/Math.max(ta,tb)||0; },
  jacc: (a, b) => { let s=0; for (const t of a) if (b.has(t)) s++; return s/(a.size+b.size-s)||0; },
  dice: (a, b) => { let s=0; for (const t of a) if (b.has(t)) s++; return 2*s/(a.size+b.size)||0; },
  lenDice: (a, b) => { let s=0,ta=0,tb=0; for (const t of a){ta+=w(t); if(b.has(t)) s+=w(t);} for(const t of b) tb+=w(t); return 2*s/(ta+tb)||0; },
};
// idf from the whole headline set (what a corpus-aware model would have)
const df = new Map<string, number>(); for (const s of T) for (const t of s) df.set(t, (df.get(t) ?? 0) + 1);
const idf = (t: string) => Math.log((T.length + 1) / ((df.get(t) ?? 0) + 1));
sims.idfCos = (a, b) => { let s=0,na=0,nb=0; for (const t of a){na+=idf(t)**2; if(b.has(t)) s+=idf(t)**2;} for(const t of b) nb+=idf(t)**2; return s/Math.sqrt(na*nb)||0; };
function run(sim: Sim, agg: 'max'|'mean'|'top3', th: number) {
  const ev: Set<string>[][] = []; const pred: number[] = [];
  T.forEach((a) => {
    let best = -1, bs = 0;
    ev.forEach((titles, i) => {
      const ss = titles.map(t => sim(a, t)).sort((x, y) => y - x);
      const s = agg === 'max' ? ss[0] : agg === 'mean' ? ss.reduce((p, c) => p + c, 0) / ss.length : ss.slice(0, 3).reduce((p, c) => p + c, 0) / Math.min(3, ss.length);
      if (s >= th && s > bs) { bs = s; best = i; }
    });
    if (best < 0) { ev.push([a]); pred.push(ev.length - 1); } else { ev[best].push(a); pred.push(best); }
  });
  return clusteringScores(pred, gold);
}
for (const name of Object.keys(sims)) for (const agg of ['max', 'top3', 'mean'] as const) {
  const out: string[] = [];
  for (const th of [0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5]) { const r = run(sims[name], agg, th); out.push(`${th}:${r.precision.toFixed(2)}/${r.recall.toFixed(2)}/${r.f1.toFixed(2)}`); }
  console.log(name.padEnd(7), agg.padEnd(4), out.join('  '));
}
console.log('--- hybrids');
function run2(score: (a: Set<string>, titles: Set<string>[], centroid: Map<string, number>) => number, th: number) {
  const ev: { titles: Set<string>[]; c: Map<string, number> }[] = []; const pred: number[] = [];
  T.forEach((a) => {
    let best = -1, bs = 0;
    ev.forEach((e, i) => { const s = score(a, e.titles, e.c); if (s >= th && s > bs) { bs = s; best = i; } });
    if (best < 0) { ev.push({ titles: [a], c: new Map() }); best = ev.length - 1; } else ev[best].titles.push(a);
    for (const t of a) ev[best].c.set(t, (ev[best].c.get(t) ?? 0) + 1);
    pred.push(best);
  });
  return clusteringScores(pred, gold);
}
const cent = (a: Set<string>, c: Map<string, number>, n: number) => { let dot = 0, na = 0, nc = 0; for (const t of a) { na += w(t) ** 2; dot += w(t) ** 2 * (c.get(t) ?? 0) / n; } for (const [t, v] of c) nc += (w(t) * v / n) ** 2; return dot / Math.sqrt(na * nc) || 0; };
const variants: Record<string, (a: Set<string>, titles: Set<string>[], c: Map<string, number>) => number> = {
  centroid: (a, ts, c) => cent(a, c, ts.length),
  maxAndCent: (a, ts, c) => { const m = Math.max(...ts.map(t => sims.lenMax(a, t))); const k = cent(a, c, ts.length); return (m + k) / 2; },
  maxGateCent: (a, ts, c) => { const m = Math.max(...ts.map(t => sims.lenMax(a, t))); const k = cent(a, c, ts.length); return k >= 0.25 ? m : 0; },
  diceMaxGateCent: (a, ts, c) => { const m = Math.max(...ts.map(t => sims.lenDice(a, t))); const k = cent(a, c, ts.length); return k >= 0.25 ? m : 0; },
};
for (const [name, f] of Object.entries(variants)) {
  const out: string[] = [];
  for (const th of [0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5]) { const r = run2(f, th); out.push(`${th}:${r.precision.toFixed(2)}/${r.recall.toFixed(2)}/${r.f1.toFixed(2)}`); }
  console.log(name.padEnd(15), out.join('  '));
}
console.log('--- centroid fine');
for (const th of [0.12, 0.15, 0.18, 0.2, 0.22, 0.24, 0.26, 0.28]) { const r = run2(variants.centroid, th); console.log(th, r.precision.toFixed(3), r.recall.toFixed(3), r.f1.toFixed(3), r.bcubedPrecision.toFixed(3), r.bcubedRecall.toFixed(3), r.clusters); }
console.log('--- confusion');
{
  const ev: { titles: Set<string>[]; c: Map<string, number>; idx: number[] }[] = [];
  T.forEach((a, ai) => {
    let best = -1, bs = 0;
    ev.forEach((e, i) => { const s = cent(a, e.c, e.titles.length); if (s >= 0.2 && s > bs) { bs = s; best = i; } });
    if (best < 0) { ev.push({ titles: [a], c: new Map(), idx: [] }); best = ev.length - 1; } else ev[best].titles.push(a);
    ev[best].idx.push(ai);
    for (const t of a) ev[best].c.set(t, (ev[best].c.get(t) ?? 0) + 1);
  });
  for (const e of ev.filter(e => e.idx.length > 4)) {
    const comp = new Map<string, number>(); for (const i of e.idx) comp.set(gold[i].slice(0, 5), (comp.get(gold[i].slice(0, 5)) ?? 0) + 1);
    if (comp.size > 1) { console.log([...comp].map(([k, v]) => `${k}:${v}`).join(' '), '|', e.idx.slice(0, 4).map(i => hs[i].title).join(' || ')); }
  }
}
