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
}

const BATCH = 200;

/**
 * Stores a source's items: new ones are inserted; an item the source edited (same guid or same
 * canonical URL, new title or summary) is updated in place with a new version, so it is
 * re-extracted instead of becoming a second article. Unchanged items cost one lookup.
 */
export async function upsertSourceItems(db: Db, sourceId: string, items: ArticleInput[]): Promise<UpsertResult> {
  const result: UpsertResult = { inserted: [], updated: [] };
  // Within one fetch, the first occurrence of a guid or canonical URL wins.
  const seenGuid = new Set<string>();
  const seenUrl = new Set<string>();
  const unique = items.filter((item) => {
    if (seenGuid.has(item.guid) || seenUrl.has(item.canonicalUrl)) return false;
    seenGuid.add(item.guid);
    seenUrl.add(item.canonicalUrl);
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
      } else if (row.title !== item.title || (row.summary ?? null) !== (item.summary ?? null)) {
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

    const values = fresh.map(
      (i) =>
        sql`(${sourceId}, ${i.guid}, ${i.url}, ${i.canonicalUrl}, ${i.title}, ${i.summary ?? null}, ${i.contentHtml ?? null}, ${i.author ?? null}, ${i.publishedAt?.toISOString() ?? null}::timestamptz, ${i.extra ? JSON.stringify(i.extra) : null}::jsonb)`,
    );
    // A canonical URL already stored by another source is the same article: leave it alone.
    const rows = await queryRows<{ id: number | string; version: number; inserted: boolean }>(db, sql`
      insert into articles (source_id, guid, url, canonical_url, title, summary, content_html, author, published_at, extra)
      values ${sql.join(values, sql`, `)}
      on conflict (canonical_url) do update set
        title = excluded.title, summary = excluded.summary, content_html = excluded.content_html,
        guid = excluded.guid, version = articles.version + 1, extracted_at = null, clustered_at = null
      where articles.source_id = excluded.source_id
        and (articles.title is distinct from excluded.title or articles.summary is distinct from excluded.summary)
      returning id, version, (xmax = 0) as inserted`);
    for (const row of rows) {
      const entry = { id: Number(row.id), version: Number(row.version) };
      (row.inserted ? result.inserted : result.updated).push(entry);
    }
  }
  return result;
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
