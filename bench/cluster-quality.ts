// Clustering quality on labelled real data, printed as JSON lines: the evaluation of
// eval/clustering.ts (the pipeline's stages on a real database, test half of each set), and
// the shingle-Jaccard of the article-extraction benchmark pages (the same article extracted
// twice) against distinct same-topic WikiRef220 articles for the syndication threshold.
// WikiRef220 is read at run time only (its licence forbids copying it).
import { readFileSync, readdirSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { pathToFileURL } from 'node:url';
import { evaluate } from '../eval/clustering';
import { closeEvalDatabase } from '../eval/pipeline-path';
import { estimateJaccard, shingleSignature, SYNDICATION_THRESHOLD } from '../src/text/similarity';
import { CORPUS_DIR } from '../harness/corpus';

const CORPUS = CORPUS_DIR;

/** Shingle-Jaccard of each benchmark page's two extractions (positives) and of same-topic WikiRef articles (negatives). */
export function syndicationScores(corpus = CORPUS) {
  const dir = `${corpus}/articles/article-extraction-benchmark`;
  const truth = JSON.parse(readFileSync(`${dir}/ground-truth.json`, 'utf8')) as Record<string, { articleBody: string }>;
  const baseline = JSON.parse(gunzipSync(readFileSync(`${dir}/baseline-output-readability_js.json.gz`)).toString()).output as Record<string, { articleBody: string }>;
  const copies = Object.keys(truth).filter((k) => baseline[k]?.articleBody)
    .map((k) => estimateJaccard(shingleSignature(truth[k].articleBody), shingleSignature(baseline[k].articleBody)));
  const wiki = `${corpus}/near-duplicates/wikiref220`;
  const meta = JSON.parse(readFileSync(`${wiki}/labels.json`, 'utf8')) as { labels: Record<string, string>; nearDuplicateCandidates: { a: string; b: string }[] };
  const nearCopies = new Set(meta.nearDuplicateCandidates.map((p) => `${p.a}|${p.b}`));
  const files = readdirSync(`${wiki}/articles`).sort();
  const sigs = files.map((f) => shingleSignature(readFileSync(`${wiki}/articles/${f}`, 'utf8')));
  const distinct: number[] = [];
  for (let i = 0; i < files.length; i++)
    for (let j = i + 1; j < files.length; j++)
      if (meta.labels[files[i]] === meta.labels[files[j]] && !nearCopies.has(`${files[i]}|${files[j]}`) && !nearCopies.has(`${files[j]}|${files[i]}`))
        distinct.push(estimateJaccard(sigs[i], sigs[j]));
  const detected = copies.filter((s) => s >= SYNDICATION_THRESHOLD).length;
  const falseAlarms = distinct.filter((s) => s >= SYNDICATION_THRESHOLD).length;
  return { copies: copies.length, copyRecall: detected / copies.length, distinctPairs: distinct.length, falseAlarms, maxDistinct: Math.max(...distinct) };
}

async function main(): Promise<void> {
  // Clustering is scored through the pipeline's own stages (eval/clustering.ts), on the test half.
  try {
    for (const line of await evaluate('test')) console.log(JSON.stringify({ bench: 'cluster-quality', ...line }));
  } finally {
    await closeEvalDatabase();
  }
  console.log(JSON.stringify({ bench: 'cluster-quality', dataset: 'syndication', threshold: SYNDICATION_THRESHOLD, ...syndicationScores() }));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
