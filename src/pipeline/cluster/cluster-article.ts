import {
  articleForCluster,
  candidateEvents,
  createEvent,
  eventArticleSignatures,
  joinEvent,
  leaveEvent,
  markClustered,
  touchEvent,
} from '../../db/queries/event-clusters';
import type { StageContext } from '../context';
import { EVENT_WINDOW_HOURS, eventTitle, matchEvent } from './event-match';
import { isSyndicatedSignature } from '../../text/similarity';
import { wordTokens } from '../../text/tokens';

/**
 * Puts one article into an event: the best matching recent event, or a new one. Within that
 * event, a near-identical text from another source marks the article as a syndicated copy
 * of the earliest such article. Returns the events whose contents changed (to re-verify).
 * Runs one at a time across workers (queue policy), so two articles of a new story cannot
 * each start an event.
 */
export async function clusterArticle(ctx: StageContext, articleId: number): Promise<{ id: number; revision: number }[]> {
  const article = await articleForCluster(ctx.db, articleId);
  if (!article) return [];

  const words = wordTokens(article.title);
  const candidates = await candidateEvents(ctx.db, words, article.seenAt, EVENT_WINDOW_HOURS);
  const match = matchEvent(
    { title: article.title, text: article.text, entityKeys: article.entityKeys, publishedAt: article.seenAt },
    candidates.map((c) => ({ ...c, id: String(c.id) })),
  );

  const changed: { id: number; revision: number }[] = [];
  let eventId: number;
  if (match && Number(match.eventId) === article.eventId) {
    // Re-clustering an edited article that still belongs where it was.
    eventId = article.eventId;
    changed.push(await touchEvent(ctx.db, eventId));
  } else {
    if (article.eventId) {
      const left = await leaveEvent(ctx.db, article.eventId);
      if (left) changed.push(left);
    }
    if (match) {
      const event = candidates.find((c) => String(c.id) === match.eventId)!;
      const joined = await joinEvent(ctx.db, event, article, eventTitle([...event.titles, article.title]));
      ctx.log.debug({ article_id: articleId, event_id: event.id, score: match.score, reasons: match.reasons }, 'article joined event');
      eventId = joined.id;
      changed.push(joined);
    } else {
      const created = await createEvent(ctx.db, article);
      eventId = created.id;
      changed.push(created);
    }
  }

  let duplicateOf: number | null = null;
  if (article.shingles?.length) {
    const others = await eventArticleSignatures(ctx.db, eventId, articleId);
    // Candidates are originals only, so every copy points at the root of its syndication chain;
    // among several, the earliest original is the one copied first.
    const originals = others.filter(
      (other) => other.sourceId !== article.sourceId && other.shingles && isSyndicatedSignature(article.shingles!, other.shingles),
    );
    duplicateOf = originals.length ? Math.min(...originals.map((o) => o.id)) : null;
  }
  await markClustered(ctx.db, articleId, article.version, eventId, duplicateOf);
  return changed;
}
