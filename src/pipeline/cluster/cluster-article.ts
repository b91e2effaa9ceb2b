import {
  articleForCluster,
  candidateEvents,
  createEvent,
  eventArticleSignatures,
  joinEvent,
  leaveEvent,
  lockArticleForClustering,
  markClustered,
  touchEvent,
} from '../../db/queries/event-clusters';
import type { Db } from '../../db/client';
import type { Logger } from '../../logger';
import type { StageContext } from '../context';
import { EVENT_WINDOW_HOURS, eventTitle, matchEvent } from './event-match';
import { isSyndicatedSignature } from '../../text/similarity';
import { wordTokens } from '../../text/tokens';

type ChangedEvent = { id: number; revision: number };

/**
 * Puts one version of an article into an event: the best matching recent event, or a new one.
 * Within that event, a near-identical text from another source marks the article as a
 * syndicated copy of the earliest such article. Returns the events whose contents changed (to
 * re-verify). Runs one at a time across workers (queue policy), so two articles of a new story
 * cannot each start an event.
 *
 * Idempotent: a version already clustered, or overtaken by a newer one (which has its own job),
 * changes nothing and returns no events. The assignment (leave the old event, join or create
 * one, mark the version clustered) is one transaction holding the article's row lock, so a
 * crash in between leaves no half-counted event and two runs of one version take turns.
 */
export async function clusterArticle(ctx: StageContext, articleId: number, version: number): Promise<ChangedEvent[]> {
  return ctx.db.transaction(async (tx) => {
    const state = await lockArticleForClustering(tx, articleId);
    if (!state || state.version !== version || state.clustered) return [];
    return assign(tx, ctx.log, articleId);
  });
}

// The assignment itself, on the transaction `db`.
async function assign(db: Db, log: Logger, articleId: number): Promise<ChangedEvent[]> {
  const article = await articleForCluster(db, articleId);
  if (!article) return [];

  const words = wordTokens(article.title);
  const candidates = await candidateEvents(db, words, article.seenAt, EVENT_WINDOW_HOURS);
  const match = matchEvent(
    { title: article.title, text: article.text, entityKeys: article.entityKeys, publishedAt: article.seenAt },
    candidates.map((c) => ({ ...c, id: String(c.id) })),
  );

  const changed: ChangedEvent[] = [];
  let eventId: number;
  if (match && Number(match.eventId) === article.eventId) {
    // Re-clustering an edited article that still belongs where it was.
    eventId = article.eventId;
    changed.push(await touchEvent(db, eventId));
  } else {
    if (article.eventId) {
      const left = await leaveEvent(db, article.eventId);
      if (left) changed.push(left);
    }
    if (match) {
      const event = candidates.find((c) => String(c.id) === match.eventId)!;
      const joined = await joinEvent(db, event, article, eventTitle([...event.titles, article.title]));
      log.debug({ article_id: articleId, event_id: event.id, score: match.score, reasons: match.reasons }, 'article joined event');
      eventId = joined.id;
      changed.push(joined);
    } else {
      const created = await createEvent(db, article);
      eventId = created.id;
      changed.push(created);
    }
  }

  let duplicateOf: number | null = null;
  if (article.shingles?.length) {
    const others = await eventArticleSignatures(db, eventId, articleId);
    // Candidates are originals only, so every copy points at the root of its syndication chain;
    // among several, the earliest original is the one copied first.
    const originals = others.filter(
      (other) => other.sourceId !== article.sourceId && other.shingles && isSyndicatedSignature(article.shingles!, other.shingles),
    );
    duplicateOf = originals.length ? Math.min(...originals.map((o) => o.id)) : null;
  }
  await markClustered(db, articleId, article.version, eventId, duplicateOf);
  return changed;
}
