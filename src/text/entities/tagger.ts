// Proposes people and organisations the registry does not know. Measured on hand-labelled real
// sentences (eval/tagger-compare.ts): wink-nlp's proper-noun runs find far more names than
// compromise's people()/organizations() (recall 0.80 vs 0.29) and run ~6x faster, but the lite
// English model tags no PERSON/ORG; so spans come from wink and the kind from compromise's
// person lexicon and organisation suffixes. Runs that are neither (mostly places) are dropped.
import nlp from 'compromise';
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

export interface TaggedName {
  kind: 'person' | 'organization';
  text: string;
  start: number;
  end: number;
}

const wink = winkNLP(model);
const ORG_WORDS =
  /\b(Inc|Corp|Corporation|Company|Co|Group|Holdings|Ltd|LLC|plc|Partners|Capital|Ventures|Systems|Technologies|Robotics|Labs|Bank|Agency|Commission|Department|Ministry|Office|Authority|Council|Institute|University|Foundation|Association|Observatory|Center|Centre|Court|Party|Records|Studios|Media|News|Times|Post|Journal|Herald|Star|Tribune|Courant|Sun|Suites|Airlines|Motors|Pharmaceuticals|Energy)\b\.?$/;
const STOP = new Set(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday', 'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December', 'Mr', 'Ms', 'Mrs', 'Dr']);

/** People and organisations named in one sentence or paragraph, with character spans. */
export function tagNames(text: string): TaggedName[] {
  const doc = wink.readDoc(text);
  const runs: { start: number; end: number }[] = [];
  let cursor = 0;
  let run: { start: number; end: number } | undefined;
  doc.tokens().each((t: { out: (f: unknown) => string }) => {
    const value = t.out(wink.its.value);
    const at = text.indexOf(value, cursor);
    if (at < 0) return;
    cursor = at + value.length;
    if (t.out(wink.its.pos) === 'PROPN' && !STOP.has(value)) {
      if (run && /^[\s]*$/.test(text.slice(run.end, at)) && at - run.end <= 1) run.end = cursor;
      else runs.push((run = { start: at, end: cursor }));
    } else run = undefined;
  });
  const parsed = nlp(text);
  const people = new Set<string>(parsed.people().out('array').map((p: string) => p.replace(/[’']s$/u, '').replace(/[.,;:]$/, '')));
  const places = new Set<string>(parsed.places().out('array').map((p: string) => p.replace(/[.,;:]$/, '')));
  const out: TaggedName[] = [];
  for (const r of runs) {
    const name = text.slice(r.start, r.end).replace(/[’']s$/u, '');
    const words = name.split(/\s+/);
    // Two or three words led by a known first name ("Marcelo Claure") are a person even where
    // compromise's people() misses them; a surname alone follows an earlier full name.
    const firstName = words.length >= 2 && words.length <= 3 && nlp(words[0]).has('#FirstName') && !places.has(name);
    const surname = words.length === 1 && out.some((o) => o.kind === 'person' && o.text.endsWith(` ${name}`));
    const isPerson = firstName || surname || [...people].some((p) => p === name || p.endsWith(` ${name}`) || name.endsWith(p));
    const kind = isPerson ? 'person' : ORG_WORDS.test(name) || /^[A-Z]{2,6}$/.test(name) ? 'organization' : undefined;
    if (kind) out.push({ kind, text: name, start: r.start, end: r.start + name.length });
  }
  return out;
}
