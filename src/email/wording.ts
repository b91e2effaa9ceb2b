import type { ClaimOrigin, ExplanationFactor } from '../db/schema';
import { CLAIM_STATUS_WORDS } from '../vocabulary';

// Statuses and confidences in words, built from what the verify stage stored: its origins and its explanation.

/** A status as a reader says it ("single origin"). */
export function statusWords(status: string): string {
  return (CLAIM_STATUS_WORDS as Record<string, string>)[status] ?? status.replace(/_/g, ' ');
}

/** Confidence as a reader weighs it: "high (0.86)". */
export function confidenceWords(confidence: number): string {
  const label = confidence >= 0.8 ? 'high' : confidence >= 0.5 ? 'moderate' : confidence >= 0.25 ? 'low' : 'very low';
  return `${label} (${confidence.toFixed(2)})`;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function listNames(names: string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** Who an explanation says denied the claim ("Amazon"), from its denial factor. */
function deniers(explanation: ExplanationFactor[]): string | undefined {
  const denial = explanation.find((f) => f.factor === 'denial');
  if (!denial) return undefined;
  return denial.detail.replace(/^denied or contradicted by /, '').replace(/ \(trust \d+\)/g, '');
}

/**
 * Status and evidence in one line: "single origin: The Wall Street Journal, relayed by 4 outlets",
 * "corroborated by 3 independent origins: Reuters, AP and the FTC", "disputed by Amazon".
 */
export function evidenceWords(claim: { status: string; origins: ClaimOrigin[]; explanation: ExplanationFactor[] }): string {
  const origins = [...claim.origins].sort((a, b) => b.trust - a.trust || b.articleCount - a.articleCount);
  const names = origins.map((o) => o.name);
  switch (claim.status) {
    case 'single_origin': {
      const origin = origins[0];
      if (!origin) return 'single origin';
      const relays = origin.articleCount - 1;
      return `single origin: ${origin.name}${relays > 0 ? `, relayed by ${plural(relays, 'outlet')}` : ''}`;
    }
    case 'corroborated':
      return `corroborated by ${plural(origins.length, 'independent origin')}: ${listNames(names.slice(0, 4))}${names.length > 4 ? ' and others' : ''}`;
    case 'confirmed':
      // The stored origins do not say which one is the primary source, so they are listed as origins.
      return claim.explanation.some((f) => f.factor === 'analyst_review')
        ? 'confirmed by an analyst'
        : `confirmed by a primary source${names.length ? ` (origins: ${listNames(names.slice(0, 3))})` : ''}`;
    case 'disputed': {
      const by = deniers(claim.explanation);
      return by ? `disputed by ${by}` : 'disputed';
    }
    case 'refuted':
      return claim.explanation.some((f) => f.factor === 'analyst_review') ? 'refuted by an analyst' : 'refuted';
    default:
      return names.length ? `unverified: only ${listNames(names.slice(0, 3))}` : 'unverified: no stated origin';
  }
}

/** A change as the digest tells it: "now corroborated (was single origin)". */
export function changeWords(change: { previousStatus: string | null; status: string; subject: string }): string {
  if (change.previousStatus === null) return change.subject === 'event' ? 'new' : `new claim, ${statusWords(change.status)}`;
  return `now ${statusWords(change.status)} (was ${statusWords(change.previousStatus)})`;
}
