// The hand-labelled claims set (eval/claims-labels.json) and the texts it points into, read in
// place from the shared corpus (evaluation-only sets are never copied into the project).
import { readFileSync } from 'node:fs';
import { corpusPath } from '../harness/corpus';
import { loadGazetteer } from '../src/text/gazetteer';
import { organisationKey } from '../src/pipeline/verify/origins';

// dev-b: development articles marked by a second reader (see `_about`); sentences only, no pairs or events.
export type Part = 'dev' | 'dev-b' | 'test';

export interface LabelledSentence {
  text: string;
  attribution?: { origin: string; aliases?: string[] };
  hedge?: { cues: string[] };
  claim?: { subject: string | null; predicate: string | null };
}
export interface LabelledArticle {
  id: string;
  url: string;
  part: Part;
  language: string;
  sentenceCount: number;
  sentences: LabelledSentence[];
}
export interface LabelledPair {
  part: Part;
  story: string;
  relation: 'same' | 'different' | 'contradiction';
  a: { doc: string; text: string };
  b: { doc: string; text: string };
}
export interface LabelledEvent {
  id: string;
  part: Part;
  claim: string;
  independentOrigins: string[];
  articles: { doc: string; source: string; publishedAt: string; origin: string; role: string }[];
}

export const claimsSet = JSON.parse(readFileSync(new URL('./claims-labels.json', import.meta.url), 'utf8')) as {
  charLimit: number;
  pairSentenceWindow: number;
  articles: LabelledArticle[];
  pairs: LabelledPair[];
  events: LabelledEvent[];
};

const collapse = (s: string) => s.split(/\s+/).join(' ');
let bodies: Record<string, { articleBody: string }> | undefined;
function benchmarkBody(id: string): string {
  bodies ??= JSON.parse(readFileSync(corpusPath('articles', 'article-extraction-benchmark', 'ground-truth.json'), 'utf8')) as Record<string, { articleBody: string }>;
  const body = bodies[id];
  if (!body) throw new Error(`article ${id} is not in the benchmark ground truth`);
  return collapse(body.articleBody);
}

/** An article's labelled window: the first charLimit characters, whitespace collapsed (as labelled). */
export const articleWindow = (id: string) => benchmarkBody(id).slice(0, claimsSet.charLimit);

/** The text a pair's sentence was taken from: a benchmark window or a WikiRef220 body (headline dropped). */
export function pairDocument(doc: string): string {
  const [set, name] = doc.split('/');
  if (set === 'article-extraction-benchmark') return benchmarkBody(name).slice(0, claimsSet.pairSentenceWindow);
  if (set === 'wikiref220') return collapse(readFileSync(corpusPath('near-duplicates', 'wikiref220', 'articles', name), 'utf8').split('\n').slice(1).join(' '));
  throw new Error(`unknown document ${doc}`);
}

/** A whole benchmark article (events are verified on full texts). */
export const fullArticle = (doc: string) => benchmarkBody(doc.split('/')[1]);

/** Whether a found name is one of the labelled names: same organisation key or same registry entity. */
export function sameName(found: string, labelled: string[]): boolean {
  const key = organisationKey(found);
  if (labelled.some((l) => organisationKey(l) === key)) return true;
  const gazetteer = loadGazetteer();
  const entity = gazetteer.resolve(found);
  return entity !== undefined && labelled.some((l) => gazetteer.resolve(l)?.key === entity.key);
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}
const round = (x: number) => Math.round(x * 1000) / 1000;
/** Precision, recall and F1 of counts (0 when undefined). */
export function prf(c: Counts) {
  const precision = c.tp + c.fp ? c.tp / (c.tp + c.fp) : 0;
  const recall = c.tp + c.fn ? c.tp / (c.tp + c.fn) : 0;
  return { ...c, precision: round(precision), recall: round(recall), f1: round(precision + recall ? (2 * precision * recall) / (precision + recall) : 0) };
}
export const share = (n: number, d: number) => (d ? round(n / d) : 0);
