// Entity matching cost against registry size: findEntities over real article text (the
// article-extraction benchmark, read in place) with the bundled registry (~2.5k entries) and
// with 18k more entries synthesised from real name parts (first names and surnames of the
// registry's people, words of its company names). A trie walks only as deep as the longest
// alias at each token, so the two costs should be about equal. One JSON line.
import { readFileSync } from 'node:fs';
import { corpusPath } from '../harness/corpus';
import { loadGazetteer, type GazetteerEntity } from '../src/text/gazetteer';

const bodies = Object.values(JSON.parse(readFileSync(corpusPath('articles', 'article-extraction-benchmark', 'ground-truth.json'), 'utf8')) as Record<string, { articleBody: string }>).map((a) => a.articleBody);
const base = loadGazetteer();

function synthesise(count: number): GazetteerEntity[] {
  const people = base.entities.filter((e) => e.kind === 'person').map((e) => e.name.split(' '));
  const firsts = [...new Set(people.map((p) => p[0]))];
  const lasts = [...new Set(people.map((p) => p.at(-1)!))];
  const words = [...new Set(base.entities.filter((e) => e.kind === 'company').flatMap((e) => e.name.split(' ')).filter((w) => /^[A-Z][a-z]{3,}$/.test(w)))];
  const out: GazetteerEntity[] = [];
  for (let i = 0; out.length < count; i++) {
    const person = i % 2 === 0;
    const name = person ? `${firsts[i % firsts.length]} ${lasts[(i * 7 + 3) % lasts.length]}` : `${words[i % words.length]} ${words[(i * 13 + 5) % words.length]} Holdings`;
    out.push({ ...base.entities[0], key: `synthetic-${i}`, name, kind: person ? 'person' : 'company', aliases: [], parent: undefined, owner: undefined, caseSensitive: person, source: 'synthetic' });
  }
  return out;
}

function time(findEntities: (t: string) => unknown): number {
  for (const b of bodies.slice(0, 20)) findEntities(b);
  const started = performance.now();
  for (let round = 0; round < 3; round++) for (const b of bodies) findEntities(b);
  return (performance.now() - started) / (3 * bodies.length);
}

const large = base.withEntities(synthesise(18_000));
const words = bodies.reduce((n, b) => n + b.split(/\s+/).length, 0) / bodies.length;
const small = time(base.findEntities);
const big = time(large.findEntities);
console.log(
  JSON.stringify({
    bench: 'entity-matching',
    articles: bodies.length,
    wordsPerArticle: Math.round(words),
    registry: { entries: base.entities.length, msPerArticle: Math.round(small * 100) / 100 },
    registry20k: { entries: large.entities.length, msPerArticle: Math.round(big * 100) / 100 },
    ratio: Math.round((big / small) * 100) / 100,
  }),
);
