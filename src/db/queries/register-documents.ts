import { and, asc, between, eq, inArray, isNotNull, lt, ne, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { articles, claims, events, sources } from '../schema';
import { verificationColumns } from './claim-assessments';

// Reads for matching news claims to Federal Register documents (pipeline/verify/federal-register.ts).

/** More documents than this in one window is a bulk import, not news: the newest are enough. */
const MAX_DOCUMENTS = 500;

/** Federal Register documents (articles whose `extra` has a document number) published in [from, to], with their source's standing. */
export async function registerDocumentsBetween(db: Db, from: Date, to: Date) {
  return db
    .select(verificationColumns)
    .from(articles)
    .innerJoin(sources, eq(sources.id, articles.sourceId))
    .where(and(between(articles.publishedAt, from, to), sql`${articles.extra} ->> 'documentNumber' is not null`))
    .orderBy(asc(articles.publishedAt), asc(articles.id))
    .limit(MAX_DOCUMENTS);
}

/**
 * Events other than `except` holding a claim by one of `subjectKeys` with one of `predicates` and
 * an article published in [from, to], last verified before `seenAt` (when the document arrived):
 * the news a newly arrived document may confirm. An event verified since has weighed it already,
 * so two events that hold documents never keep re-verifying each other.
 */
export async function eventsWithRuleClaims(db: Db, subjectKeys: string[], predicates: string[], window: { from: Date; to: Date }, seenAt: Date, except: number): Promise<number[]> {
  if (subjectKeys.length === 0 || predicates.length === 0) return [];
  const rows = await db
    .selectDistinct({ id: claims.eventId })
    .from(claims)
    .innerJoin(articles, eq(articles.eventId, claims.eventId))
    .innerJoin(events, eq(events.id, claims.eventId))
    .where(
      and(
        ne(claims.eventId, except),
        lt(events.verifiedAt, seenAt),
        inArray(sql<string>`${claims.subject} ->> 'key'`, subjectKeys),
        inArray(claims.predicate, predicates as (typeof claims.$inferSelect.predicate & string)[]),
        between(articles.publishedAt, window.from, window.to),
        isNotNull(claims.subject),
      ),
    );
  return rows.map((r) => r.id);
}
