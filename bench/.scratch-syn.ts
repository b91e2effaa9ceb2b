import { readFileSync, readdirSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { shingleSignature, estimateJaccard, wordTokens } from '../src/pipeline/cluster/similarity';
const base = '/work/shared/corpus/';
const gt = JSON.parse(readFileSync(base + 'articles/article-extraction-benchmark/ground-truth.json', 'utf8'));
const rb = JSON.parse(gunzipSync(readFileSync(base + 'articles/article-extraction-benchmark/baseline-output-readability_js.json.gz')).toString());
function exact(a: string, b: string) {
  const sh = (t: string) => { const w = wordTokens(t); const s = new Set<string>(); const n = Math.min(5, w.length); for (let i = 0; i + n <= w.length; i++) s.add(w.slice(i, i + n).join(' ')); return s; };
  const A = sh(a), B = sh(b); let i = 0; for (const x of A) if (B.has(x)) i++; return i / (A.size + B.size - i || 1);
}
const pos: number[] = []; const err: number[] = [];
for (const [k, v] of Object.entries<any>(gt)) {
  const r = rb.output[k]?.articleBody; if (!r || !v.articleBody) continue;
  const e = estimateJaccard(shingleSignature(v.articleBody), shingleSignature(r));
  pos.push(e); err.push(Math.abs(e - exact(v.articleBody, r)));
}
pos.sort((a, b) => a - b);
const q = (a: number[], p: number) => a[Math.floor(p * (a.length - 1))];
console.log('positives n', pos.length, 'min', pos[0], 'p5', q(pos, 0.05), 'p10', q(pos, 0.1), 'median', q(pos, 0.5), 'maxErr', Math.max(...err), 'meanErr', err.reduce((a, b) => a + b) / err.length);
console.log('lowest', pos.slice(0, 8));
// same-event groups by url fragments
const groups: Record<string, string[]> = { wework: ['wework'], duvet: ['duvet', 'feather'], plague: ['plague'], meth: ['meth'], doobie: ['doobie'], europa: ['europa', 'jupiter'], lander: ['lander', 'moon-shot', 'moon-lander'], stadia: ['stadia'], homedepot: ['home-depot'], hibernat: ['hibernat'], omar: ['omar'], swift: ['taylor-swift', 'newsbeat-50470672'] };
const neg: [number, string][] = [];
for (const [g, pats] of Object.entries(groups)) {
  const members = Object.entries<any>(gt).filter(([, v]) => pats.some((p) => (v.url ?? '').toLowerCase().includes(p)));
  for (let i = 0; i < members.length; i++) for (let j = i + 1; j < members.length; j++) {
    neg.push([estimateJaccard(shingleSignature(members[i][1].articleBody), shingleSignature(members[j][1].articleBody)), g]);
  }
  console.log(g, members.map(([, v]) => v.url.slice(8, 40)));
}
neg.sort((a, b) => b[0] - a[0]);
console.log('same-event rewrites n', neg.length, 'top', neg.slice(0, 6));
const dir = base + 'near-duplicates/wikiref220/articles/';
const labels = JSON.parse(readFileSync(base + 'near-duplicates/wikiref220/labels.json', 'utf8')).labels;
const files = readdirSync(dir);
const sigs = files.map((f) => shingleSignature(readFileSync(dir + f, 'utf8')));
const wr: [number, string, string][] = [];
for (let i = 0; i < files.length; i++) for (let j = i + 1; j < files.length; j++) if (labels[files[i]] === labels[files[j]]) wr.push([estimateJaccard(sigs[i], sigs[j]), files[i], files[j]]);
wr.sort((a, b) => b[0] - a[0]);
console.log('wikiref same-topic n', wr.length, wr.slice(0, 6));
