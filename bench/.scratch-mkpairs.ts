import { readFileSync, writeFileSync } from 'node:fs';
import { splitSentences } from '../src/pipeline/extract/sentences';
const gt = JSON.parse(readFileSync('/work/shared/corpus/articles/article-extraction-benchmark/ground-truth.json', 'utf8'));
const ids: Record<string, string> = { vb: '06e5123e', tc: '1ace8c85', rd: 'bc13ff87', sa: '14cc2a0c', sp: '686bb170', hw: 'f344ca5f', aj: '42aad16b', ss: 'c50845a7', sn: 'd1c57d78', cl: '35b15891', bb: '9cb8224b', rs: 'ac1bfdd4' };
const full: Record<string, string> = {}; const sents: Record<string, string[]> = {}; const urls: Record<string, string> = {};
for (const [short, pre] of Object.entries(ids)) { const k = Object.keys(gt).find(x => x.startsWith(pre))!; full[short] = k; urls[short] = gt[k].url; sents[short] = splitSentences(gt[k].articleBody); }
const S = (ref: string) => { const [a, i] = ref.split(':'); return sents[a][Number(i)]; };
const same = [['vb:0','tc:0'],['vb:4','tc:1'],['vb:2','tc:3'],['vb:22','tc:5'],['vb:18','rd:4'],['vb:5','tc:7'],['sa:0','hw:0'],['sa:2','sp:5'],['sp:4','hw:4'],['sa:3','hw:7'],['sn:1','ss:1'],['sn:2','ss:18'],['aj:22','sn:22'],['rs:0','bb:1'],['rs:10','bb:9'],['rs:9','cl:4'],['cl:3','rs:1'],['sn:0','ss:1']];
const different = [['vb:0','vb:22'],['vb:0','vb:14'],['tc:0','tc:5'],['vb:4','vb:5'],['vb:10','vb:11'],['sa:0','sa:8'],['sa:0','sa:14'],['ss:1','ss:17'],['sn:8','sn:14'],['sn:11','sn:20'],['rs:0','rs:9'],['bb:13','bb:1'],['rs:12','rs:3'],['tc:0','vb:4'],['vb:2','vb:14'],['sa:0','sp:22'],['hw:0','hw:7'],['ss:1','ss:6'],['sn:1','sn:2'],['rs:0','cl:6'],['vb:22','tc:6'],['tc:1','tc:7'],['sp:4','sp:5']];
const out = {
  _about: 'Sentence pairs from articles of one event (real text, split by splitSentences). The same/different labels were assigned by hand for testing sameClaim; they are not part of the upstream data.',
  articles: Object.fromEntries(Object.entries(full).map(([s, k]) => [s, { id: k, url: urls[s] }])),
  same: same.map(([a, b]) => ({ a: S(a), b: S(b), refs: [a, b] })),
  different: different.map(([a, b]) => ({ a: S(a), b: S(b), refs: [a, b] })),
};
writeFileSync('test/fixtures/verify/claim-pairs.json', JSON.stringify(out, null, 1));
