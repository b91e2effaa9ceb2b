import type { ReviewCandidate } from '../db/queries/review-queue';

// The review queue's order: importance × uncertainty, each a number in 0..1 with the reasons
// that made it, so an analyst sees why a claim is near the top.
//
// importance  = 0.4·articles + 0.3·entity + 0.3·stakes
//   articles  log-scaled article count of the event (32 or more articles count fully)
//   entity    how often the claim's most-named entity is named, relative to the most-named one
//   stakes    how consequential the status is; doubled (up to 1) when an alert subscription sends it
// uncertainty = noisy-OR of what makes the automatic status doubtful (each factor below);
//   a recomputation that disagrees with an analyst's verdict weighs most, because one of them is wrong.

export interface AlertWatch {
  all: boolean;
  statuses: string[];
}

export interface RankedClaim extends ReviewCandidate {
  score: number;
  importance: number;
  uncertainty: number;
  reasons: string[];
}

/** How much rests on an unchecked status: categorical verdicts most, "unverified" least. */
export const STATUS_STAKES: Readonly<Record<string, number>> = {
  confirmed: 0.9,
  refuted: 0.9,
  disputed: 0.7,
  corroborated: 0.5,
  single_origin: 0.4,
  unverified: 0.2,
};

/** Doubt contributed by each kind of uncertainty. */
export const DOUBT = {
  /** Every unreviewed claim is a little uncertain: nobody has looked. */
  unreviewed: 0.1,
  singleOrigin: 0.5,
  disputed: 0.6,
  contradictory: 0.7,
  reviewDisagrees: 0.9,
} as const;

const ARTICLES_FOR_FULL_WEIGHT = 32;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Scores one candidate; `maxEntityArticles` is the largest topEntityArticles among all candidates. */
export function scoreClaim(c: ReviewCandidate, maxEntityArticles: number, alerts: AlertWatch): RankedClaim {
  const reasons: string[] = [];
  const articles = Math.min(1, Math.log2(1 + c.articleCount) / Math.log2(1 + ARTICLES_FOR_FULL_WEIGHT));
  if (c.articleCount >= 3) reasons.push(`${plural(c.articleCount, 'article')} carry the event`);
  const entity = maxEntityArticles > 0 ? c.topEntityArticles / maxEntityArticles : 0;
  if (c.topEntity && entity >= 0.25) reasons.push(`about ${c.topEntity} (named in ${plural(c.topEntityArticles, 'article')})`);
  const alerted = alerts.all || alerts.statuses.includes(c.status);
  const baseStakes = STATUS_STAKES[c.status] ?? 0.2;
  const stakes = alerted ? Math.min(1, baseStakes * 2) : baseStakes;
  if (alerted) reasons.push(`alerts would send it as ${c.status.replace('_', ' ')}`);
  const importance = 0.4 * articles + 0.3 * entity + 0.3 * stakes;

  const doubts: number[] = [];
  if (c.reviewedStatus === null) doubts.push(DOUBT.unreviewed);
  if (c.reviewedStatus !== null && c.evidenceStatus !== null && c.evidenceStatus !== c.reviewedStatus) {
    doubts.push(DOUBT.reviewDisagrees);
    reasons.push(`an analyst said ${c.reviewedStatus.replace('_', ' ')}, the evidence now says ${c.evidenceStatus.replace('_', ' ')}`);
  }
  if (c.supports > 0 && c.denies > 0) {
    doubts.push(DOUBT.contradictory);
    reasons.push(`contradictory evidence: ${c.supports} support, ${c.denies} deny`);
  }
  if (c.status === 'disputed' || c.evidenceStatus === 'disputed') {
    doubts.push(DOUBT.disputed);
    reasons.push('disputed');
  }
  if (c.originCount === 1) {
    doubts.push(DOUBT.singleOrigin);
    reasons.push(`single origin${c.soleOrigin ? `: ${c.soleOrigin}` : ''}`);
  }
  const uncertainty = 1 - doubts.reduce((left, d) => left * (1 - d), 1);
  return { ...c, importance, uncertainty, score: importance * uncertainty, reasons };
}

/** The queue: candidates by descending score (newer claims first on ties), each with its reasons. */
export function rankReviewQueue(candidates: ReviewCandidate[], alerts: AlertWatch): RankedClaim[] {
  const maxEntity = candidates.reduce((max, c) => Math.max(max, c.topEntityArticles), 0);
  return candidates.map((c) => scoreClaim(c, maxEntity, alerts)).sort((a, b) => b.score - a.score || b.id - a.id);
}
