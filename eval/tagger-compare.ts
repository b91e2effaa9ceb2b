// Compares named-entity taggers for proposing unknown entities: compromise (people() and
// organizations()) against wink-nlp with wink-eng-lite-web-model (whose lite model tags no
// PERSON/ORG entities, so its proper-noun runs are scored untyped), on hand-labelled sentences.
// Prints one JSON line per tagger: precision, recall, F1 (typed where the tagger types) and ms.
import { readFileSync } from 'node:fs';
import nlp from 'compromise';
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { tagNames } from '../src/text/entities/tagger';

interface Labelled {
  text: string;
  entities: { kind: 'person' | 'organization'; text: string }[];
}
type Proposal = { kind?: 'person' | 'organization'; text: string };

const fixture = new URL('../test/fixtures/extract/tagger-sentences.json', import.meta.url);
const sentences = (JSON.parse(readFileSync(fixture, 'utf8')) as { sentences: Labelled[] }).sentences;

/** "The Carlyle Group's" -> "carlyle group": the comparison ignores articles, possessives and case. */
export function normaliseName(s: string): string {
  return s
    .replace(/[’']s$/u, '')
    .replace(/^the\s+/i, '')
    .replace(/[.,;:!?"“”]+$/u, '')
    .trim()
    .toLowerCase();
}

function score(propose: (s: string) => Proposal[], typed: boolean) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const started = performance.now();
  const proposals = sentences.map((s) => propose(s.text));
  const ms = performance.now() - started;
  sentences.forEach((s, i) => {
    const key = (p: Proposal) => `${typed ? p.kind : ''}|${normaliseName(p.text)}`;
    const gold = new Set(s.entities.map(key));
    const got = new Set(proposals[i].map(key));
    for (const g of got) {
      if (gold.has(g)) tp++;
      else fp++;
    }
    for (const g of gold) if (!got.has(g)) fn++;
  });
  const precision = tp / (tp + fp || 1);
  const recall = tp / (tp + fn || 1);
  const f1 = (2 * precision * recall) / (precision + recall || 1);
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return { precision: round(precision), recall: round(recall), f1: round(f1), msPerSentence: round(ms / sentences.length) };
}

const compromise = (text: string): Proposal[] => {
  const doc = nlp(text);
  return [
    ...doc.people().out('array').map((t: string) => ({ kind: 'person' as const, text: t })),
    ...doc.organizations().out('array').map((t: string) => ({ kind: 'organization' as const, text: t })),
  ];
};

const wink = winkNLP(model);
const winkRuns = (text: string): Proposal[] => {
  const doc = wink.readDoc(text);
  const out: Proposal[] = [];
  let run: string[] = [];
  const flush = () => {
    if (run.length) out.push({ text: run.join(' ') });
    run = [];
  };
  doc.tokens().each((t: { out: (f: unknown) => string }) => {
    if (t.out(wink.its.pos) === 'PROPN') run.push(t.out(wink.its.value));
    else flush();
  });
  flush();
  return out;
};

/** Runs the comparison and returns one result per tagger. */
export function compareTaggers() {
  compromise('warm up');
  winkRuns('warm up');
  return [
    { tagger: 'compromise', mode: 'typed', sentences: sentences.length, ...score(compromise, true) },
    { tagger: 'compromise', mode: 'untyped', sentences: sentences.length, ...score(compromise, false) },
    { tagger: 'wink-nlp+wink-eng-lite-web-model', mode: 'untyped (PROPN runs)', sentences: sentences.length, ...score(winkRuns, false) },
    { tagger: 'chosen: wink runs typed by compromise and suffixes', mode: 'typed', sentences: sentences.length, ...score(tagNames, true) },
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) for (const r of compareTaggers()) console.log(JSON.stringify({ eval: 'tagger', ...r }));
