import type { ArticleType } from '../../vocabulary';
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../client';
import { articleEntities, articles, entities, type StoredClaimCandidate } from '../schema';
import type { EntityKind } from '../../vocabulary';

export interface EntityInput {
  key: string;
  name: string;
  kind: EntityKind;
  aliases: string[];
  parentKey?: string;
}

/** Upserts entities (parents before children) and returns their ids by key. */
export async function upsertEntities(db: Db, list: EntityInput[]): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  if (list.length === 0) return ids;
  const existing = await db
    .select({ id: entities.id, key: entities.key })
    .from(entities)
    .where(inArray(entities.key, list.map((e) => e.key)));
  for (const row of existing) ids.set(row.key, row.id);
  const byKey = new Map(list.map((e) => [e.key, e]));
  const ensure = async (entity: EntityInput, depth = 0): Promise<number> => {
    const known = ids.get(entity.key);
    if (known !== undefined) return known;
    const parent = entity.parentKey && depth < 5 ? byKey.get(entity.parentKey) : undefined;
    const parentId = parent ? await ensure(parent, depth + 1) : null;
    const [row] = await db
      .insert(entities)
      .values({ key: entity.key, name: entity.name, kind: entity.kind, aliases: entity.aliases, parentId })
      .onConflictDoUpdate({ target: entities.key, set: { name: entity.name, kind: entity.kind, aliases: entity.aliases, parentId } })
      .returning({ id: entities.id });
    ids.set(entity.key, row.id);
    return row.id;
  };
  for (const entity of list) await ensure(entity);
  return ids;
}

export interface ExtractionRecord {
  contentText: string;
  /** From the article's page, only where the feed gave none. */
  author?: string;
  publishedAt?: Date;
  origin: string | null;
  shingles: number[];
  claimCandidates: StoredClaimCandidate[];
  articleType: ArticleType;
  ownSourcing: boolean;
  entities: { entityId: number; mentions: number }[];
}

/**
 * Stores what extraction found for one article version, replacing the previous links. Writes
 * nothing when the article moved on to a newer version meanwhile (that version has its own job).
 */
export async function saveExtraction(db: Db, articleId: number, version: number, record: ExtractionRecord): Promise<boolean> {
  return db.transaction(async (tx) => {
    const updated = await tx
      .update(articles)
      .set({
        contentText: record.contentText,
        ...(record.author ? { author: record.author } : {}),
        ...(record.publishedAt ? { publishedAt: record.publishedAt } : {}),
        origin: record.origin,
        shingles: record.shingles,
        claimCandidates: record.claimCandidates,
        articleType: record.articleType,
        ownSourcing: record.ownSourcing,
        extractedAt: new Date(),
      })
      .where(and(eq(articles.id, articleId), eq(articles.version, version)))
      .returning({ id: articles.id });
    if (updated.length === 0) return false;
    await tx.delete(articleEntities).where(eq(articleEntities.articleId, articleId));
    if (record.entities.length) {
      await tx.insert(articleEntities).values(record.entities.map((e) => ({ articleId, entityId: e.entityId, mentions: e.mentions })));
    }
    return true;
  });
}
