// Entity recognition on the hand-labelled set eval/entities-labels.json (100 real articles of
// the article-extraction benchmark, read in place from the shared corpus): per article, each
// distinct labelled entity found counts as a true positive, each entity found that no label
// names as a false positive. Scored for the registry alone and with tagged candidates added.
// Errors are listed for the development parts only: the test part is for reporting, and
// reading its errors would tune the rules to it.
import { readFileSync } from 'node:fs';
import { corpusPath } from '../harness/corpus';
import { normalizeCandidateName, proposeCandidates } from '../src/pipeline/extract/candidates';
import { loadGazetteer } from '../src/text/gazetteer';

interface Label {
  text: string;
  kind: string;
  aliases?: string[];
}
type Part = 'dev' | 'dev-b' | 'test';
interface LabelledArticle {
  id: string;
  part: Part;
  entities: Label[];
}

const labels = JSON.parse(readFileSync(new URL('./entities-labels.json', import.meta.url), 'utf8')) as { charLimit: number; articles: LabelledArticle[] };
const bodies = JSON.parse(readFileSync(corpusPath('articles', 'article-extraction-benchmark', 'ground-truth.json'), 'utf8')) as Record<string, { articleBody: string }>;
const norm = (s: string) => normalizeCandidateName(s.replace(/’/g, "'"));

interface Counts {
  tp: number;
  fp: number;
  fn: number;
}
const ratio = (a: number, b: number) => (b === 0 ? 0 : Math.round((a / b) * 1000) / 1000);
function summary(c: Counts) {
  const precision = ratio(c.tp, c.tp + c.fp);
  const recall = ratio(c.tp, c.tp + c.fn);
  return { ...c, precision, recall, f1: precision + recall === 0 ? 0 : Math.round(((2 * precision * recall) / (precision + recall)) * 1000) / 1000 };
}

/** Scores one part of the set; `withCandidates` adds the tagger's proposals as found entities. */
export function scoreEntities(part: Part, withCandidates: boolean) {
  const gazetteer = loadGazetteer();
  const counts: Counts = { tp: 0, fp: 0, fn: 0 };
  const falsePositives: string[] = [];
  const falseNegatives: string[] = [];
  for (const article of labels.articles.filter((a) => a.part === part)) {
    const text = bodies[article.id].articleBody.split(/\s+/).join(' ').slice(0, labels.charLimit);
    const gold = article.entities.map((l) => new Set([l.text, ...(l.aliases ?? [])].map(norm)));
    const matched = new Set<number>();
    const found: Set<string>[] = [];
    const { mentions } = gazetteer.findEntityMentions(text);
    const byKey = new Map<string, Set<string>>();
    for (const m of mentions) {
      const forms = byKey.get(m.key) ?? new Set([m.entity.name, ...m.entity.aliases].map(norm));
      forms.add(norm(m.text));
      byKey.set(m.key, forms);
    }
    found.push(...byKey.values());
    if (withCandidates) for (const c of proposeCandidates(text, gazetteer)) found.push(new Set([norm(c.name)]));
    for (const forms of found) {
      const hit = gold.findIndex((g, i) => !matched.has(i) && [...forms].some((f) => g.has(f)));
      if (hit >= 0) {
        matched.add(hit);
        counts.tp++;
      } else {
        counts.fp++;
        falsePositives.push(`${article.id.slice(0, 8)}:${[...forms][0]}`);
      }
    }
    counts.fn += gold.length - matched.size;
    article.entities.forEach((l, i) => matched.has(i) || falseNegatives.push(`${article.id.slice(0, 8)}:${l.text}`));
  }
  return { ...summary(counts), falsePositives, falseNegatives };
}

/** The JSON lines `npm run eval` prints for entities. */
export function entityEvalLines(): Record<string, unknown>[] {
  const lines: Record<string, unknown>[] = [];
  for (const part of ['dev', 'dev-b', 'test'] as const) {
    for (const withCandidates of [false, true]) {
      const { falsePositives, falseNegatives, ...scores } = scoreEntities(part, withCandidates);
      const errors = part === 'test' ? {} : { falsePositives, falseNegatives };
      lines.push({ eval: 'entities', part, matcher: withCandidates ? 'registry+candidates' : 'registry', ...scores, ...errors });
    }
  }
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) for (const line of entityEvalLines()) console.log(JSON.stringify(line));
