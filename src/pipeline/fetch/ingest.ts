import { pendingExtraction, upsertSourceItems, type ArticleInput } from '../../db/queries/articles';
import { getSource, recordFetch, sourceOf } from '../../db/queries/sources';
import type { AttemptInfo, StageContext } from '../context';
import type { FeedItem, SourceFetchOutcome } from '../types';
import { canonicalUrl } from './canonical-url';
import { fetchSource } from './fetch-source';

/** Longest wait between attempts at a failing source: it is never abandoned, only slowed. */
export const MAX_BACKOFF_SECONDS = 6 * 3600;

export class TransientFetchError extends Error {}

export type IngestResult =
  | { kind: 'skipped'; reason: string }
  | {
      kind: 'fetched';
      outcome: SourceFetchOutcome['kind'];
      articles: { id: number; version: number }[];
      found: number;
      inserted: number;
      updated: number;
      /** Of the inserted: further posts at a link the source had stored another post at. */
      sharedLink: number;
      /** Items whose page another source stored first, and items repeating a post: not stored again. */
      notStored: { heldElsewhere: number; repeats: number };
    };

const NOTHING_STORED = { found: 0, inserted: 0, updated: 0, sharedLink: 0, notStored: { heldElsewhere: 0, repeats: 0 } };

/** When to try a failing source next: exponential in its failures, or what Retry-After asked. */
export function nextAttemptAfterFailure(now: Date, intervalSeconds: number, failuresSoFar: number, retryAfterSeconds?: number): Date {
  const backoff = Math.min(intervalSeconds * 2 ** Math.min(failuresSoFar, 10), MAX_BACKOFF_SECONDS);
  const wait = Math.max(retryAfterSeconds ?? 0, backoff);
  return new Date(now.getTime() + wait * 1000);
}

/**
 * Fetches one source, stores its items and records its health. Returns the articles that need
 * extraction (new, edited, or left pending by an earlier crash). A transient failure before the
 * last attempt throws TransientFetchError so the queue retries; the last attempt records it.
 */
export async function ingestSource(
  ctx: StageContext,
  sourceId: string,
  options: { force?: boolean; attempt?: AttemptInfo } = {},
): Promise<IngestResult> {
  const source = await getSource(ctx.db, sourceId);
  if (!source) return { kind: 'skipped', reason: `source ${sourceId} is not configured` };
  if (!source.enabled && !options.force) return { kind: 'skipped', reason: 'source disabled' };
  const now = new Date();
  if (!options.force && source.nextAttemptAt && source.nextAttemptAt > now) {
    return { kind: 'skipped', reason: `backing off until ${source.nextAttemptAt.toISOString()}` };
  }

  const spec = sourceOf(source);
  const outcome = await fetchSource(
    spec,
    { etag: source.etag ?? undefined, lastModified: source.lastModified ?? undefined },
    { gate: ctx.hostGate, log: ctx.log },
  );
  const durationMs = Date.now() - now.getTime();
  const base = { sourceId, startedAt: now, durationMs };

  if (outcome.kind === 'failure') {
    const attempt = options.attempt;
    const lastAttempt = !attempt || attempt.attempt >= attempt.maxAttempts;
    if (outcome.transient && !lastAttempt && outcome.errorClass !== 'rate_limited') {
      throw new TransientFetchError(`${outcome.errorClass}: ${outcome.message}`);
    }
    await recordFetch(
      ctx.db,
      { ...base, outcome: 'failure', httpStatus: outcome.httpStatus, errorClass: outcome.errorClass, message: outcome.message },
      { nextAttemptAt: nextAttemptAfterFailure(now, source.intervalSeconds, source.consecutiveFailures, outcome.retryAfterSeconds) },
    );
    ctx.log.warn({ source_id: sourceId, error_class: outcome.errorClass, http_status: outcome.httpStatus }, outcome.message);
    return { kind: 'fetched', outcome: 'failure', articles: await pendingExtraction(ctx.db, sourceId), ...NOTHING_STORED };
  }

  if (outcome.kind === 'not_modified') {
    await recordFetch(ctx.db, { ...base, outcome: 'not_modified', httpStatus: 304 }, { nextAttemptAt: null });
    return { kind: 'fetched', outcome: 'not_modified', articles: await pendingExtraction(ctx.db, sourceId), ...NOTHING_STORED };
  }

  const items = outcome.feed.items.flatMap((item) => toArticleInput(item) ?? []);
  const stored = await upsertSourceItems(ctx.db, sourceId, items);
  if (outcome.movedTo) ctx.log.info({ source_id: sourceId, from: source.url, to: outcome.movedTo }, 'source moved permanently; stored URL updated');
  // Items left out never become articles; say so in the log and in the source's fetch history.
  const skipped = (outcome.feed.itemsSkipped ?? 0) + outcome.feed.items.length - items.length;
  const notes = [
    skipped ? `${skipped} item(s) skipped: no usable link to a page, or an unreadable record` : '',
    stored.sharedLink.length ? `${stored.sharedLink.length} new post(s) at a link another post of this source has, stored as articles of their own` : '',
    stored.heldElsewhere ? `${stored.heldElsewhere} item(s) at a page another source stored first` : '',
    stored.repeats ? `${stored.repeats} item(s) repeating a post already listed or stored` : '',
  ].filter(Boolean);
  const skippedMessage = notes.length ? notes.join('; ') : undefined;
  if (skipped) ctx.log.warn({ source_id: sourceId, items_skipped: skipped }, notes[0]);
  if (stored.sharedLink.length) {
    ctx.log.info({ source_id: sourceId, shared_link: stored.sharedLink }, 'posts sharing a link stored as articles of their own');
  }
  await recordFetch(
    ctx.db,
    {
      ...base,
      outcome: 'ok',
      httpStatus: outcome.httpStatus,
      itemsFound: outcome.feed.items.length,
      itemsNew: stored.inserted.length,
      itemsUpdated: stored.updated.length,
      bytes: outcome.bytes,
      message: skippedMessage,
    },
    { etag: outcome.etag ?? null, lastModified: outcome.lastModified ?? null, movedTo: outcome.movedTo, nextAttemptAt: null },
  );
  return {
    kind: 'fetched',
    outcome: 'ok',
    articles: await pendingExtraction(ctx.db, sourceId),
    found: outcome.feed.items.length,
    inserted: stored.inserted.length,
    updated: stored.updated.length,
    sharedLink: stored.sharedLink.length,
    notStored: { heldElsewhere: stored.heldElsewhere, repeats: stored.repeats },
  };
}

/** A parsed feed item as the article row it is stored as; undefined when its link is unusable. */
export function toArticleInput(item: FeedItem): ArticleInput | undefined {
  let canonical: string;
  try {
    canonical = canonicalUrl(item.url);
  } catch {
    return undefined;
  }
  return {
    guid: item.guid.slice(0, 2000),
    url: item.url,
    canonicalUrl: canonical,
    title: item.title || item.url,
    summary: item.summary,
    contentHtml: item.contentHtml,
    author: item.author,
    publishedAt: item.publishedAt,
    extra: item.extra,
  };
}
