// Scoring an incoming article against candidate events (one real-world story each).
//
// score = cosine(article, event profile) over TF-IDF weighted headline-and-lead terms, a
//         term's weight growing faster than its count (profilePower), so the words most
//         members share dominate the profile and the one-off words of single members do not
//       + a bonus per shared specific entity, or a penalty when both name specific entities
//         and share none (two companies doing the same thing are two stories)
//       - a penalty when only the article's own source has reported the event
//       - a penalty per day between the article and the event's nearest article.
// A member of a candidate event that scores better in the event an article joins moves there
// (member-moves.ts): the same score, its own event's profile taken without it.
// The event profile is the sum of its members' term counts, so terms most members share
// weigh most and one loose member cannot drag the event towards another story. Document
// frequencies come from the database (cluster_terms) and grow as articles arrive; until the
// archive is large, a prior of PRIOR_DOCS documents keeps every term from looking rare.
// Rarity is IDF alone: a length prior (long words are names) starved the short names stories
// are told by ("Mt. Gox", "ECB", "EU") and split them, measured on the UCI tuning half.
import { loadGazetteer } from '../../text/gazetteer';
import { contentTerms, wordTokens } from '../../text/tokens';

/** Knobs of the assignment, tuned with `npm run eval` on the tuning part of each labelled set. */
export interface ClusterTuning {
  matchThreshold: number;
  entityBonus: number;
  entityBonusMax: number;
  conflictPenalty: number;
  /** Subtracted when every member of the event comes from the article's own source. */
  sameSourcePenalty: number;
  dayPenalty: number;
  /** Profile similarity at or above which two events an article bridges are merged. */
  mergeThreshold: number;
  /** How many events the title index offers as candidates, best full-text rank first. */
  candidates: number;
  /** How many words of the body count as its lead. */
  leadWords: number;
  /** A term's weight is count^profilePower × IDF, in the article and in the event profile. */
  profilePower: number;
  /** Whole-text shingle Jaccard at or above which two articles are copies. */
  copyJaccard: number;
  /** Share of a shorter text's shingles found in a longer one at or above which it is an excerpt of it (copies.ts). */
  containment: number;
  /** Members that joined with a score below this (or started their event) may move to the event an article joins (0: none). */
  moveBelow: number;
  /** How much better a member must score in the other event than in its own, itself left out, to move. */
  moveMargin: number;
  /** Of the events retrieved for an article (best text match first), how many may give members to the one it joins. */
  moveFrom: number;
}

/**
 * Chosen on the tuning halves (npm run eval -- --tune). Before, with square-root counts and a
 * length prior on IDF: UCI F1 0.64 (match 0.15, merge 0.3), WikiRef220 single stories 0.65.
 * Without the length prior and with linear counts, match 0.15 / 0.12 / 0.1 / 0.08 gave UCI
 * F1 0.69 / 0.74 / 0.77 / 0.78; merging bridged events at 0.2 instead of 0.3 lifted recall
 * (UCI 0.80, WikiRef 0.92 at match 0.08) while 0.15 and 0.1 lumped WikiRef topics (precision
 * 0.4-0.5). Power 1.25 over 1 held UCI precision at a lower threshold; match 0.09 sits between
 * settings that lump WikiRef (0.07) and settings that lose recall (0.1). Lead 300 words lumped
 * WikiRef, 80 lost recall. SEC's tuning half stayed apart at every setting, but with a margin of
 * 0.06 only (the best score of a release against another story's event was 0.03 against the
 * threshold 0.09, the shared SEC and chair names adding their bonus) and the test half then
 * lumped (precision 0.67): shared entities no longer count within one outlet, and the
 * own-source penalty is 0.3 (best such score -0.12 on the SEC tuning half; 0.2 / 0.3 / 0.4
 * leave UCI and WikiRef tuning figures unchanged: an outlet's own second item on a story is
 * rarely its closest match anyway). Once every profile term was weighed by its own rarity
 * (UCI tuning half, orders 1-3: F1 0.815 to 0.848), match 0.1 / 0.11 lost recall (0.837 /
 * 0.838), merge 0.18 gained a little (0.86) but 0.16 lumped (precision 0.93 to 0.84), power
 * 1.5 lost recall (0.823): the settings stay. 50 candidates instead of 25 change nothing on
 * the tuning half, whose window never holds more than 34 events.
 */
export const CLUSTER_TUNING: ClusterTuning = {
  matchThreshold: 0.09,
  entityBonus: 0.05,
  entityBonusMax: 0.1,
  conflictPenalty: 0.15,
  sameSourcePenalty: 0.3,
  dayPenalty: 0.05,
  mergeThreshold: 0.2,
  candidates: 50,
  leadWords: 150,
  profilePower: 1.25,
  copyJaccard: 0.4,
  // Dev-part excerpts contain 0.63 and more of their shingles; distinct WikiRef220 articles at most 0.25 (copies.ts).
  containment: 0.5,
  // Every member may move (1). UCI tuning half, three orders: F1 0.848 (P 0.932, R 0.779)
  // without moves; only members that joined below 0.2: 0.84; every member: 0.89, and 0.90
  // (P 0.943, R 0.862) with bridged events merged after the moves rather than before (a stray
  // member made two events look alike). A margin of 0.03 kept members in events they had
  // outgrown (0.87); members moved only once: 0.855. WikiRef and SEC tuning halves unchanged.
  // Scoring each headline against the closest few member titles (max with the profile
  // similarity, weights 0.5 / 0.7 / 1) lost precision (F1 0.84 / 0.842 / 0.811), and so did a
  // larger entity bonus (0.1 per entity, at most 0.2: 0.839).
  moveBelow: 1,
  moveMargin: 0,
  // The ten best-matching retrieved events give the same tuning-half figures as all 50 (five:
  // UCI F1 0.888) at two thirds of the time.
  moveFrom: 10,
};

/** Articles further than this from an event's span start a new event. */
export const EVENT_WINDOW_HOURS = 72;
const TITLE_WEIGHT = 2;
const PRIOR_DOCS = 50;
const WEAK_KINDS = new Set(['country', 'other']);

export type TermCounts = Map<string, number>;

// The first `count` word tokens of a body, without tokenising all of a long one: a prefix that
// yields more tokens than wanted holds them all (only its last token may be cut short).
function leadTokens(body: string, count: number): string[] {
  const prefix = wordTokens(body.slice(0, count * 24));
  return (prefix.length > count ? prefix : wordTokens(body)).slice(0, count);
}

/** Headline terms (twice) and lead terms (once) of an article; the lead stands in for a missing headline. */
export function articleTerms(title: string, body: string, leadWords = CLUSTER_TUNING.leadWords): TermCounts {
  const counts: TermCounts = new Map();
  const lead = leadTokens(body, leadWords).join(' ');
  const add = (text: string, weight: number) => {
    for (const term of new Set(contentTerms(text))) counts.set(term, (counts.get(term) ?? 0) + weight);
  };
  add(title.trim() ? title : lead, TITLE_WEIGHT);
  if (title.trim()) add(lead, 1);
  return counts;
}

export interface TermStats {
  docs: number;
  df: Map<string, number>;
}

/** Inverse document frequency, smoothed. */
export function termIdf(term: string, stats: TermStats): number {
  const df = stats.df.get(term) ?? 0;
  return Math.log(1 + (stats.docs + PRIOR_DOCS) / (df + 1));
}

/** A term vector weighted once (count^power × IDF), with its norm. */
interface WeightedVector {
  weights: Map<string, number>;
  norm: number;
}

function weighted(counts: TermCounts | Record<string, number>, stats: TermStats, power: number): WeightedVector {
  const weights = new Map<string, number>();
  let squares = 0;
  if (counts instanceof Map) {
    for (const [term, count] of counts) {
      const w = count ** power * termIdf(term, stats);
      weights.set(term, w);
      squares += w * w;
    }
  } else {
    for (const term in counts) {
      const w = counts[term] ** power * termIdf(term, stats);
      weights.set(term, w);
      squares += w * w;
    }
  }
  return { weights, norm: Math.sqrt(squares) };
}

/**
 * Cosine of a weighted vector with an event profile, weighting the profile on the way (one
 * pass, no intermediate map: this runs for every candidate of every article).
 */
function cosineWithProfile(a: WeightedVector, profile: Record<string, number>, stats: TermStats, power: number): number {
  if (a.norm === 0) return 0;
  let dot = 0;
  let squares = 0;
  for (const term in profile) {
    const w = profile[term] ** power * termIdf(term, stats);
    squares += w * w;
    const mine = a.weights.get(term);
    if (mine !== undefined) dot += mine * w;
  }
  return squares === 0 ? 0 : dot / (a.norm * Math.sqrt(squares));
}

/**
 * An event profile weighted once, in its own term order, for comparing many members with it
 * under one `stats` (member moves): cosineWithWeighed then gives what cosineWithProfile gives,
 * to the last bit, without weighing the profile again for each member.
 */
export interface WeighedProfile {
  terms: string[];
  counts: number[];
  weights: number[];
  squares: number;
}

export function weighProfile(profile: Record<string, number>, stats: TermStats, power: number): WeighedProfile {
  const out: WeighedProfile = { terms: [], counts: [], weights: [], squares: 0 };
  for (const term in profile) {
    const w = profile[term] ** power * termIdf(term, stats);
    out.terms.push(term);
    out.counts.push(profile[term]);
    out.weights.push(w);
    out.squares += w * w;
  }
  return out;
}

/**
 * cosineWithProfile of the profile, or of the profile with `without`'s counts taken out (a
 * member left out of its own event; terms down to zero drop), summed in the same order: null
 * when nothing is left of it then.
 */
function cosineWithWeighed(a: WeightedVector, profile: WeighedProfile, stats: TermStats, power: number, without?: TermCounts): number | null {
  if (!without) {
    if (a.norm === 0) return 0;
    let dot = 0;
    for (let i = 0; i < profile.terms.length; i++) {
      const mine = a.weights.get(profile.terms[i]);
      if (mine !== undefined) dot += mine * profile.weights[i];
    }
    return profile.squares === 0 ? 0 : dot / (a.norm * Math.sqrt(profile.squares));
  }
  let dot = 0;
  let squares = 0;
  let left = 0;
  for (let i = 0; i < profile.terms.length; i++) {
    const term = profile.terms[i];
    const taken = without.get(term);
    let w = profile.weights[i];
    if (taken !== undefined) {
      const count = profile.counts[i] - taken;
      if (!(count > 0)) continue;
      w = count ** power * termIdf(term, stats);
    }
    left++;
    squares += w * w;
    const mine = a.weights.get(term);
    if (mine !== undefined) dot += mine * w;
  }
  if (left === 0) return null;
  if (a.norm === 0) return 0;
  return squares === 0 ? 0 : dot / (a.norm * Math.sqrt(squares));
}

// The terms contributing most to the match (what the stored reason shows).
function topSharedTerms(a: WeightedVector, profile: Record<string, number>, stats: TermStats, power: number): string[] {
  const parts: [string, number][] = [];
  for (const [term, mine] of a.weights) {
    const count = profile[term];
    if (count) parts.push([term, mine * count ** power * termIdf(term, stats)]);
  }
  parts.sort(byContribution);
  return parts.slice(0, 5).map(firstOf);
}
const byContribution = (x: [string, number], y: [string, number]) => y[1] - x[1];
const firstOf = (x: [string, number]) => x[0];

function specificEntities(keys: Iterable<string>): Set<string> {
  const gazetteer = loadGazetteer();
  const out = new Set<string>();
  for (const key of keys) if (!WEAK_KINDS.has(gazetteer.get(key)?.kind ?? 'company')) out.add(key);
  return out;
}

export interface ScoringArticle {
  sourceId: string;
  terms: TermCounts;
  entityKeys: string[];
  at: Date;
}

export interface ScoringEvent {
  id: number;
  terms: Record<string, number>;
  entityKeys: string[];
  sourceIds: string[];
  firstSeenAt: Date;
  lastSeenAt: Date;
}

/** Why an article is in its event: the score and the signals behind it (stored, shown by the API). */
export interface MatchSignals {
  score: number;
  similarity: number;
  sharedTerms: string[];
  sharedEntities: string[];
  conflictingEntities?: string[];
  hours: number;
  ownSourceOnly?: boolean;
}

/** Hours from the article to the event's span (0 inside it). */
function hoursToSpan(at: Date, event: ScoringEvent): number {
  const t = at.getTime();
  const gap = t < event.firstSeenAt.getTime() ? event.firstSeenAt.getTime() - t : Math.max(0, t - event.lastSeenAt.getTime());
  return gap / 3_600_000;
}

/** What scoring needs of the article, computed once for all its candidates. */
export interface PreparedArticle {
  article: ScoringArticle;
  vector: WeightedVector;
  entities: Set<string>;
}

export function prepare(article: ScoringArticle, stats: TermStats, tuning: ClusterTuning): PreparedArticle {
  return { article, vector: weighted(article.terms, stats, tuning.profilePower), entities: specificEntities(article.entityKeys) };
}

/** The score of one candidate with its signals, or null outside the time window. */
export function scoreEvent(article: ScoringArticle, event: ScoringEvent, stats: TermStats, tuning: ClusterTuning): MatchSignals | null {
  return scorePrepared(prepare(article, stats, tuning), event, stats, tuning, true);
}

/**
 * scoreEvent of a prepared article with an event whose profile `weighed` is (weighProfile of
 * event.terms), less `without`'s counts when given: null also when no term is left then.
 * Without the shared terms (most members compared never move): `explainMatch` adds them.
 */
export function scoreWeighed(
  prepared: PreparedArticle,
  event: ScoringEvent,
  weighed: WeighedProfile,
  stats: TermStats,
  tuning: ClusterTuning,
  without?: TermCounts,
): MatchSignals | null {
  if (hoursToSpan(prepared.article.at, event) > EVENT_WINDOW_HOURS) return null;
  const similarity = cosineWithWeighed(prepared.vector, weighed, stats, tuning.profilePower, without);
  return similarity === null ? null : scorePrepared(prepared, event, stats, tuning, false, similarity);
}

/** `signals` of a prepared article with an event, with the terms they share most (the reason stored). */
export function explainMatch(prepared: PreparedArticle, event: ScoringEvent, signals: MatchSignals, stats: TermStats, tuning: ClusterTuning): MatchSignals {
  return { ...signals, sharedTerms: topSharedTerms(prepared.vector, event.terms, stats, tuning.profilePower) };
}

// The score alone when `explain` is false (most candidates lose; their reasons are never shown).
function scorePrepared(prepared: PreparedArticle, event: ScoringEvent, stats: TermStats, tuning: ClusterTuning, explain: boolean, known?: number): MatchSignals | null {
  const { article, vector, entities: mine } = prepared;
  const hours = hoursToSpan(article.at, event);
  if (hours > EVENT_WINDOW_HOURS) return null;
  const similarity = known ?? cosineWithProfile(vector, event.terms, stats, tuning.profilePower);
  const theirs = specificEntities(event.entityKeys);
  const shared = [...mine].filter((key) => theirs.has(key));
  const conflict = shared.length === 0 && mine.size > 0 && theirs.size > 0;
  // One outlet does not announce one story twice (its corrections are edits of the same item):
  // an event only the article's own source has reported needs more than shared template words.
  const ownSourceOnly = event.sourceIds.length > 0 && event.sourceIds.every((id) => id === article.sourceId);
  // Nor are the names an outlet always uses (a regulator naming itself and its chair in every
  // release) evidence of one story: shared entities count only across outlets.
  const entityEffect = conflict ? -tuning.conflictPenalty : ownSourceOnly ? 0 : Math.min(tuning.entityBonusMax, shared.length * tuning.entityBonus);
  const score = similarity + entityEffect - (ownSourceOnly ? tuning.sameSourcePenalty : 0) - (tuning.dayPenalty * hours) / 24;
  const sharedTerms = explain ? topSharedTerms(vector, event.terms, stats, tuning.profilePower) : [];
  const signals: MatchSignals = { score: round(score), similarity: round(similarity), sharedTerms, sharedEntities: shared, hours: Math.round(hours) };
  if (conflict) signals.conflictingEntities = [...mine];
  if (ownSourceOnly) signals.ownSourceOnly = true;
  return signals;
}

/** Candidates at or above the threshold, best first, with their signals. */
export function rankEvents<E extends ScoringEvent>(
  article: ScoringArticle,
  candidates: E[],
  stats: TermStats,
  tuning: ClusterTuning = CLUSTER_TUNING,
): { event: E; signals: MatchSignals }[] {
  if (article.terms.size === 0) return [];
  const prepared = prepare(article, stats, tuning);
  const ranked: { event: E; signals: MatchSignals }[] = [];
  for (const event of candidates) {
    const signals = scorePrepared(prepared, event, stats, tuning, false);
    if (signals && signals.score >= tuning.matchThreshold) ranked.push({ event, signals });
  }
  ranked.sort(byScore);
  // Only the ranked few are explained: the winner's reason is stored.
  for (const r of ranked) r.signals.sharedTerms = topSharedTerms(prepared.vector, r.event.terms, stats, tuning.profilePower);
  return ranked;
}

/** The best candidate at or above the threshold, with its signals; null for a new event. */
export function bestEvent<E extends ScoringEvent>(
  article: ScoringArticle,
  candidates: E[],
  stats: TermStats,
  tuning: ClusterTuning = CLUSTER_TUNING,
): { event: E; signals: MatchSignals } | null {
  return rankEvents(article, candidates, stats, tuning)[0] ?? null;
}

/**
 * Similarity of two events' profiles (TF-IDF cosine). An article matching two events is
 * evidence they are one story only when the events also resemble each other: otherwise a
 * headline naming two stories ("Sbarro and Mt. Gox file for bankruptcy") would chain them.
 */
export function profileSimilarity(a: Record<string, number>, b: Record<string, number>, stats: TermStats, power = CLUSTER_TUNING.profilePower): number {
  return round(cosineWithProfile(weighted(a, stats, power), b, stats, power));
}

const byScore = (a: { signals: MatchSignals }, b: { signals: MatchSignals }) => b.signals.score - a.signals.score;

const round = (x: number) => Math.round(x * 1000) / 1000;
