// Claims on the hand-labelled set (eval/claims-set.ts): attribution, hedging and check-worthy
// claims per sentence of 60 real articles, claim matching on 233 pairs across articles, and
// origins on 11 events (eval/claims-events.ts). Every figure comes from the code the extract
// and verify stages run (understandText, findAttribution, hedgeOf, relateClaims, assessEvent),
// on the test part, with dev for reference. Errors are listed for dev only: tuning looks at dev.
import { splitSentences } from '../src/text/sentences';
import { findAttribution } from '../src/pipeline/extract/attribution';
import { hedgeOf } from '../src/pipeline/extract/hedging';
import type { ClaimCandidate } from '../src/pipeline/extract/claims';
import { relateClaims } from '../src/pipeline/verify/claim-matching';
import { understandText } from '../src/pipeline/extract/understand-text';
import { claimTopics } from '../src/pipeline/verify/verify-event';
import { articleWindow, claimsSet, pairDocument, prf, sameName, share, type Counts, type LabelledSentence, type Part } from './claims-set';
import { eventLines } from './claims-events';

const norm = (s: string) => s.split(/\s+/).join(' ').trim();
const zero = (): Counts => ({ tp: 0, fp: 0, fn: 0 });

/** Scores the labelled articles of one part; `english` keeps only English articles. */
export function scoreArticles(part: Part, { english = false } = {}) {
  const attribution = zero();
  const attributionFound = zero(); // any origin, right or wrong: is the sentence attributed at all?
  const hedge = zero();
  const claim = zero();
  const claimInVocabulary = zero();
  const structure = { subjects: 0, subjectsRight: 0, predicates: 0, predicatesRight: 0 };
  const errors: string[] = [];
  let unmatchedLabels = 0;
  let sentences = 0;
  for (const article of claimsSet.articles.filter((a) => a.part === part && (!english || a.language === 'en'))) {
    const text = articleWindow(article.id);
    const units = splitSentences(text);
    const labels = new Map<string, LabelledSentence>(article.sentences.map((s) => [norm(s.text), s]));
    unmatchedLabels += [...labels.keys()].filter((k) => !units.some((u) => norm(u) === k)).length;
    const { claims, attributionContext } = understandText({ title: '', text });
    const tag = `${article.id.slice(0, 8)}`;
    for (const unit of units) {
      sentences++;
      const gold = labels.get(norm(unit));
      const found = findAttribution(unit, attributionContext);
      const wanted = gold?.attribution && [gold.attribution.origin, ...(gold.attribution.aliases ?? [])];
      if (found && wanted && sameName(found.origin, wanted)) attribution.tp++;
      else {
        if (found) attribution.fp++;
        if (wanted) attribution.fn++;
        if (found || wanted) errors.push(`${tag} attribution: found ${found?.origin ?? '-'} (${found?.cue ?? ''}), labelled ${wanted?.[0] ?? '-'}: ${unit.slice(0, 120)}`);
      }
      if (found && wanted) attributionFound.tp++;
      else if (found) attributionFound.fp++;
      else if (wanted) attributionFound.fn++;

      const hedged = hedgeOf(unit);
      if (hedged && gold?.hedge) hedge.tp++;
      else if (hedged || gold?.hedge) {
        if (hedged) hedge.fp++;
        else hedge.fn++;
        errors.push(`${tag} hedge: found ${hedged?.cues.join('|') ?? '-'}, labelled ${gold?.hedge?.cues.join('|') ?? '-'}: ${unit.slice(0, 120)}`);
      }

      const extracted: ClaimCandidate | undefined = claims.find((c) => norm(c.sentence) === norm(unit));
      const labelled = gold?.claim;
      if (extracted && labelled) {
        claim.tp++;
        if (labelled.predicate) claimInVocabulary.tp++;
        if (labelled.subject && extracted.subject) {
          structure.subjects++;
          if (sameName(extracted.subject.name, [labelled.subject])) structure.subjectsRight++;
          else errors.push(`${tag} subject: found ${extracted.subject.name}, labelled ${labelled.subject}: ${unit.slice(0, 100)}`);
        } else if (labelled.subject) structure.subjects++;
        if (labelled.predicate) {
          structure.predicates++;
          if (extracted.predicate === labelled.predicate) structure.predicatesRight++;
          else errors.push(`${tag} predicate: found ${extracted.predicate}, labelled ${labelled.predicate}: ${unit.slice(0, 100)}`);
        }
      } else if (extracted || labelled) {
        if (extracted) {
          claim.fp++;
          claimInVocabulary.fp++;
        } else {
          claim.fn++;
          if (labelled?.predicate) claimInVocabulary.fn++;
        }
        errors.push(`${tag} claim: ${extracted ? `extracted (${extracted.subject?.name}/${extracted.predicate})` : `missed (${labelled?.subject}/${labelled?.predicate})`}: ${unit.slice(0, 120)}`);
      }
    }
  }
  return {
    sentences,
    unmatchedLabels,
    attribution: prf(attribution),
    attributionDetected: prf(attributionFound),
    hedge: prf(hedge),
    claim: prf(claim),
    claimInVocabulary: prf(claimInVocabulary),
    subjectAccuracy: share(structure.subjectsRight, structure.subjects),
    predicateAccuracy: share(structure.predicatesRight, structure.predicates),
    structureScored: { subjects: structure.subjects, predicates: structure.predicates },
    errors,
  };
}

/**
 * Claim matching on the labelled pairs. `sentences`: relateClaims on the two sentences alone (the
 * matcher in isolation). `pipeline`: each side as the extractor returns it from its own article,
 * so a sentence the extractor does not return as a claim can never be matched (what verification sees).
 */
export function scorePairs(part: Part, mode: 'sentences' | 'pipeline') {
  const same = zero();
  const contradiction = zero();
  const errors: string[] = [];
  const claimsOf = new Map<string, ClaimCandidate[]>();
  const candidate = (side: { doc: string; text: string }) => {
    if (!claimsOf.has(side.doc)) claimsOf.set(side.doc, understandText({ title: '', text: pairDocument(side.doc) }).claims);
    return claimsOf.get(side.doc)!.find((c) => norm(c.sentence) === norm(side.text));
  };
  let sidesExtracted = 0;
  const pairs = claimsSet.pairs.filter((p) => p.part === part);
  for (const pair of pairs) {
    let relation: string;
    if (mode === 'sentences') relation = relateClaims(pair.a.text, pair.b.text);
    else {
      const [a, b] = [candidate(pair.a), candidate(pair.b)];
      sidesExtracted += Number(a !== undefined) + Number(b !== undefined);
      // Verification compares only claims about a common entity (claimTopics): so does this score.
      const shareTopic = a && b && claimTopics(a).some((t) => claimTopics(b).includes(t));
      relation = a && b && shareTopic ? relateClaims(a, b) : 'unrelated';
    }
    const said = relation === 'same';
    const isSame = pair.relation === 'same';
    if (said && isSame) same.tp++;
    else if (said) same.fp++;
    else if (isSame) same.fn++;
    const saidContra = relation === 'contradicts';
    const isContra = pair.relation === 'contradiction';
    if (saidContra && isContra) contradiction.tp++;
    else if (saidContra) contradiction.fp++;
    else if (isContra) contradiction.fn++;
    if ((said !== isSame || saidContra !== isContra) && part === 'dev') errors.push(`${pair.story} labelled ${pair.relation}, found ${relation}: "${pair.a.text.slice(0, 80)}" / "${pair.b.text.slice(0, 80)}"`);
  }
  return { pairs: pairs.length, matching: prf(same), contradiction: prf(contradiction), ...(mode === 'pipeline' ? { sidesExtracted: share(sidesExtracted, 2 * pairs.length) } : {}), errors };
}

/** The JSON lines `npm run eval` prints for claims. */
export async function claimEvalLines(): Promise<Record<string, unknown>[]> {
  const lines: Record<string, unknown>[] = [];
  for (const part of ['dev', 'dev-b', 'test'] as const) {
    for (const english of [false, true]) {
      const { errors, ...scores } = scoreArticles(part, { english });
      lines.push({ eval: 'claims', task: 'sentences', part, articles: english ? 'english' : 'all', ...scores, ...(part !== 'test' && !english ? { errors } : {}) });
    }
    if (part === 'dev-b') continue;
    for (const mode of ['sentences', 'pipeline'] as const) {
      const { errors, ...scores } = scorePairs(part, mode);
      lines.push({ eval: 'claims', task: 'pairs', part, mode, ...scores, ...(part === 'dev' ? { errors } : {}) });
    }
  }
  lines.push(...(await eventLines()));
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) for (const line of await claimEvalLines()) console.log(JSON.stringify(line));
