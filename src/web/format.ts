// Small formatting helpers the templates call; every string they return is still escaped by Eta.
import { CLAIM_STATUS_WORDS } from '../vocabulary';

const FACTOR_WORDS: Record<string, string> = {
  independence: 'Independent origins',
  origin: 'Support from an origin',
  hedging: 'Hedged wording',
  denial: 'Denial or contradiction',
  status: 'Status from the evidence',
  status_band: 'Limit of the status',
  analyst_review: 'Analyst verdict',
};

/** A link target from feed data, or null: only http(s) URLs become links (no javascript:, data:, …). */
export function safeHref(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

export const fmt = {
  status: (s: string) => (CLAIM_STATUS_WORDS as Record<string, string>)[s] ?? s,
  factor: (f: string) => FACTOR_WORDS[f] ?? f.replace(/_/g, ' '),
  pct: (c: number) => `${Math.round(c * 100)}%`,
  /** A confidence bucket for the bar's width class (0, 10, … 100). */
  decile: (c: number) => Math.max(0, Math.min(100, Math.round(c * 10) * 10)),
  signed: (n: number) => `${n >= 0 ? '+' : '−'}${Math.abs(n).toFixed(2)}`,
  date: (d: Date | string | null | undefined) => (d ? new Date(d).toISOString().slice(0, 16).replace('T', ' ') + ' UTC' : '—'),
  iso: (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : ''),
  href: safeHref,
  host: (url: string) => {
    const href = safeHref(url);
    return href ? new URL(href).host : '';
  },
  plural: (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`,
};

export type Fmt = typeof fmt;
