import { readFileSync } from 'node:fs';
import { splitSentences } from '../src/pipeline/extract/sentences';
const gt = JSON.parse(readFileSync('/work/shared/corpus/articles/article-extraction-benchmark/ground-truth.json', 'utf8'));
const groups: Record<string, string[]> = { wework: ['wework'], europa: ['europa', 'jupiter'], lander: ['lander', 'moon-shot'], doobie: ['doobie'], omar: ['omar'], hibernat: ['hibernat'], homedepot: ['home-depot'], plague: ['plague'], duvet: ['duvet','feather'], meth: ['meth'] };
const g = process.argv[2];
for (const [k, v] of Object.entries<any>(gt)) if (groups[g].some(p => (v.url ?? '').toLowerCase().includes(p))) {
  console.log('=====', k.slice(0, 8), v.url);
  splitSentences(v.articleBody).forEach((s, i) => console.log(i, s));
}
