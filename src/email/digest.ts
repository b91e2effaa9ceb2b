import type { DigestEvent } from '../db/queries/digest-events';
import type { SubscriptionFilters } from '../db/schema';
import { eventMatches } from './event-matches';
import type { Links } from './links';
import { changeWords, confidenceWords, evidenceWords, statusWords } from './wording';

// The digest model: which events a subscriber gets for a window, in which order, and in which words.

/** A status move inside the window (from status_changes). */
export interface WindowMove {
  eventId: number;
  claimId: number | null;
  subject: string;
  previousStatus: string | null;
  status: string;
}

export interface DigestItem {
  id: number;
  title: string;
  url: string;
  status: string;
  statusText: string;
  confidence: number;
  confidenceText: string;
  evidenceText: string;
  articleCount: number;
  originCount: number;
  isNew: boolean;
  /** What changed since the previous digest: "now corroborated (was single origin)". */
  changes: string[];
  claims: { id: number; text: string; url: string; statusText: string; evidenceText: string; change?: string }[];
}

export interface DigestModel {
  windowStart: Date;
  windowEnd: Date;
  items: DigestItem[];
}

// Verdicts a reader acts on rank above open questions.
const SETTLED_WEIGHT: Record<string, number> = { confirmed: 2, refuted: 2, disputed: 1.5, corroborated: 1, single_origin: 0, unverified: 0 };

/**
 * How important an event is for the digest: independent origins count most (five copies of one
 * scoop are one origin), then settled verdicts, a status that moved in the window, confidence
 * and, weakly, the number of articles.
 */
export function importance(event: DigestEvent, moved: boolean): number {
  return event.originCount * 3 + (SETTLED_WEIGHT[event.status] ?? 0) * 2 + (moved ? 2 : 0) + event.confidence * 2 + Math.log2(1 + event.articleCount);
}

/** Groups a window's moves by event, so each subscriber's digest looks them up without a query. */
export function movesByEvent(moves: WindowMove[]): Map<number, WindowMove[]> {
  const byEvent = new Map<number, WindowMove[]>();
  for (const move of moves) byEvent.set(move.eventId, [...(byEvent.get(move.eventId) ?? []), move]);
  return byEvent;
}

/** A window's events ranked and worded once; each subscriber's digest is then a filtered prefix of it. */
export interface PreparedWindow {
  window: { start: Date; end: Date };
  ranked: { event: DigestEvent; item: DigestItem }[];
}

/**
 * Ranks and words a window's events once for every subscriber of that window: importance and
 * wording do not depend on who reads them, so 10,000 digests cost one sort, not 10,000.
 */
export function prepareWindow(window: { start: Date; end: Date }, events: DigestEvent[], moves: Map<number, WindowMove[]>, links: Links): PreparedWindow {
  const ranked = events
    .map((event) => ({ event, moves: moves.get(event.id) ?? [] }))
    .map((entry) => ({ ...entry, score: importance(entry.event, entry.moves.some((m) => m.previousStatus !== null)) }))
    .sort((a, b) => b.score - a.score || b.event.lastSeenAt.getTime() - a.event.lastSeenAt.getTime() || b.event.id - a.event.id)
    .map(({ event, moves: rawMoves }) => ({ event, item: itemOf(event, eventMovesOf(rawMoves), window, links) }));
  return { window, ranked };
}

/** The digest of one subscriber: the most important matching events of the prepared window; empty `items` means nothing is sent. */
export function digestFor(filters: SubscriptionFilters, prepared: PreparedWindow, limit = 25): DigestModel {
  const items: DigestItem[] = [];
  for (const { event, item } of prepared.ranked) {
    if (items.length >= limit) break;
    if (eventMatches(event, filters)) items.push(item);
  }
  return { windowStart: prepared.window.start, windowEnd: prepared.window.end, items };
}

/** The digest of one subscriber over a window's events (prepareWindow and digestFor in one go). */
export function buildDigest(
  filters: SubscriptionFilters,
  window: { start: Date; end: Date },
  events: DigestEvent[],
  moves: Map<number, WindowMove[]>,
  links: Links,
  limit = 25,
): DigestModel {
  return digestFor(filters, prepareWindow(window, events.filter((e) => eventMatches(e, filters)), moves, links), limit);
}

function itemOf(event: DigestEvent, eventMoves: WindowMove[], window: { start: Date; end: Date }, links: Links): DigestItem {
  const lead = event.claims[0];
  return {
    id: event.id,
    title: event.title,
    url: links.event(event.id),
    status: event.status,
    statusText: statusWords(event.status),
    confidence: event.confidence,
    confidenceText: confidenceWords(event.confidence),
    evidenceText: lead ? evidenceWords(lead) : `${statusWords(event.status)}: no claims extracted yet`,
    articleCount: event.articleCount,
    originCount: event.originCount,
    isNew: event.firstSeenAt > window.start,
    changes: eventMoves.filter((m) => m.subject === 'event' && m.previousStatus !== null).map(changeWords),
    claims: event.claims.map((claim) => {
      const move = [...eventMoves].reverse().find((m) => m.claimId === claim.id && m.previousStatus !== null);
      return {
        id: claim.id,
        text: claim.text,
        url: links.claim(claim.id),
        statusText: statusWords(claim.status),
        evidenceText: evidenceWords(claim),
        change: move ? changeWords(move) : undefined,
      };
    }),
  };
}

// Only the last move of each subject counts: a claim that went single origin → corroborated → confirmed is "now confirmed".
function eventMovesOf(moves: WindowMove[]): WindowMove[] {
  const last = new Map<string, WindowMove>();
  const first = new Map<string, WindowMove>();
  for (const m of moves) {
    const key = `${m.subject}-${m.claimId ?? ''}`;
    if (!first.has(key)) first.set(key, m);
    last.set(key, m);
  }
  return [...last.entries()]
    .map(([key, m]) => ({ ...m, previousStatus: first.get(key)!.previousStatus }))
    .filter((m) => m.previousStatus !== m.status);
}
