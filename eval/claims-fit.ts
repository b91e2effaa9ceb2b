// Fits the check-worthiness model (src/pipeline/extract/check-worthiness.ts) on the development
// part of the labelled claims set, and writes its weights file. The test part is never read.
//
//   node --import tsx eval/claims-fit.ts           write src/pipeline/extract/check-worthiness-weights.json
//   node --import tsx eval/claims-fit.ts --check   exit 1 when the stored file differs from a refit
//
// L2-regularised logistic regression by Newton's method (deterministic: the same labels give the
// same weights). Written here because the classifiers at hand take bags of words, not numeric
// features, and fit without a regularisation term to choose by cross-validation. Both choices are
// made by leave-one-article-out cross-validation on dev: the regularisation strength by the
// held-out log loss (smooth, so a sentence or two either way does not swing it), then the decision
// threshold by the held-out F1 over every labelled claim of the article (a claim the hard rules
// refuse counts as missed), with each held-out sentence decided as the extractor decides it.
import { readFileSync, writeFileSync } from 'node:fs';
import { assessSentences, extractClaims } from '../src/pipeline/extract/claims';
import { FEATURE_NAMES, useCheckWorthinessModel, type CheckWorthinessModel } from '../src/pipeline/extract/check-worthiness';
import { namesOfText } from '../src/pipeline/extract/understand-text';
import { splitSentences } from '../src/text/sentences';
import { articleWindow, claimsSet } from './claims-set';

const WEIGHTS_FILE = new URL('../src/pipeline/extract/check-worthiness-weights.json', import.meta.url);
const LAMBDAS = [0.03, 0.1, 0.3, 1, 3, 10, 30];
const THRESHOLDS = Array.from({ length: 15 }, (_, i) => 0.16 + i * 0.04);

interface Row {
  article: number;
  x: number[];
  y: number;
  /** The extractor keeps the sentence whatever its score (a named action with an amount or a date). */
  kept: boolean;
  /** The extractor keeps the sentence when its score passes (it names the article's entities, is no repeat). */
  eligible: boolean;
}
const norm = (s: string) => s.split(/\s+/).join(' ').trim();

// What the extractor does with a score is read from the extractor itself: with a model that passes
// every sentence (no cap) and one that passes none.
function extractedWith(threshold: number, text: string, context: ReturnType<typeof namesOfText>['attributionContext']): Set<string> {
  useCheckWorthinessModel({ bias: 0, threshold, weights: {} });
  const claims = extractClaims(text, { title: '', ...context, max: Number.MAX_SAFE_INTEGER });
  useCheckWorthinessModel();
  return new Set(claims.map((c) => norm(c.sentence)));
}

/** The dev sentences the model weighs (hard-refused ones left out), and the labelled claims per article. */
function devRows() {
  const rows: Row[] = [];
  const claimsPerArticle: number[] = [];
  const articles = claimsSet.articles.filter((a) => a.part === 'dev');
  articles.forEach((article, index) => {
    const text = articleWindow(article.id);
    const claims = new Set(article.sentences.filter((s) => s.claim).map((s) => norm(s.text)));
    claimsPerArticle.push([...claims].filter((c) => splitSentences(text).some((u) => norm(u) === c)).length);
    const { attributionContext } = namesOfText('', text);
    const eligible = extractedWith(0, text, attributionContext);
    const kept = extractedWith(2, text, attributionContext);
    for (const assessment of assessSentences(text, attributionContext)) {
      const sentence = norm(assessment.sentence);
      if (assessment.features) rows.push({ article: index, x: assessment.features, y: Number(claims.has(sentence)), kept: kept.has(sentence), eligible: eligible.has(sentence) });
    }
  });
  return { rows, claimsPerArticle, articles: articles.length };
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
const dot = (w: number[], x: number[]) => w.reduce((sum, wi, i) => sum + wi * (i === 0 ? 1 : x[i - 1]), 0);

// Solves A v = b by Gaussian elimination with partial pivoting (A is small and positive definite).
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) pivot = r;
    [m[c], m[pivot]] = [m[pivot], m[c]];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r][c] / m[c][c];
      for (let k = c; k <= n; k++) m[r][k] -= f * m[c][k];
    }
  }
  return m.map((row, i) => row[n] / row[i]);
}

/** Weights [bias, ...features] minimising log loss + lambda/2 |w|² (the bias is not penalised). */
function fit(rows: Row[], lambda: number): number[] {
  const d = FEATURE_NAMES.length + 1;
  let w = new Array<number>(d).fill(0);
  for (let iteration = 0; iteration < 50; iteration++) {
    const gradient = w.map((wi, i) => (i === 0 ? 0 : lambda * wi));
    const hessian = Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, j) => (i === j && i > 0 ? lambda : 0)));
    for (const { x, y } of rows) {
      const p = sigmoid(dot(w, x));
      const v = [1, ...x];
      for (let i = 0; i < d; i++) {
        gradient[i] += (p - y) * v[i];
        for (let j = 0; j < d; j++) hessian[i][j] += p * (1 - p) * v[i] * v[j];
      }
    }
    for (let i = 0; i < d; i++) hessian[i][i] += 1e-9;
    const step = solve(hessian, gradient);
    w = w.map((wi, i) => wi - step[i]);
    if (Math.max(...step.map(Math.abs)) < 1e-8) break;
  }
  return w;
}

const f1 = (tp: number, fp: number, fn: number) => (tp ? (2 * tp) / (2 * tp + fp + fn) : 0);

/** Leave-one-article-out scores on dev: each held-out sentence scored by a model fitted without its article. */
function crossValidatedScores(rows: Row[], articles: number, lambda: number): number[] {
  const scores = new Array<number>(rows.length);
  for (let held = 0; held < articles; held++) {
    const w = fit(rows.filter((r) => r.article !== held), lambda);
    rows.forEach((r, i) => {
      if (r.article === held) scores[i] = sigmoid(dot(w, r.x));
    });
  }
  return scores;
}

function scoreAt(rows: Row[], scores: number[], threshold: number, labelledClaims: number) {
  let tp = 0;
  let fp = 0;
  rows.forEach((r, i) => {
    if (r.kept || (r.eligible && scores[i] >= threshold)) {
      if (r.y) tp++;
      else fp++;
    }
  });
  return { tp, fp, fn: labelledClaims - tp, f1: f1(tp, fp, labelledClaims - tp) };
}

const round = (x: number, digits = 4) => Math.round(x * 10 ** digits) / 10 ** digits;

export function fitModel(): CheckWorthinessModel {
  const { rows, claimsPerArticle, articles } = devRows();
  const labelledClaims = claimsPerArticle.reduce((a, b) => a + b, 0);
  let chosen = { lambda: LAMBDAS[0], scores: [] as number[], logLoss: Infinity };
  for (const lambda of LAMBDAS) {
    const scores = crossValidatedScores(rows, articles, lambda);
    const logLoss = rows.reduce((sum, r, i) => sum - Math.log(r.y ? scores[i] : 1 - scores[i]), 0) / rows.length;
    if (logLoss < chosen.logLoss - 1e-12) chosen = { lambda, scores, logLoss };
  }
  let best = { lambda: chosen.lambda, threshold: 0.5, f1: -1, tp: 0, fp: 0, fn: 0 };
  for (const threshold of THRESHOLDS) {
    const s = scoreAt(rows, chosen.scores, threshold, labelledClaims);
    if (s.f1 > best.f1 + 1e-9) best = { lambda: chosen.lambda, threshold: round(threshold, 2), ...s };
  }
  const w = fit(rows, best.lambda);
  return {
    about:
      `Logistic model of check-worthiness, fitted by eval/claims-fit.ts on the dev part of eval/claims-labels.json only ` +
      `(${articles} articles, ${rows.length} sentences past the hard rules, ${rows.filter((r) => r.y).length} of them labelled claims, ` +
      `${labelledClaims} labelled claims in all). L2 strength ${best.lambda} (held-out log loss ${round(chosen.logLoss, 3)}) and threshold ${best.threshold} chosen by ` +
      `leave-one-article-out cross-validation on dev (held-out F1 ${round(best.f1, 3)}: tp ${best.tp}, fp ${best.fp}, fn ${best.fn}). Regenerate with ` +
      '`node --import tsx eval/claims-fit.ts`; `--check` verifies this file against a refit.',
    bias: round(w[0]),
    threshold: best.threshold,
    weights: Object.fromEntries(FEATURE_NAMES.map((name, i) => [name, round(w[i + 1])])),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const model = fitModel();
  const json = `${JSON.stringify(model, null, 1)}\n`;
  if (process.argv.includes('--check')) {
    const stored = readFileSync(WEIGHTS_FILE, 'utf8');
    if (stored !== json) {
      console.log(JSON.stringify({ eval: 'claims-fit', check: 'differs', refit: model }));
      process.exit(1);
    }
    console.log(JSON.stringify({ eval: 'claims-fit', check: 'same' }));
  } else {
    writeFileSync(WEIGHTS_FILE, json);
    console.log(JSON.stringify({ eval: 'claims-fit', wrote: WEIGHTS_FILE.pathname, about: model.about }));
  }
}
