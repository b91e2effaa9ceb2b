import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../client';
import { articles } from '../schema';

// Writes and stage reads for the articles aggregate.

export interface ArticleInput {
  guid: string;
  url: string;
  canonicalUrl: string;
  title: string;
  summary?: string;
  contentHtml?: string;
  author?: string;
  publishedAt?: Date;
  extra?: Record<string, unknown>;
}

export interface UpsertResult {
  inserted: { id: number; version: number }[];
  updated: { id: number; version: number }[];
  /** Of the inserted: further posts of the source at a page it had stored another post at. */
  sharedLink: { id: number; guid: string; canonicalUrl: string }[];
  /** Items at a page another source stored first: that article stands for them. */
  heldElsewhere: number;
  /** Items that repeat a post: its guid again, or its link, title and summary under another guid. */
  repeats: number;
}

const BATCH = 200;

const samePost = (a: { title: string; summary?: string | null }, b: { title: string; summary?: string | null }) =>
  a.title === b.title && (a.summary ?? null) === (b.summary ?? null);

/**
 * Stores a source's items: new ones are inserted; an item the source edited (same guid, new title
 * or summary) is updated in place with a new version, so it is re-extracted instead of becoming
 * a second article. Unchanged items cost one lookup.
 *
 * The guid names a post, as in every feed reader: a second post of the same source at a link it
 * already stored (a linked item and a sponsor item pointing at one site) is an article of its
 * own, reported in sharedLink, because readers expect both posts and their texts differ; taking
 * it for an edit would overwrite the first post and flip back and forth on every fetch while the
 * feed lists both. Only an item with the same link, title and summary is the stored post again
 * (a feed that re-issued its guid), counted in repeats. A page another source stored first stays
 * that source's article, counted in heldElsewhere. Nothing is left out without being counted.
 */
export async function upsertSourceItems(db: Db, sourceId: string, items: ArticleInput[]): Promise<UpsertResult> {
  const result: UpsertResult = { inserted: [], updated: [], sharedLink: [], heldElsewhere: 0, repeats: 0 };
  // Within one fetch, the first occurrence of a guid wins, and so does the first listing of one post.
  const seenGuid = new Set<string>();
  const seenAtUrl = new Map<string, ArticleInput[]>();
  const unique = items.filter((item) => {
    const atUrl = seenAtUrl.get(item.canonicalUrl) ?? [];
    if (seenGuid.has(item.guid) || atUrl.some((other) => samePost(other, item))) {
      result.repeats++;
      return false;
    }
    seenGuid.add(item.guid);
    seenAtUrl.set(item.canonicalUrl, [...atUrl, item]);
    return true;
  });

  for (let start = 0; start < unique.length; start += BATCH) {
    const batch = unique.slice(start, start + BATCH);
    const existing = await db
      .select({ id: articles.id, guid: articles.guid, title: articles.title, summary: articles.summary })
      .from(articles)
      .where(and(eq(articles.sourceId, sourceId), inArray(articles.guid, batch.map((i) => i.guid))));
    const byGuid = new Map(existing.map((row) => [row.guid, row]));

    const fresh: ArticleInput[] = [];
    for (const item of batch) {
      const row = byGuid.get(item.guid);
      if (!row) {
        fresh.push(item);
      } else if (!samePost(row, item)) {
        const [edited] = await db
          .update(articles)
          .set({
            title: item.title,
            summary: item.summary ?? null,
            contentHtml: item.contentHtml ?? null,
            url: item.url,
            author: item.author ?? null,
            publishedAt: item.publishedAt ?? null,
            version: sql`${articles.version} + 1`,
            extractedAt: null,
            clusteredAt: null,
          })
          .where(eq(articles.id, row.id))
          .returning({ id: articles.id, version: articles.version });
        result.updated.push(edited);
      }
    }
    if (fresh.length === 0) continue;

    const firstAtLink = await insertItems(db, sourceId, fresh, () => '');
    for (const row of firstAtLink) result.inserted.push({ id: Number(row.id), version: Number(row.version) });
    const stored = new Set(firstAtLink.map((row) => row.guid));
    const taken = fresh.filter((item) => !stored.has(item.guid));
    if (taken.length === 0) continue;

    // The page is stored already: by another source (its article stands for this item), as this
    // post under an older guid, or as another post of this source (this one gets its own article).
    const holders = await db
      .select({ sourceId: articles.sourceId, canonicalUrl: articles.canonicalUrl, title: articles.title, summary: articles.summary })
      .from(articles)
      .where(and(inArray(articles.canonicalUrl, taken.map((i) => i.canonicalUrl)), eq(articles.linkPost, '')));
    const holderOf = new Map(holders.map((h) => [h.canonicalUrl, h]));
    const furtherPosts: ArticleInput[] = [];
    for (const item of taken) {
      const holder = holderOf.get(item.canonicalUrl);
      if (!holder || holder.sourceId !== sourceId) result.heldElsewhere++;
      else if (samePost(holder, item)) result.repeats++;
      else furtherPosts.push(item);
    }
    if (furtherPosts.length === 0) continue;
    const further = await insertItems(db, sourceId, furtherPosts, (item) => item.guid);
    for (const row of further) {
      result.inserted.push({ id: Number(row.id), version: Number(row.version) });
      result.sharedLink.push({ id: Number(row.id), guid: row.guid, canonicalUrl: row.canonical_url });
    }
    result.heldElsewhere += furtherPosts.length - further.length;
  }
  return result;
}

// One multi-row insert; rows whose (canonical URL, link post) is taken are left out of the answer.
async function insertItems(db: Db, sourceId: string, items: ArticleInput[], linkPost: (item: ArticleInput) => string) {
  const values = items.map(
    (i) =>
      sql`(${sourceId}, ${i.guid}, ${i.url}, ${i.canonicalUrl}, ${linkPost(i)}, ${i.title}, ${i.summary ?? null}, ${i.contentHtml ?? null}, ${i.author ?? null}, ${i.publishedAt?.toISOString() ?? null}::timestamptz, ${i.extra ? JSON.stringify(i.extra) : null}::jsonb)`,
  );
  return queryRows<{ id: number | string; version: number; guid: string; canonical_url: string }>(db, sql`
    insert into articles (source_id, guid, url, canonical_url, link_post, title, summary, content_html, author, published_at, extra)
    values ${sql.join(values, sql`, `)}
    on conflict (canonical_url, link_post) do nothing
    returning id, version, guid, canonical_url`);
}

/** Articles of a source stored but not yet extracted (left behind by a crash or a lost job). */
export async function pendingExtraction(db: Db, sourceId?: string): Promise<{ id: number; version: number }[]> {
  return db
    .select({ id: articles.id, version: articles.version })
    .from(articles)
    .where(and(isNull(articles.extractedAt), sourceId ? eq(articles.sourceId, sourceId) : undefined));
}

/** Articles extracted but not yet clustered. */
export async function pendingClustering(db: Db): Promise<{ id: number; version: number }[]> {
  return db
    .select({ id: articles.id, version: articles.version })
    .from(articles)
    .where(and(sql`${articles.extractedAt} is not null`, isNull(articles.clusteredAt)));
}

export type ArticleRow = typeof articles.$inferSelect;

/** One article row. */
export async function getArticle(db: Db, id: number): Promise<ArticleRow | undefined> {
  const rows = await db.select().from(articles).where(eq(articles.id, id)).limit(1);
  return rows[0];
}
