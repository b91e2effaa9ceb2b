import {
  candidateEvents,
  createEvent,
  eventCandidate,
  eventTitles,
  joinEvent,
  leaveEvent,
  lockArticleForClustering,
  markClustered,
  touchEvent,
  type ArticleForCluster,
  type EventCandidateRow,
  type EventToJoin,
} from '../../db/queries/event-clusters';
import { copyTexts, repointCopies, saveBandsAndFindNeighbours, type CopyCandidate } from '../../db/queries/cluster-index';
import type { Db } from '../../db/client';
import type { Logger } from '../../logger';
import { mergeEvents } from '../../db/queries/event-merges';
import { eventsToScore } from '../../db/queries/event-members';
import { analystPlacement, keptApart, lockClustering } from '../../db/queries/event-decisions';
import type { StageContext } from '../context';
import { eventTitle } from './event-title';
import { addProfileRarity, ownTermRarity } from './term-rarity';
import { articleTerms, CLUSTER_TUNING, profileSimilarity, rankEvents, EVENT_WINDOW_HOURS, scoreEvent, type ClusterTuning, type MatchSignals, type TermStats } from './event-score';
import { moveBetterFits } from './member-moves';
import { copyBuckets, copyEvidence, publishedBefore, type CopyEvidence } from './copies';
import { contentTerm, wordTokens } from '../../text/tokens';

type ChangedEvent = { id: number; revision: number };

interface CopyDecision {
  /** The original this article copies, or null when it is the original (or no copy). */
  duplicateOf: number | null;
  /** The event of the copy group, where this article belongs. */
  eventId: number | null;
  evidence: CopyEvidence & { of: number };
}

/**
 * Copies of the article anywhere in the archive (LSH buckets), and the group's original: the
 * earliest published. When the article is earlier than the group's original, the group's
 * links are re-pointed to it. Groups in events an analyst kept apart (a copy split off its
 * original) stay apart: the article joins the group of the event it was placed in, else of the
 * earliest original, and no link is made to the others.
 */
async function findCopyGroup(db: Db, article: ArticleForCluster, tuning: ClusterTuning, placed: number | undefined): Promise<CopyDecision | null> {
  const me = article;
  const buckets = copyBuckets(me);
  const copies: { other: CopyCandidate; evidence: CopyEvidence }[] = [];
  for (const other of await saveBandsAndFindNeighbours(db, article.id, buckets)) {
    const evidence = copyEvidence(me, other, tuning);
    if (evidence) copies.push({ other, evidence });
  }
  if (copies.length === 0) return null;
  const known = new Map(copies.map((c) => [c.other.id, c.other]));
  const rootIds = [...new Set(copies.map((c) => c.other.duplicateOf ?? c.other.id))].filter((id) => id !== article.id);
  for (const root of await copyTexts(db, rootIds.filter((id) => !known.has(id)))) known.set(root.id, root);
  const found = rootIds.map((id) => known.get(id)).filter((r): r is CopyCandidate => r !== undefined);
  if (found.length === 0) return null;
  const home = placed ?? earliestOf(found).eventId;
  const roots = await notKeptApart(db, found, home);
  if (roots.length === 0) return null;
  const earliest = earliestOf(roots);
  const inGroup = new Set(roots.map((r) => r.id));
  const best = copies.filter((c) => inGroup.has(c.other.duplicateOf ?? c.other.id)).reduce((a, b) => (b.evidence.jaccard > a.evidence.jaccard ? b : a));
  const evidence = { ...best.evidence, of: best.other.id };
  if (publishedBefore(me, earliest)) {
    await repointCopies(db, roots.map((r) => r.id), article.id);
    return { duplicateOf: null, eventId: earliest.eventId, evidence };
  }
  await repointCopies(db, roots.filter((r) => r.id !== earliest.id).map((r) => r.id), earliest.id);
  return { duplicateOf: earliest.id, eventId: earliest.eventId, evidence };
}

const earliestOf = (roots: CopyCandidate[]) => roots.reduce((a, b) => (publishedBefore(b, a) ? b : a));

/** The roots whose event an analyst did not keep apart from `home` (asked once per other event). */
async function notKeptApart(db: Db, roots: CopyCandidate[], home: number | null): Promise<CopyCandidate[]> {
  if (home === null) return roots;
  const apart = new Map<number, boolean>();
  for (const root of roots) {
    if (root.eventId === null || root.eventId === home || apart.has(root.eventId)) continue;
    apart.set(root.eventId, await keptApart(db, home, root.eventId));
  }
  return roots.filter((r) => r.eventId === null || !apart.get(r.eventId));
}

/**
 * Events the article also matched that resemble the event it joined are the same story split
 * early (two articles of one story, each first to arrive in its own wording): merged into it.
 * The events are read as they are now, after members moved between them (member-moves.ts): a
 * member that strayed into another story's event would otherwise make the two look alike.
 * `current`: the events as they stand, when the caller knows them (no member moved).
 */
async function mergeBridged(
  db: Db,
  joinedId: number,
  otherIds: number[],
  stats: TermStats,
  tuning: ClusterTuning,
  current?: EventCandidateRow[],
): Promise<ChangedEvent[]> {
  if (otherIds.length === 0) return [];
  const rows = current ?? (await eventsToScore(db, [joinedId, ...otherIds]));
  const joined = rows.find((e) => e.id === joinedId);
  if (!joined) return [];
  const changed: ChangedEvent[] = [];
  for (const id of otherIds) {
    const other = rows.find((e) => e.id === id);
    if (!other || profileSimilarity(joined.terms, other.terms, stats, tuning.profilePower) < tuning.mergeThreshold) continue;
    // An analyst split articles of one off the other: they stay apart.
    if (await keptApart(db, joined.id, other.id)) continue;
    const merged = await mergeEvents(db, other.id, joined.id);
    if (merged) changed.push(merged);
  }
  return changed;
}

/**
 * Puts one version of an article into an event. A copy of an article already stored (anywhere
 * in the archive) goes to its original's event; otherwise the best scoring recent event
 * (event-score.ts), or a new one; members of the other candidates that now score better in the
 * event it joined move there (member-moves.ts), then events the article bridges merge. Records why
 * (articles.cluster_reason) and counts the article's terms for IDF. Returns the events whose
 * contents changed (to re-verify). Runs one at a time across workers (queue policy), so two
 * articles of a new story cannot each start an event; the clustering lock (lockClustering) makes
 * that hold in the database too, whatever the queue does, and orders the stage with an analyst's
 * merge or split. An article an analyst placed stays in its event, whichever article is being
 * clustered: the stage never undoes that.
 *
 * Idempotent: a version already clustered, or overtaken by a newer one (which has its own job),
 * changes nothing and returns no events. The assignment (copy links, leave the old event, join
 * or create one, merges, term counts, mark the version clustered) is one transaction holding
 * the article's row lock, so a crash in between leaves no half-counted event and two runs of
 * one version take turns.
 */
export async function clusterArticle(
  ctx: StageContext,
  articleId: number,
  version: number,
  tuning: ClusterTuning = CLUSTER_TUNING,
): Promise<ChangedEvent[]> {
  return ctx.db.transaction(async (tx) => {
    await lockClustering(tx);
    const article = await lockArticleForClustering(tx, articleId);
    if (!article || article.version !== version || article.clustered) return [];
    return assign(tx, ctx.log, article, tuning);
  });
}

/**
 * The terms of the candidates' profiles. An event's norm needs the rarity of all its terms, not
 * only of those the article shares with it: counting the others as never seen made large events
 * look unlike every new member (UCI tuning half, three orders: F1 0.815 before, 0.85 after).
 */
function* profileTerms(events: EventCandidateRow[]): Iterable<string> {
  for (const event of events) for (const term in event.terms) yield term;
}

// Lead words the title index is searched for, besides the headline's: the rarest few seen before. Every
// lead word made nearly every event in the window a match, ranked by the full-text index at
// a cost that grew with the window.
const QUERY_LEAD_TERMS = 20;

/** The headline's words and the lead words of the article's rarest lead terms. */
function queryWords(article: ArticleForCluster, terms: Map<string, number>, stats: TermStats, leadWords: number): string[] {
  const headline = wordTokens(article.title);
  const lead = wordTokens(article.text).slice(0, leadWords);
  const inHeadline = new Set(headline.map(contentTerm));
  const rarest = new Set(
    [...terms.keys()]
      // A term no stored article has cannot find an event.
      .filter((term) => !inHeadline.has(term) && (stats.df.get(term) ?? 0) > 0)
      .sort((a, b) => (stats.df.get(a) ?? 0) - (stats.df.get(b) ?? 0) || (a < b ? -1 : 1))
      .slice(0, QUERY_LEAD_TERMS),
  );
  return [...headline, ...lead.filter((word) => rarest.has(contentTerm(word) ?? ''))];
}

// The assignment itself, on the transaction `db` holding the article's row lock.
async function assign(db: Db, log: Logger, article: ArticleForCluster, tuning: ClusterTuning): Promise<ChangedEvent[]> {
  const articleId = article.id;
  const firstTime = article.eventId === null;

  const terms = articleTerms(article.title, article.text, tuning.leadWords);
  const stats = await ownTermRarity(db, terms.keys());
  const scoring = { sourceId: article.sourceId, terms, entityKeys: article.entityKeys, at: article.seenAt };
  const placed = article.eventId === null ? undefined : await analystPlacement(db, articleId);
  const copy = await findCopyGroup(db, article, tuning, placed);

  let target: { event: EventCandidateRow; signals: MatchSignals | null } | null = null;
  let others: EventCandidateRow[] = [];
  let candidates: EventCandidateRow[] = [];
  let scored = false;
  if (placed !== undefined) {
    // An analyst put it where it is (a merge or a split): an edit does not move it.
    const event = await eventCandidate(db, placed);
    if (event) target = { event, signals: null };
  }
  if (!target && copy?.eventId) {
    const event = await eventCandidate(db, copy.eventId);
    if (event) {
      await addProfileRarity(db, stats, terms, profileTerms([event]));
      scored = true;
      target = { event, signals: scoreEvent(scoring, event, stats, { ...tuning, dayPenalty: 0 }) };
    }
  }
  if (!target) {
    const words = queryWords(article, terms, stats, tuning.leadWords);
    candidates = await candidateEvents(db, words, article.seenAt, EVENT_WINDOW_HOURS, tuning.candidates);
    await addProfileRarity(db, stats, terms, profileTerms(candidates));
    scored = true;
    const ranked = rankEvents(scoring, candidates, stats, tuning);
    target = ranked[0] ?? null;
    others = ranked.slice(1).map((r) => r.event);
  }
  const reason = { ...(target?.signals ?? {}), ...(placed !== undefined && target ? { placedByAnalyst: true } : {}), ...(copy ? { copy: copy.evidence } : {}) };

  const changed: ChangedEvent[] = [];
  let eventId: number;
  let joinedEvent: EventToJoin | undefined;
  if (target && target.event.id === article.eventId) {
    // Re-clustering an edited article that still belongs where it was.
    eventId = article.eventId;
    changed.push(await touchEvent(db, eventId));
  } else {
    if (article.eventId) {
      const left = await leaveEvent(db, article.eventId);
      if (left) changed.push(left);
    }
    if (target) {
      const { event } = target;
      // Candidates come without their titles (most are never joined): read them for this one.
      const titles = 'titles' in event ? (event as EventToJoin).titles : await eventTitles(db, event.id);
      const { joined, ...revision } = await joinEvent(db, { ...event, titles }, article, eventTitle([...titles, article.title]), terms);
      log.debug({ article_id: articleId, event_id: event.id, reason }, 'article joined event');
      eventId = revision.id;
      joinedEvent = joined;
      changed.push(revision);
    } else {
      const created = await createEvent(db, article, terms);
      eventId = created.id;
      changed.push(created);
    }
  }
  if (target && target.event.id === eventId && scored) {
    // The old event of an edited article is left out: the article still counts as its member until marked.
    const from = candidates.slice(0, tuning.moveFrom).map((e) => e.id).filter((id) => id !== article.eventId);
    const moved = await moveBetterFits(db, joinedEvent ?? eventId, from, articleId, terms, stats, tuning);
    changed.push(...moved);
    // With no member moved, the events are as read (and as just joined): nothing to read again.
    const current = moved.length === 0 && joinedEvent ? [joinedEvent, ...others] : undefined;
    changed.push(...(await mergeBridged(db, eventId, others.map((e) => e.id), stats, tuning, current)));
  }
  // An article's terms count once, the first time it is clustered.
  await markClustered(db, articleId, article.version, eventId, copy?.duplicateOf ?? null, reason, firstTime ? [...terms.keys()] : null);
  return changed;
}
