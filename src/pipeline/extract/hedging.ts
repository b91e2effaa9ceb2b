// Hedges ("reportedly", "people familiar with the matter") and denials ("denied the
// report") in a sentence. Both feed the claim's confidence: a hedged claim is weaker
// evidence, a denial is evidence against. Cue lists, not a model: every decision can be
// shown to an analyst as the words that triggered it.

export type Stance = 'supports' | 'denies';

const HEDGES: [string, RegExp][] = [
  ['reportedly', /\breportedly\b/i],
  ['allegedly', /\ballege(?:dly|d)\b/i],
  ['purportedly', /\b(?:purportedly|supposedly)\b/i],
  // Lower case only: "May" capitalised is usually the month.
  ['may', /\bmay\b/],
  ['might', /\bmight\b/i],
  ['could', /\bcould\b/i],
  ['is said to', /\b(?:is|are|was|were)\s+said\s+to\b/i],
  ['sources say', /\bsources?\s+(?:say|says|said|told|tell|familiar|close)\b/i],
  ['according to sources', /\baccording to (?:\w+\s+){0,2}(?:sources|insiders)\b/i],
  ['people familiar with', /\b(?:people|persons?|sources?|someone)\s+(?:familiar with|with knowledge of|briefed on|close to)\b/i],
  ['anonymous sources', /\b(?:anonymous|unnamed)\s+(?:sources?|officials?|people)\b/i],
  ['rumored', /\brumou?r(?:ed|s)?\b/i],
  ['speculation', /\bspeculat(?:ion|ed|es)\b/i],
  ['is expected to', /\b(?:is|are|was|were)\s+(?:widely\s+)?expected\s+to\b/i],
  ['likely', /\b(?:is|are|was|were)\s+(?:un)?likely\s+to\b/i],
  ['considering', /\b(?:considering|weighing|mulling|exploring)\b/i],
  ['in talks', /\bin\s+(?:early\s+|advanced\s+|preliminary\s+)?(?:talks|discussions|negotiations)\b/i],
  ['unconfirmed', /\bunconfirmed\b/i],
  ['possibly', /\b(?:possibly|potentially)\b/i],
];

// "declined to confirm" and "declined to comment" are absent on purpose: silence is
// not evidence against a claim, so they neither deny nor support it.
const DENIALS: [string, RegExp][] = [
  ['denied', /\bden(?:ied|ies|y|ying)\b/i],
  ['disputed', /\bdisput(?:ed|es|ing)\b/i],
  ['refuted', /\b(?:refut(?:ed|es|ing)|rebutt?(?:ed|s)?)\b/i],
  ['false', /\bfalse\b(?!\s+(?:positives?|negatives?|start|alarms?|flags?|sense))/i],
  ['not true', /\b(?:not|isn't|wasn't)\s+(?:true|accurate|correct)\b/i],
  ['untrue', /\b(?:untrue|inaccurate|baseless|unfounded|fabricated)\b/i],
  ['retracted', /\bretract(?:ed|s|ion|ing)?\b/i],
  ['walked back', /\bwalk(?:ed|s)?\s+back\b/i],
  ['no plans to', /\b(?:no|not\s+any)\s+plans?\s+to\b|\bnot\s+(?:planning|considering)\b/i],
  ['rejected the report', /\b(?:rejected|dismissed|pushed back on)\s+(?:the|these|those|such)\s+(?:reports?|claims?|allegations?|accounts?|suggestions?)\b/i],
];

// "did not deny", "never denied", "neither confirmed nor denied": not a denial.
const NEGATED_DENIAL = /\b(?:not|never|n't|nor|neither|without|refused to|declined to)\s+(?:\w+\s+)?den(?:ied|ies|y|ying)\b/i;

/** The hedge cues present in a sentence, by label (empty when it is stated flatly). */
export function hedgeCues(sentence: string): string[] {
  return HEDGES.filter(([, pattern]) => pattern.test(sentence)).map(([label]) => label);
}

/** Whether the sentence states its claim with reservation ("reportedly", "may", "in talks"). */
export function isHedged(sentence: string): boolean {
  return hedgeCues(sentence).length > 0;
}

/** The denial cues present in a sentence, by label. */
export function denialCues(sentence: string): string[] {
  return DENIALS.filter(([label, pattern]) => pattern.test(sentence) && !(label === 'denied' && NEGATED_DENIAL.test(sentence))).map(
    ([label]) => label,
  );
}

/** Whether the sentence denies or contradicts what it reports, or supports it. */
export function stanceOf(sentence: string): Stance {
  return denialCues(sentence).length > 0 ? 'denies' : 'supports';
}
