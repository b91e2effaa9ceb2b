// Clustering quality on labelled real data, printed as JSON lines.
//   npx tsx bench/cluster-quality.ts            measured quality at the shipped thresholds
//   npx tsx bench/cluster-quality.ts --sweep    precision/recall across match thresholds
// Data: UCI News Aggregator headlines with story labels, and the article-extraction
// benchmark pages (the same article extracted twice) for the syndication threshold.
// WikiRef220 is read at run time only (its licence forbids copying it).
import { readFileSync, readdirSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { pathToFileURL } from 'node:url';
import { findEntities } from '../src/text/gazetteer';
import { matchEvent, MATCH_THRESHOLD, type EventCandidate } from '../src/pipeline/cluster/event-match';
import { estimateJaccard, shingleSignature, SYNDICATION_THRESHOLD } from '../src/text/similarity';
import { CORPUS_DIR } from '../harness/corpus';

const CORPUS = CORPUS_DIR;

export interface LabelledHeadline {
  id: number;
  title: string;
  story: string;
}

/** RFC 4180 rows: quoted fields may hold commas and doubled quotes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') endField();
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endField();
      rows.push(row);
      row = [];
    } else field += c;
  }
  if (field || row.length) {
    endField();
    rows.push(row);
  }
  return rows;
}

/** The UCI headlines with their STORY labels, in file order. */
export function loadUciHeadlines(csvPath = `${CORPUS}/near-duplicates/uci-news-aggregator/uci-news-aggregator-first-999.csv`): LabelledHeadline[] {
  const rows = parseCsv(readFileSync(csvPath, 'utf8'));
  const header = rows[0];
  const [id, title, story] = ['ID', 'TITLE', 'STORY'].map((h) => header.indexOf(h));
  return rows.slice(1).filter((r) => r.length === header.length).map((r) => ({ id: Number(r[id]), title: r[title], story: r[story] }));
}

/** Greedy online clustering with matchEvent, the way the pipeline assigns articles. */
export function clusterGreedily(titles: string[], threshold = MATCH_THRESHOLD): number[] {
  // The UCI timestamps were mangled by a spreadsheet; every headline gets one date.
  const publishedAt = new Date('2014-03-10T12:00:00Z');
  const events: EventCandidate[] = [];
  return titles.map((title) => {
    const entityKeys = findEntities(title).map((m) => m.key);
    const match = matchEvent({ title, text: '', entityKeys, publishedAt }, events, threshold);
    if (!match) {
      events.push({ id: String(events.length), title, titles: [title], entityKeys, lastSeenAt: publishedAt });
      return events.length - 1;
    }
    const event = events[Number(match.eventId)];
    event.titles.push(title);
    event.entityKeys = [...new Set([...event.entityKeys, ...entityKeys])];
    return Number(match.eventId);
  });
}

/** Pairwise and B-cubed precision/recall of predicted cluster ids against gold labels. */
export function clusteringScores(predicted: number[], gold: string[]) {
  let tp = 0, fp = 0, fn = 0;
  for (let i = 0; i < predicted.length; i++)
    for (let j = i + 1; j < predicted.length; j++) {
      const samePred = predicted[i] === predicted[j];
      const sameGold = gold[i] === gold[j];
      if (samePred && sameGold) tp++;
      else if (samePred) fp++;
      else if (sameGold) fn++;
    }
  let bp = 0, br = 0;
  for (let i = 0; i < predicted.length; i++) {
    let both = 0, pred = 0, g = 0;
    for (let j = 0; j < predicted.length; j++) {
      const p = predicted[i] === predicted[j], s = gold[i] === gold[j];
      if (p) pred++;
      if (s) g++;
      if (p && s) both++;
    }
    bp += both / pred;
    br += both / g;
  }
  const precision = tp / (tp + fp || 1), recall = tp / (tp + fn || 1);
  const bcubedPrecision = bp / predicted.length, bcubedRecall = br / predicted.length;
  const f1 = (p: number, r: number) => (p + r === 0 ? 0 : (2 * p * r) / (p + r));
  return {
    precision, recall, f1: f1(precision, recall),
    bcubedPrecision, bcubedRecall, bcubedF1: f1(bcubedPrecision, bcubedRecall),
    clusters: new Set(predicted).size,
  };
}

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

function main(): void {
  const headlines = loadUciHeadlines();
  const gold = headlines.map((h) => h.story);
  const titles = headlines.map((h) => h.title);
  const thresholds = process.argv.includes('--sweep') ? [0.1, 0.14, 0.17, 0.2, 0.23, 0.26, 0.3, 0.4] : [MATCH_THRESHOLD];
  for (const threshold of thresholds) {
    const started = performance.now();
    const scores = clusteringScores(clusterGreedily(titles, threshold), gold);
    const ms = Math.round(performance.now() - started);
    console.log(JSON.stringify({ dataset: 'uci-news-aggregator', headlines: titles.length, stories: new Set(gold).size, threshold, ...scores, ms }));
  }
  console.log(JSON.stringify({ dataset: 'syndication', threshold: SYNDICATION_THRESHOLD, ...syndicationScores() }));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
