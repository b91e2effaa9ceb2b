// The verification status and confidence of one claim from its evidence and reviews.
//
// Status follows the vocabulary of DESIGN.md, checked in this order: the latest analyst
// review; a primary denial or a retraction (refuted); primary support (confirmed);
// credible support and credible denial (disputed); two or more credible independent
// origins (corroborated); one credible origin repeated by two articles or named by an
// attribution (single_origin); anything else (unverified). Credible = origin trust >= 40.
// An analyst's verdict stands; a recomputation that disagrees is flagged (reviewConflict).
//
// Confidence, traced term by term in `explanation` (the effects add up to it):
//   each supporting origin o, strongest first, adds (1 - S) * w_o to S   (noisy-OR)
//       w_o = origin trust / 100 x relayFactor (1 when the origin is seen directly, less when
//       only relays carry it), and an origin whose every report is hedged has w_o multiplied
//       by HEDGE_FACTOR (shown as a separate "hedging" effect); analysis, explainers and
//       aggregator summaries never originate, so they add nothing;
//   denial: S * D is taken away, D = noisy-OR of the denying origins' weights;
//   the result is clamped to the band of the status (e.g. single_origin <= 0.6).
// Copies within one origin add nothing: the point of counting origins.
import type { ClaimStatus, Stance } from '../../vocabulary';
import { articleCount, groupOrigins, type EvidenceInput, type OriginGroup } from './origins';

export type { EvidenceInput } from './origins';

export interface ReviewInput {
  status: ClaimStatus;
  createdAt: Date;
  note?: string;
}

export interface ExplanationItem {
  factor: string;
  /** Change this factor made to the confidence (0 for context lines). */
  effect: number;
  detail: string;
}

export interface Assessment {
  status: ClaimStatus;
  /** 0..1: how strongly the evidence supports the claim being true. */
  confidence: number;
  origins: { name: string; trust: number; articleCount: number; seenDirectly: boolean; relayedBy: { sourceId: string; trust: number }[] }[];
  explanation: ExplanationItem[];
  /** Set when an analyst's verdict stands and the evidence now says otherwise: flagged for review, not applied. */
  reviewConflict?: { verdict: ClaimStatus; evidence: ClaimStatus; reason: string };
}

/** Sources below this trust are not credible on their own. */
export const CREDIBLE_TRUST = 40;
/** Weight left to an origin that only ever reports the claim with hedges. */
export const HEDGE_FACTOR = 0.6;
/** Confidence band of each status: evidence may not claim more (or less) than its status. */
export const STATUS_BANDS: Readonly<Record<ClaimStatus, readonly [number, number]>> = {
  unverified: [0, 0.3],
  single_origin: [0, 0.6],
  corroborated: [0, 0.9],
  confirmed: [0.9, 0.99],
  disputed: [0, 0.5],
  refuted: [0, 0.1],
};

interface StanceOrigin {
  group: OriginGroup;
  members: EvidenceInput[];
  weight: number;
  unhedgedWeight: number;
}

/**
 * What an origin known only through relays is worth: its trust times 0.5 + 0.5 x (best relay
 * trust / 100). A WSJ scoop seen only through blogs of trust 30 weighs 0.65 of the WSJ's own
 * article; through a wire of trust 90, 0.95.
 */
export function relayFactor(group: OriginGroup): number {
  if (group.seenDirectly) return 1;
  const best = Math.max(0, ...group.relayedBy.map((r) => r.trust));
  return 0.5 + (0.5 * best) / 100;
}

function stanceOrigins(groups: OriginGroup[], stance: Stance): StanceOrigin[] {
  return groups
    .filter((group) => group.originates)
    .map((group) => {
      const members = group.members.filter((m) => m.stance === stance);
      const unhedgedWeight = (group.trust / 100) * relayFactor(group);
      const weight = members.every((m) => m.hedged) ? unhedgedWeight * HEDGE_FACTOR : unhedgedWeight;
      return { group, members, weight, unhedgedWeight };
    })
    .filter((o) => o.members.length > 0)
    .sort((a, b) => b.weight - a.weight);
}

const isCredible = (o: StanceOrigin) => o.group.trust >= CREDIBLE_TRUST;
const latest = (items: EvidenceInput[]) => Math.max(...items.map((e) => e.publishedAt?.getTime() ?? 0));
const sources = (members: EvidenceInput[]) => [...new Set(members.map((m) => m.sourceName))].join(', ');

// An origin that supported the claim and later denied it has retracted it.
function retraction(groups: OriginGroup[]): OriginGroup | undefined {
  return groups.find((g) => {
    const support = g.members.filter((m) => m.stance === 'supports');
    const denial = g.members.filter((m) => m.stance === 'denies');
    return support.length > 0 && denial.length > 0 && latest(denial) >= latest(support);
  });
}

function evidenceStatus(evidence: EvidenceInput[], groups: OriginGroup[], support: StanceOrigin[], denial: StanceOrigin[]): [ClaimStatus, string] {
  const primarySupport = evidence.filter((e) => e.primary && e.stance === 'supports');
  const primaryDenial = evidence.filter((e) => e.primary && e.stance === 'denies');
  if (primaryDenial.length > 0 && (primarySupport.length === 0 || latest(primaryDenial) >= latest(primarySupport)))
    return ['refuted', `a primary source denies it (${sources(primaryDenial)})`];
  const retracted = retraction(groups);
  if (retracted) return ['refuted', `${retracted.name} reported it and later retracted or denied it`];
  if (primarySupport.length > 0) return ['confirmed', `a primary source supports it (${sources(primarySupport)})`];
  const credibleSupport = support.filter(isCredible);
  const credibleDenial = denial.filter(isCredible);
  if (credibleSupport.length > 0 && credibleDenial.length > 0)
    return ['disputed', `credible support (${credibleSupport.map((o) => o.group.name).join(', ')}) and denial (${credibleDenial.map((o) => o.group.name).join(', ')})`];
  if (credibleSupport.length >= 2) return ['corroborated', `${credibleSupport.length} independent credible origins support it`];
  if (credibleSupport.length === 1) {
    const only = credibleSupport[0];
    if (articleCount(only.members) >= 2) return ['single_origin', `every supporting article traces back to ${only.group.name}`];
    if (only.group.attributed) return ['single_origin', `one article, attributed to ${only.group.name}`];
    return ['unverified', 'one article with no stated origin'];
  }
  if (support.length > 0) return ['unverified', `only low-trust sources (below ${CREDIBLE_TRUST}) support it`];
  return ['unverified', 'no source supports it'];
}

// "The Wall Street Journal (trust 85, not seen directly) — relayed by 4 articles from outlets of trust 25–55".
function originNote(g: OriginGroup): string {
  const relays = g.members.filter((m) => g.relayedBy.some((r) => r.sourceId === m.sourceId));
  const trusts = g.relayedBy.map((r) => r.trust);
  const range = trusts.length === 0 ? '' : Math.min(...trusts) === Math.max(...trusts) ? `${trusts[0]}` : `${Math.min(...trusts)}–${Math.max(...trusts)}`;
  const relayed = relays.length > 0 ? ` — relayed by ${articleCount(relays)} article(s) from outlets of trust ${range}` : '';
  const role = g.originates ? '' : ', repeats only (analysis, explainer or summary)';
  return `${g.name} (trust ${g.trust}${g.seenDirectly ? '' : ', not seen directly'}${role})${relayed}`;
}

function independenceNote(evidence: EvidenceInput[], groups: OriginGroup[]): ExplanationItem {
  const originating = groups.filter((g) => g.originates);
  const derived = evidence.filter((e) => e.derived).length;
  const derivedNote = derived > 0 ? `; ${derived} article(s) repeat an earlier report, or one another article credits, without sourcing of their own and count for its origin` : '';
  return {
    factor: 'independence',
    effect: 0,
    detail: `${articleCount(evidence)} article(s), ${originating.length} independent origin(s): ${groups.map(originNote).join('; ')}${derivedNote}`,
  };
}

/** Status, confidence and a traceable explanation for one claim. */
export function assessClaim(evidence: EvidenceInput[], reviews: ReviewInput[] = []): Assessment {
  const groups = groupOrigins(evidence);
  const support = stanceOrigins(groups, 'supports');
  const denial = stanceOrigins(groups, 'denies');
  const explanation: ExplanationItem[] = evidence.length > 0 ? [independenceNote(evidence, groups)] : [];

  let s = 0;
  for (const o of support) {
    const full = (1 - s) * o.unhedgedWeight;
    explanation.push({
      factor: 'origin',
      effect: full,
      detail: `${o.group.name}: trust ${o.group.trust}${o.group.seenDirectly ? '' : ` seen only through relays (weight x${relayFactor(o.group).toFixed(2)})`}, ${articleCount(o.members)} supporting article(s) counted once`,
    });
    if (o.weight < o.unhedgedWeight)
      explanation.push({ factor: 'hedging', effect: (1 - s) * (o.weight - o.unhedgedWeight), detail: `${o.group.name} only reports it with hedges (weight x${HEDGE_FACTOR})` });
    s += (1 - s) * o.weight;
  }
  const d = denial.reduce((acc, o) => acc + (1 - acc) * o.weight, 0);
  if (denial.length > 0)
    explanation.push({ factor: 'denial', effect: -s * d, detail: `denied or contradicted by ${denial.map((o) => `${o.group.name} (trust ${o.group.trust})`).join(', ')}` });
  const base = s * (1 - d);

  const [fromEvidence, reason] = evidenceStatus(evidence, groups, support, denial);
  const review = [...reviews].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0];
  const status = review?.status ?? fromEvidence;
  const [low, high] = STATUS_BANDS[status];
  const confidence = Math.min(high, Math.max(low, base));
  explanation.push({ factor: 'status', effect: 0, detail: `evidence says ${fromEvidence}: ${reason}` });
  let reviewConflict: Assessment['reviewConflict'];
  if (review) {
    const note = review.note ? `: ${review.note}` : '';
    explanation.push({
      factor: 'analyst_review',
      effect: confidence - base,
      detail: `latest analyst review (${review.createdAt.toISOString()}) set ${review.status}${note}; confidence held to ${low}-${high}`,
    });
    // The verdict stands; a recomputation that disagrees is shown for the analyst to look at.
    if (fromEvidence !== review.status) {
      reviewConflict = { verdict: review.status, evidence: fromEvidence, reason };
      explanation.push({ factor: 'review_conflict', effect: 0, detail: `flagged: the evidence now says ${fromEvidence} (${reason}); the analyst's ${review.status} is kept until reviewed again` });
    }
  } else {
    explanation.push({ factor: 'status_band', effect: confidence - base, detail: `${status} holds confidence to ${low}-${high}` });
  }
  const assessment: Assessment = {
    status,
    confidence,
    origins: groups.map((g) => ({ name: g.name, trust: g.trust, articleCount: articleCount(g.members), seenDirectly: g.seenDirectly, relayedBy: g.relayedBy })),
    explanation,
  };
  if (reviewConflict) assessment.reviewConflict = reviewConflict;
  return assessment;
}
