// Hedges ("reportedly", "people familiar with the matter") and denials ("denied the
// report") in a sentence. Both feed the claim's confidence: a hedged claim is weaker
// evidence, a denial is evidence against. Cue lists, not a model: every decision can be
// shown to an analyst as the words that triggered it.

import type { Stance } from '../../vocabulary';

/** How much a hedge weakens what it qualifies: a strong one says the writer does not vouch for it. */
export type HedgeStrength = 'strong' | 'weak';

interface HedgeCue {
  label: string;
  pattern: RegExp;
  strength: HedgeStrength;
}

const cue = (label: string, pattern: RegExp, strength: HedgeStrength = 'strong'): HedgeCue => ({ label, pattern, strength });

// Modal verbs hedge only as speculation: "could face fines", "may have been raised". Ability and
// negation are not hedges: "users could now access", "few could have anticipated", "could not perform";
// "could now be pushed into next year" still is.
const MODAL_NOT_HEDGE = String.raw`(?!n't|\s+(?:(?:now|already|only|easily)\s+(?!be\b|have\b)|not\b|never\b|no longer\b))`;
const NOBODY_COULD = /\b(?:few|no one|nobody|none|anyone|everyone|who)\s+(?:could|might)\b/i;
// Modals that are not doubt about a fact: the reader's or the writer's options ("you could think of
// it as a wagon", "some might find it strange"), conditionals ("if we could have won", "otherwise we
// could be out"), questions ("what could be triggering") and "may seem", "could just as easily".
const MODAL_ASIDE = /\b(?:[Yy]ou|[Ww]e|I|[Ss]ome|[Oo]ne|[Oo]therwise)\s+(?:could|might|may)\b|\bif\s+(?:\w+\s+){0,3}could\b|\bwhat\s+(?:could|might)\b|\bmay\s+seem\b|\bcould\s+just\s+as\b|\b(?:may|might)\s+(?:earn|receive|get)\s+(?:a\s+)?(?:small\s+)?(?:commission|share\s+of\s+sales)\b/;
// Guesses about the reader ("you probably think of the mountains") and comparisons ("the least likely
// of your controllers to look grimy") do not doubt a reported fact: they are taken out before matching.
// A modal in an embedded question or a clause of time or purpose ("how an astronaut team could be best
// put into hibernation", "until next of kin could be told", "so that they could be reached") asks or
// sets a time; only that clause is taken out, so a hedge elsewhere in the sentence still counts.
const NOT_DOUBT = /\byou(?:'ll|'d|'re)?\s+(?:will\s+|would\s+|are\s+)?(?:probably|likely|possibly|most likely)\b|\b(?:the\s+)?least\s+likely\b|\b(?:how|where|when|why|until|unless|once|so\s+that|in\s+order\s+that)\s+(?:[\w'-]+\s+){0,4}?(?:could|might|may)\b/gi;

const HEDGES: HedgeCue[] = [
  cue('reportedly', /\breportedly\b/i),
  cue('allegedly', /\balleg(?:e|es|ed|edly|ing)\b/i),
  cue('purportedly', /\b(?:purportedly|supposedly|ostensibly)\b/i),
  cue('apparently', /\b(?:apparently|seemingly|presumably)\b/i),
  // Lower case only: "May" capitalised is usually the month.
  cue('may', new RegExp(String.raw`\bmay${MODAL_NOT_HEDGE}\b`), 'weak'),
  // "might not be able to perform" still doubts ("might not always" only says sometimes); "may not" is as often permission.
  cue('might', new RegExp(String.raw`\bmight(?:\s+not\b(?!\s+always\b)|${MODAL_NOT_HEDGE}\b)`, 'i'), 'weak'),
  // "could" with a bare verb is mostly ability or an open possibility ("dust could disable a key",
  // "missions could begin in 2022"); doubt about a fact is "could have", "could be".
  cue('could', new RegExp(String.raw`\bcould${MODAL_NOT_HEDGE}(?:\s+(?:well|also|even|still|now|soon|eventually))?\s+(?:have|be)\b`, 'i'), 'weak'),
  cue('is said to', /\b(?:is|are|was|were)\s+said\s+to\b/i),
  // "sources in the Rukban camp told Polygraph.info": a place between the sources and their verb.
  cue('sources say', /\bsources?\s+(?:(?:in|at|inside|within)\s+(?:the\s+)?(?:\S+\s+){0,3}?)?(?:say|says|said|told|tell|familiar|close)\b/i),
  // "according to media reports", but not "according to reports by The Wall Street Journal" (attributed).
  cue('according to sources', /\baccording to (?:\w+\s+){0,2}(?:sources|insiders|reports(?!\s+(?:by|from|in|of)\b))\b/i),
  cue('people familiar with', /\b(?:people|persons?|sources?|someone)\s+(?:familiar with|with knowledge of|briefed on|close to)\b/i),
  cue('anonymous sources', /\b(?:anonymous|unnamed)\s+(?:sources?|officials?|people)\b/i),
  cue('not verified', /\b(?:not possible to|impossible to|unable to)\s+(?:independently\s+)?(?:verify|confirm)\b|\b(?:could not|cannot|can't|couldn't|has not|have not|hasn't|haven't|was not|were not|wasn't)\s+(?:be\s+|been\s+)?(?:independently\s+)?(?:verif(?:y|ied)|confirm(?:ed)?)\b/i),
  // Case-sensitive on purpose: with the i flag \p{Lu} matches every letter and the name run backtracks.
  cue('if accurate', /\b[Ii]f\s+(?:the\s+)?\p{Lu}[\p{L}.]*(?:\s+\p{Lu}[\p{L}.]*){0,4}(?:'s|’s|'|’)?\s+(?:reporting|report|account)\s+(?:is|proves)\s+(?:accurate|true|correct)\b/u),
  cue('rumored', /\brumou?r(?:ed|s)?\b/i),
  cue('speculation', /\bspeculat(?:ion|ed|es)\b/i),
  cue('is expected to', /\b(?:is|are|was|were)\s+(?:widely\s+)?expected\s+to\b/i, 'weak'),
  // "is likely to", "likely won't", "a trip likely designed to…": any use but "more/most likely" (see probably).
  cue('likely', /(?<!\b(?:more|most)\s)\b(?:un)?likely\b/i, 'weak'),
  cue('it is possible', /\b(?:it|it's|it’s|it\s+is|it\s+was|it\s+remains)\s+(?:(?:quite|entirely|also|very)\s+)?possible\b|\bnot\s+(?:certain|sure)\s+(?:whether|when|if|that|how|why|what)\b/i, 'weak'),
  // Epistemic adverbs and verbs of the languages the corpus holds besides English (pt, es, de, it, fr, ru).
  cue('foreign hedge', /(?<![\p{L}])(?:provavelmente|possivelmente|talvez|supostamente|aparentemente|alegadamente|probablemente|posiblemente|quizás|supuestamente|al parecer|angeblich|vermutlich|wahrscheinlich|möglicherweise|offenbar|anscheinend|probabilmente|forse|presumibilmente|apparentemente|sembra|pare che|probablement|peut-être|apparemment|prétendument|возможно|вероятно|скорее всего|кажется|якобы|по-видимому|видимо|по слухам)(?![\p{L}])/iu, 'weak'),
  cue('in talks', /\bin\s+(?:early\s+|advanced\s+|preliminary\s+)?(?:talks|discussions|negotiations)\b/i, 'weak'),
  cue('unconfirmed', /\bunconfirmed\b/i),
  // "we would not completely rule out a larger display", "police have not ruled out foul play".
  cue('not ruled out', /\b(?:not|n't|never)\s+(?:(?:yet|completely|entirely|fully)\s+)?rul(?:e|ed|ing)\s+out\b/i, 'weak'),
  cue('possibly', /\b(?:possibly|potentially|perhaps)\b/i, 'weak'),
  cue('probably', /\b(?:probably|almost certainly|most likely|more likely)\b|\b(?:will|would|could)\s+likely\b/i, 'weak'),
  // "appears weaker", "seems unlikely"; not "appeared in court", "appears on the list".
  cue('seems', /\b(?:seems?|seemed|appears?|appeared)\s+(?:to|that|(?:more|less|increasingly|ever|all but)\s+\p{L}+|(?!(?:together|later|earlier|after|over|under|never|ever)\b)\p{L}+er|\p{Ll}+(?:able|ible|ent|ant|ive|ous|ful|less|ly))\b|\bit\s+(?:seems|appears|would seem)\b|\blooks like (?:it|they|he|she|this|that)(?:'s|’s|\s+(?:is|are|was|will|has))/iu, 'weak'),
  // "I think that's working" gives an opinion, it does not doubt a fact ("we believe the Sentra will…" does);
  // nor does an infinitive ("it's totally fair to think that she's gone crazy"): no one is said to believe.
  cue('believed', /(?<!\b(?:I|to)\s)\b(?:believes?|believed|thinks?|suspects?|suspected)\s+that\b|\b(?:we|they|scientists|researchers|officials|investigators|experts|analysts|police)\s+(?:believe|think|suspect)\b|\bI\s+(?:believe|suspect)\b|\b(?:is|are|was|were)\s+(?:believed|thought)\s+to\b/, 'weak'),
  // Not "tried to suggest that": an insinuation reported, not evidence weighed.
  cue('suggests', /(?<!\bto\s)\b(?:suggests?|suggested|suggesting|indicates?|indicated|indicating)\s+that\b|\b(?:we|they|researchers)\s+suggest\b/i, 'weak'),
  cue('expects', /\b(?:isn't|aren't|wasn't|weren't|is not|are not|not)\s+expected\b|\bexpects?\s+(?:[\p{L}-]+\s+){1,3}to\b/iu, 'weak'),
  // "estimates that", "has estimated that", "is estimated at 40,000", "an estimated 25 million".
  cue('estimates', /\bestimate[sd]?\s+(?:that|it)\b|\b(?:is|are|was|were|been)\s+estimated\b|\ban\s+estimated\b/i, 'weak'),
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

const MODALS = ['could', 'might', 'may'];
// "as much as you possibly can": emphasis, not doubt.
const EMPHATIC_POSSIBLY = /\bpossibly\s+(?:can|could)\b/i;

// Typographic apostrophes are read as straight ones ("isn’t expected").
const straightApostrophes = (sentence: string) => sentence.replace(/[’‘]/g, "'");

function matchingHedges(raw: string): HedgeCue[] {
  const sentence = straightApostrophes(raw).replace(NOT_DOUBT, ' ');
  const nobody = NOBODY_COULD.test(sentence);
  // A modal in a question or an aside asks or imagines; it does not doubt a stated fact.
  const aside = MODAL_ASIDE.test(sentence) || /\?["'”’)]*\s*$/.test(sentence);
  const withoutEmphasis = sentence.replace(EMPHATIC_POSSIBLY, ' ');
  return HEDGES.filter(
    (h) =>
      h.pattern.test(h.label === 'possibly' ? withoutEmphasis : sentence) &&
      !(nobody && (h.label === 'could' || h.label === 'might')) &&
      !(aside && MODALS.includes(h.label)),
  );
}

/** The hedge cues present in a sentence, by label (empty when it is stated flatly). */
export function hedgeCues(sentence: string): string[] {
  return matchingHedges(sentence).map((h) => h.label);
}

/** The sentence's hedging: its cues and the strongest strength among them (undefined when flat). */
export function hedgeOf(sentence: string): { cues: string[]; strength: HedgeStrength } | undefined {
  const found = matchingHedges(sentence);
  if (found.length === 0) return undefined;
  return { cues: found.map((h) => h.label), strength: found.some((h) => h.strength === 'strong') ? 'strong' : 'weak' };
}

/** Whether the sentence states its claim with reservation ("reportedly", "may", "in talks"). */
export function isHedged(sentence: string): boolean {
  return hedgeCues(sentence).length > 0;
}

/** The denial cues present in a sentence, by label. */
export function denialCues(raw: string): string[] {
  const sentence = straightApostrophes(raw);
  return DENIALS.filter(([label, pattern]) => pattern.test(sentence) && !(label === 'denied' && NEGATED_DENIAL.test(sentence))).map(
    ([label]) => label,
  );
}

/** Whether the sentence denies or contradicts what it reports, or supports it. */
export function stanceOf(sentence: string): Stance {
  return denialCues(sentence).length > 0 ? 'denies' : 'supports';
}
