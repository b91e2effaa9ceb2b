// Throughput of the text tools every stage runs on each article: entity matching against the
// gazetteer, content terms (tokens, stop words, stems) and MinHash shingle signatures, over
// about 3 MB of real article text (the article-extraction-benchmark ground truth, read in place).
import { readFileSync } from 'node:fs';
import { corpusPath } from '../harness/corpus';
import { findEntities } from '../src/text/gazetteer';
import { shingleSignature } from '../src/text/similarity';
import { contentTerms } from '../src/text/tokens';

const TARGET_BYTES = 3_000_000;
const groundTruth = JSON.parse(readFileSync(corpusPath('articles/article-extraction-benchmark/ground-truth.json'), 'utf8')) as Record<string, { articleBody: string }>;
const bodies = Object.values(groundTruth).map((a) => a.articleBody);
const oneCopy = bodies.reduce((n, b) => n + Buffer.byteLength(b), 0);
const batch = Array.from({ length: Math.ceil(TARGET_BYTES / oneCopy) }, () => bodies).flat();
const mb = batch.reduce((n, b) => n + Buffer.byteLength(b), 0) / 1e6;

findEntities(bodies[0]); // load the gazetteer outside the timing
for (const [name, run] of [['findEntities', findEntities], ['contentTerms', contentTerms], ['shingleSignature', shingleSignature]] as const) {
  const started = performance.now();
  for (const body of batch) run(body);
  const seconds = (performance.now() - started) / 1000;
  console.log(JSON.stringify({ bench: 'text-throughput', fn: name, articles: batch.length, mb: Number(mb.toFixed(2)), seconds: Number(seconds.toFixed(3)), mbPerSecond: Number((mb / seconds).toFixed(2)) }));
}
