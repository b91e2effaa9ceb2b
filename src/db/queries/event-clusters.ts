import { and, desc, eq, gt, inArray, isNull, lt, ne, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { articleEntities, articles, entities, events } from '../schema';
import { countTermsStatement } from './cluster-index';

// Writes and stage reads for events as the cluster stage builds them.

export interface ArticleForCluster {
  id: number;
  sourceId: string;
  title: string;
  text: string;
  version: number;
  eventId: number | null;
  seenAt: Date;
  fetchedAt: Date;
  shingles: number[] | null;
  entityKeys: string[];
}

// What clustering compares of an article: title, text, time, minhash and entity keys, in one statement.
const ARTICLE_FOR_CLUSTER_COLUMNS = {
  id: articles.id,
  sourceId: articles.sourceId,
  title: articles.title,
  text: sql<string>`coalesce(${articles.contentText}, ${articles.summary}, '')`,
  version: articles.version,
  eventId: articles.eventId,
  publishedAt: articles.publishedAt,
  fetchedAt: articles.fetchedAt,
  shingles: articles.shingles,
  // Spelled out: drizzle leaves columns in a select's sql unqualified, and "id" would be the entity's.
  entityKeys: sql<string[]>`array(select e.key from ${articleEntities} ae join ${entities} e on e.id = ae.entity_id where ae.article_id = "articles"."id")`,
};

function toArticleForCluster({ publishedAt, ...row }: { publishedAt: Date | null; fetchedAt: Date; entityKeys: string[] | null } & Omit<ArticleForCluster, 'seenAt' | 'entityKeys'>): ArticleForCluster {
  // A publication date in the future or decades back is a feed bug; the fetch time is the fallback.
  const seenAt = publishedAt && publishedAt <= new Date(row.fetchedAt.getTime() + 86_400_000) ? publishedAt : row.fetchedAt;
  return { ...row, seenAt, entityKeys: row.entityKeys ?? [] };
}

/** An article with what clustering compares: title, text, time, minhash and entity keys. */
export async function articleForCluster(db: Db, id: number): Promise<ArticleForCluster | undefined> {
  const [row] = await db.select(ARTICLE_FOR_CLUSTER_COLUMNS).from(articles).where(eq(articles.id, id));
  return row && toArticleForCluster(row);
}

/** What scoring reads of a candidate event (its titles only when the article joins it: eventTitles). */
export interface EventCandidateRow {
  id: number;
  title: string;
  entityKeys: string[];
  lastSeenAt: Date;
  firstSeenAt: Date;
  revision: number;
  terms: Record<string, number>;
  sourceIds: string[];
}

/** An event as the article joining it needs it: with its recent member titles. */
export interface EventToJoin extends EventCandidateRow {
  titles: string[];
}

// Parsed candidate profiles by their digest (events.terms_digest). The profile is most of a
// candidate's bytes, and the events of a window change one at a time: reading and parsing every
// candidate's profile for every article cost twice as much as finding the candidates. Keyed by
// content, so no writer has to invalidate an entry; the least recently used goes first.
const PROFILE_CACHE_SIZE = 4096;
const profiles = new Map<string, Record<string, number>>();

function cachedProfile(digest: string): Record<string, number> | undefined {
  const profile = profiles.get(digest);
  if (profile) {
    profiles.delete(digest);
    profiles.set(digest, profile);
  }
  return profile;
}

// A profile as a reader parses it back: keys in jsonb's order (shorter first, then by bytes).
// Scoring sums over the keys in order, so a profile written here and kept for readers must not
// differ from the stored one in its order either.
function inStoredOrder(profile: Record<string, number>): Record<string, number> {
  const keys = Object.keys(profile).map((key) => ({ key, bytes: Buffer.from(key) }));
  keys.sort((a, b) => a.bytes.length - b.bytes.length || Buffer.compare(a.bytes, b.bytes));
  return Object.fromEntries(keys.map(({ key }) => [key, profile[key]]));
}

/** The profile a write just stored under `digest`, kept for readers (the next article finds it parsed). */
function storedProfile(digest: string, profile: Record<string, number>): Record<string, number> {
  return cachedProfile(digest) ?? rememberProfile(digest, inStoredOrder(profile));
}

function rememberProfile(digest: string, profile: Record<string, number>): Record<string, number> {
  // Shared by every reader from now on: frozen so that no reader changes it for the others.
  const shared = Object.freeze(profile);
  profiles.set(digest, shared);
  if (profiles.size > PROFILE_CACHE_SIZE) profiles.delete(profiles.keys().next().value!);
  return shared;
}

// The columns scoring reads of an event (EventCandidateRow), its profile apart: candidates are
// first read with the profile's digest instead (see candidateEvents).
const CANDIDATE_BASE_COLUMNS = {
  id: events.id,
  title: events.title,
  entityKeys: events.entityKeys,
  lastSeenAt: events.lastSeenAt,
  firstSeenAt: events.firstSeenAt,
  revision: events.revision,
  sourceIds: events.sourceIds,
};
const CANDIDATE_COLUMNS = { ...CANDIDATE_BASE_COLUMNS, terms: events.terms };
/** The columns joining reads of an event (EventToJoin): scoring's and its titles. */
export const EVENT_TO_JOIN_COLUMNS = { ...CANDIDATE_COLUMNS, titles: events.titles };

/** Events within `windowHours` of `at` whose titles share words with `words`, best full-text rank first. */
export async function candidateEvents(db: Db, words: string[], at: Date, windowHours: number, limit = 25): Promise<EventCandidateRow[]> {
  const terms = [...new Set(words.map((w) => w.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '')).filter((w) => w.length > 1))];
  if (terms.length === 0) return [];
  const query = terms.join(' | ');
  const from = new Date(at.getTime() - windowHours * 3_600_000);
  const to = new Date(at.getTime() + windowHours * 3_600_000);
  const rows = await db
    .select({ ...CANDIDATE_BASE_COLUMNS, termsDigest: events.termsDigest })
    .from(events)
    .where(
      and(
        gt(events.lastSeenAt, from),
        lt(events.firstSeenAt, to),
        isNull(events.mergedInto),
        sql`${events.search} @@ to_tsquery('english', ${query})`,
      ),
    )
    .orderBy(sql`ts_rank(${events.search}, to_tsquery('english', ${query})) desc`)
    .limit(limit);
  const known = new Map<string, Record<string, number>>();
  for (const r of rows) {
    const profile = cachedProfile(r.termsDigest);
    if (profile) known.set(r.termsDigest, profile);
  }
  const unread = rows.filter((r) => !known.has(r.termsDigest));
  if (unread.length > 0) {
    const read = await db
      .select({ digest: events.termsDigest, terms: events.terms })
      .from(events)
      .where(and(inArray(events.id, unread.map((r) => r.id)), inArray(events.termsDigest, unread.map((r) => r.termsDigest))));
    for (const r of read) known.set(r.digest, rememberProfile(r.digest, r.terms));
  }
  // A profile that changed between the two reads: its event is read whole again.
  const changed = unread.filter((r) => !known.has(r.termsDigest)).map((r) => r.id);
  const reread = new Map((changed.length === 0 ? [] : await eventRows(db, changed)).map((r) => [r.id, r]));
  return rows.flatMap(({ termsDigest, ...row }) => {
    const terms = known.get(termsDigest);
    const event = terms ? { ...row, terms } : reread.get(row.id);
    return event ? [event] : [];
  });
}

async function eventRows(db: Db, ids: number[]): Promise<EventCandidateRow[]> {
  return db.select(CANDIDATE_COLUMNS).from(events).where(inArray(events.id, ids));
}

const MAX_TITLES = 50;
// An event's profile keeps its most frequent terms: enough to match on, bounded in size.
const MAX_PROFILE_TERMS = 300;

function trimProfile(profile: Record<string, number>): Record<string, number> {
  const entries = Object.entries(profile);
  if (entries.length <= MAX_PROFILE_TERMS) return profile;
  return Object.fromEntries(entries.sort((a, b) => b[1] - a[1]).slice(0, MAX_PROFILE_TERMS));
}

/** The titles of an event (the one an article joins: its headline is chosen among them). */
export async function eventTitles(db: Db, id: number): Promise<string[]> {
  const [row] = await db.select({ titles: events.titles }).from(events).where(eq(events.id, id));
  return row?.titles ?? [];
}

/** One event with its titles (the event a copy's original is in, or an analyst put the article in). */
export async function eventCandidate(db: Db, id: number): Promise<EventToJoin | undefined> {
  const [row] = await db.select(EVENT_TO_JOIN_COLUMNS).from(events).where(eq(events.id, id));
  return row;
}

/** Creates an event for an article that matched none; returns its id and revision. */
export async function createEvent(db: Db, article: ArticleForCluster, terms: Map<string, number>): Promise<{ id: number; revision: number }> {
  const [row] = await db
    .insert(events)
    .values({
      title: article.title,
      titles: [article.title],
      search: sql`to_tsvector('english', ${article.title})`,
      entityKeys: article.entityKeys,
      terms: Object.fromEntries(terms),
      sourceIds: [article.sourceId],
      firstSeenAt: article.seenAt,
      lastSeenAt: article.seenAt,
      articleCount: 1,
      revision: 1,
    })
    .returning({ id: events.id, revision: events.revision, termsDigest: events.termsDigest });
  storedProfile(row.termsDigest, Object.fromEntries(terms));
  return { id: row.id, revision: row.revision };
}

/**
 * Adds an article to an existing event: titles, entities, time span, count and revision. `event`
 * is the event as it stands (read in this transaction): only what the article changes is sent,
 * not the whole title list and profile again (they were most of the stage's bytes). Returns
 * its new revision, and the event as now stored (built from what was written, not read back).
 */
export async function joinEvent(
  db: Db,
  event: EventToJoin,
  article: ArticleForCluster,
  title: string,
  terms: Map<string, number>,
): Promise<{ id: number; revision: number; joined: EventToJoin }> {
  const profile = { ...event.terms };
  for (const [term, count] of terms) profile[term] = (profile[term] ?? 0) + count;
  const kept = trimProfile(profile);
  const counted: Record<string, number> = {};
  for (const term of terms.keys()) if (term in kept) counted[term] = kept[term];
  const dropped = Object.keys(event.terms).filter((term) => !(term in kept));
  const newKeys = [...new Set(article.entityKeys)].filter((key) => !event.entityKeys.includes(key));
  // The title list gains the article's; the oldest drop out beyond MAX_TITLES.
  const cut = event.titles.length + 1 - MAX_TITLES;
  const titles =
    cut > 0
      ? sql`(select jsonb_agg(t order by i) from jsonb_array_elements(${events.titles}) with ordinality e(t, i) where i > ${cut}) || to_jsonb(${article.title}::text)`
      : sql`${events.titles} || to_jsonb(${article.title}::text)`;
  // All titles parsed again, as the list stores them after this update.
  const allTitles = sql`to_tsvector('english', (select string_agg(t, E' \n ' order by i) from jsonb_array_elements_text(${titles}) with ordinality e(t, i)))`;
  const [row] = await db
    .update(events)
    .set({
      title,
      titles,
      // While no title drops out, the new title's words are added to the index rather than all
      // titles parsed again; an event without an index yet gets it whole.
      search: cut > 0 ? allTitles : sql`coalesce(${events.search} || to_tsvector('english', ${article.title}), ${allTitles})`,
      ...(newKeys.length > 0 ? { entityKeys: sql`${events.entityKeys} || ${JSON.stringify(newKeys)}::jsonb` } : {}),
      terms: dropped.length > 0 ? sql`(${events.terms} - ${sql.param(dropped)}::text[]) || ${JSON.stringify(counted)}::jsonb` : sql`${events.terms} || ${JSON.stringify(counted)}::jsonb`,
      ...(event.sourceIds.includes(article.sourceId) ? {} : { sourceIds: sql`${events.sourceIds} || to_jsonb(${article.sourceId}::text)` }),
      firstSeenAt: sql`least(${events.firstSeenAt}, ${article.seenAt.toISOString()}::timestamptz)`,
      lastSeenAt: sql`greatest(${events.lastSeenAt}, ${article.seenAt.toISOString()}::timestamptz)`,
      articleCount: sql`${events.articleCount} + 1`,
      revision: sql`${events.revision} + 1`,
      updatedAt: new Date(),
    })
    .where(eq(events.id, event.id))
    .returning({ id: events.id, revision: events.revision, firstSeenAt: events.firstSeenAt, lastSeenAt: events.lastSeenAt, termsDigest: events.termsDigest });
  const joined: EventToJoin = {
    id: row.id,
    title,
    entityKeys: [...event.entityKeys, ...newKeys],
    lastSeenAt: row.lastSeenAt,
    firstSeenAt: row.firstSeenAt,
    revision: row.revision,
    sourceIds: event.sourceIds.includes(article.sourceId) ? event.sourceIds : [...event.sourceIds, article.sourceId],
    terms: storedProfile(row.termsDigest, kept),
    titles: [...event.titles, article.title].slice(-MAX_TITLES),
  };
  return { id: row.id, revision: row.revision, joined };
}

/** Takes an article out of its event (an edit moved it elsewhere); returns the event's new revision. */
export async function leaveEvent(db: Db, eventId: number): Promise<{ id: number; revision: number } | undefined> {
  const [row] = await db
    .update(events)
    .set({ articleCount: sql`greatest(${events.articleCount} - 1, 0)`, revision: sql`${events.revision} + 1`, updatedAt: new Date() })
    .where(eq(events.id, eventId))
    .returning({ id: events.id, revision: events.revision });
  return row;
}

/**
 * Syndication candidates in an event: its original articles (copies point at them, so a copy of
 * a copy still finds the root), the most recent first, at most `limit` of them.
 */
export async function eventArticleSignatures(db: Db, eventId: number, exceptArticleId: number, limit = 200) {
  return db
    .select({ id: articles.id, sourceId: articles.sourceId, shingles: articles.shingles })
    .from(articles)
    .where(and(eq(articles.eventId, eventId), ne(articles.id, exceptArticleId), isNull(articles.duplicateOf)))
    .orderBy(desc(articles.fetchedAt), desc(articles.id))
    .limit(limit);
}

/**
 * Records where an article landed: its event, its syndication original, and that this version is
 * clustered; with `countedTerms`, counts them for IDF (countTerms) in the same statement.
 */
export async function markClustered(
  db: Db,
  articleId: number,
  version: number,
  eventId: number,
  duplicateOf: number | null,
  reason: Record<string, unknown> | null = null,
  countedTerms: string[] | null = null,
): Promise<void> {
  await db.execute(sql`
    ${countedTerms ? sql`with counted as (${countTermsStatement(countedTerms)})` : sql``}
    update ${articles} set event_id = ${eventId}, duplicate_of = ${duplicateOf}, clustered_at = ${new Date().toISOString()}::timestamptz,
      cluster_reason = ${reason === null ? null : JSON.stringify(reason)}::jsonb
    where id = ${articleId} and version = ${version}`);
}

/** Events whose latest revision has not been verified yet. */
export async function eventsPendingVerification(db: Db): Promise<{ id: number; revision: number }[]> {
  return db
    .select({ id: events.id, revision: events.revision })
    .from(events)
    .where(and(sql`${events.verifiedRevision} < ${events.revision}`, gt(events.articleCount, 0)));
}

/**
 * Locks an article's row until the end of the transaction, so two runs for one article take
 * turns, and reads it as articleForCluster does (in the same statement: one round trip fewer),
 * with whether its version is clustered already.
 */
export async function lockArticleForClustering(db: Db, articleId: number): Promise<(ArticleForCluster & { clustered: boolean }) | undefined> {
  const [row] = await db
    .select({ ...ARTICLE_FOR_CLUSTER_COLUMNS, clusteredAt: articles.clusteredAt })
    .from(articles)
    .where(eq(articles.id, articleId))
    .for('update');
  if (!row) return undefined;
  const { clusteredAt, ...article } = row;
  return { ...toArticleForCluster(article), clustered: clusteredAt !== null };
}

/** Bumps an event's revision (an article in it was edited), so it is verified again. */
export async function touchEvent(db: Db, eventId: number): Promise<{ id: number; revision: number }> {
  const [row] = await db
    .update(events)
    .set({ revision: sql`${events.revision} + 1`, updatedAt: new Date() })
    .where(eq(events.id, eventId))
    .returning({ id: events.id, revision: events.revision });
  return row;
}
