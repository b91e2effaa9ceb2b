// Full-text extraction quality on real pages, printed as JSON lines.
//   npx tsx bench/extraction-f1.ts            every set
//   npx tsx bench/extraction-f1.ts --worst 10 also list the ten worst benchmark pages
// Sets (read from the shared corpus at run time, never copied):
// - article-extraction-benchmark: 181 pages with ground-truth articleBody, scored like its
//   evaluate.py (4-token shingles; the set's F1 is the harmonic mean of mean precision and mean
//   recall). The published Readability.js output is scored too, to check this port of the metric
//   (its README reports F1 0.947, precision 0.914, recall 0.982).
// - readability: Mozilla Readability's test pages, expected.html as the reference text.
// - trafilatura-eval: snippets that must / must not appear; the score is the share of right calls.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import * as cheerio from 'cheerio';
import { decodeBody } from '../src/pipeline/fetch/charset';
import { extractPage } from '../src/pipeline/extract/full-text';
import { textOverlap, type TextOverlap } from '../harness/text-f1';
import { CORPUS_DIR } from '../harness/corpus';

const CORPUS = CORPUS_DIR;
const ARTICLES = join(CORPUS, 'articles');

interface PageScore extends TextOverlap {
  id: string;
  ms: number;
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
}

const round = (n: number) => Math.round(n * 1000) / 1000;
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

function summarize(set: string, scores: PageScore[], extra: Record<string, unknown> = {}): string {
  const f1s = scores.map((s) => s.f1).sort((a, b) => a - b);
  const precision = mean(scores.map((s) => s.precision));
  const recall = mean(scores.map((s) => s.recall));
  return JSON.stringify({
    bench: 'extraction-f1',
    set,
    pages: scores.length,
    median: round(quantile(f1s, 0.5)),
    p10: round(quantile(f1s, 0.1)),
    // The benchmark's own headline number: F1 of the mean precision and mean recall.
    setF1: round((2 * precision * recall) / (precision + recall)),
    precision: round(precision),
    recall: round(recall),
    msPerPage: round(mean(scores.map((s) => s.ms))),
    ...extra,
  });
}

function timedExtract(html: string, url: string): { text: string; ms: number } {
  const started = performance.now();
  const { text } = extractPage(html, url);
  return { text, ms: performance.now() - started };
}

export function articleExtractionBenchmark(): { scores: PageScore[]; baseline: PageScore[] } {
  const dir = join(ARTICLES, 'article-extraction-benchmark');
  const truth: Record<string, { articleBody?: string; url: string }> = JSON.parse(readFileSync(join(dir, 'ground-truth.json'), 'utf8'));
  const baselineOutput: Record<string, { articleBody?: string }> = JSON.parse(
    gunzipSync(readFileSync(join(dir, 'baseline-output-readability_js.json.gz'))).toString('utf8'),
  ).output;
  const scores: PageScore[] = [];
  const baseline: PageScore[] = [];
  for (const [id, { articleBody = '', url }] of Object.entries(truth)) {
    const { text: html } = decodeBody(gunzipSync(readFileSync(join(dir, 'html', `${id}.html.gz`))), 'text/html');
    const { text, ms } = timedExtract(html, url);
    scores.push({ id, ms, ...textOverlap(articleBody, text) });
    baseline.push({ id, ms: 0, ...textOverlap(articleBody, baselineOutput[id]?.articleBody ?? '') });
  }
  return { scores, baseline };
}

export function readabilityPages(): PageScore[] {
  const dir = join(ARTICLES, 'readability');
  return readdirSync(dir).map((name) => {
    const html = readFileSync(join(dir, name, 'source.html'), 'utf8');
    const expected = cheerio.load(readFileSync(join(dir, name, 'expected.html'), 'utf8')).root().text();
    const { text, ms } = timedExtract(html, 'http://fakehost/test/page.html');
    return { id: name, ms, ...textOverlap(expected, text) };
  });
}

export function trafilaturaSnippets(): PageScore[] {
  const dir = join(ARTICLES, 'trafilatura-eval');
  const { entries }: { entries: Record<string, { file: string; with?: string[]; without?: string[] }> } = JSON.parse(
    readFileSync(join(dir, 'evaldata-news-subset.json'), 'utf8'),
  );
  const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
  return Object.entries(entries).map(([url, entry]) => {
    const { text: html } = decodeBody(gunzipSync(readFileSync(join(dir, 'html', entry.file))), 'text/html');
    const { text, ms } = timedExtract(html, url);
    const flat = squash(text);
    const found = (entry.with ?? []).filter((s) => flat.includes(squash(s))).length;
    const avoided = (entry.without ?? []).filter((s) => !flat.includes(squash(s))).length;
    const withCount = entry.with?.length ?? 0;
    const withoutCount = entry.without?.length ?? 0;
    const recall = withCount ? found / withCount : 1;
    const precision = withoutCount ? avoided / withoutCount : 1;
    const score = (found + avoided) / Math.max(1, withCount + withoutCount);
    return { id: url, ms, precision, recall, f1: score };
  });
}

function main(): void {
  const worst = process.argv.includes('--worst') ? Number(process.argv[process.argv.indexOf('--worst') + 1] ?? 10) : 0;
  if (!existsSync(ARTICLES)) {
    console.error(`extraction-f1: corpus not found at ${ARTICLES} (set CORPUS_DIR)`);
    process.exitCode = 1;
    return;
  }
  const { scores, baseline } = articleExtractionBenchmark();
  console.log(summarize('article-extraction-benchmark', scores));
  console.log(summarize('article-extraction-benchmark/readability-js-published-output', baseline, { note: 'metric check, not this code' }));
  for (const page of [...scores].sort((a, b) => a.f1 - b.f1).slice(0, worst)) {
    console.log(JSON.stringify({ worst: page.id, f1: round(page.f1), precision: round(page.precision), recall: round(page.recall) }));
  }
  console.log(summarize('readability', readabilityPages()));
  console.log(summarize('trafilatura-eval', trafilaturaSnippets(), { metric: 'share of must/must-not snippets handled right' }));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
