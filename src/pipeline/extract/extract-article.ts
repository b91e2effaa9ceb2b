import { getArticle } from '../../db/queries/articles';
import { saveExtraction, upsertEntities } from '../../db/queries/entity-links';
import { getSource, sourceOf } from '../../db/queries/sources';
import type { StageContext } from '../context';
import { fetchArticlePage } from './article-page';
import { acceptedCandidateEntities, recordCandidates } from '../../db/queries/entity-candidates';
import { readArticle, type ArticleToRead } from './read-article';

/**
 * Extracts one article version: its text (the page's main content when the source asks for
 * full text, else the feed's content or summary), the entities it names and the outlet it
 * attributes its report to. Returns undefined when the article is gone. The reading itself
 * (read-article.ts) runs on the process's reading threads when it has them; the stage's own
 * work here is the database's and the page fetch.
 */
export async function extractArticle(ctx: StageContext, articleId: number, version: number): Promise<{ version: number } | undefined> {
  const article = await getArticle(ctx.db, articleId);
  if (!article) return undefined;
  // A newer version has its own job; an already extracted version needs nothing.
  if (article.version !== version || article.extractedAt) return { version: article.version };
  const source = await getSource(ctx.db, article.sourceId);

  // The page also fills in what the feed left out: its byline and publication date.
  let pageText: string | undefined;
  let pageFacts: { author?: string; publishedAt?: Date } = {};
  if (source?.config && (source.config as { fetchFullText?: boolean }).fetchFullText) {
    const page = await fetchArticlePage(article.url, sourceOf(source), ctx.log, ctx.hostGate);
    pageText = page?.text;
    if (page) pageFacts = { author: article.author ? undefined : page.byline?.slice(0, 200), publishedAt: article.publishedAt ? undefined : page.publishedAt };
  }

  const input: ArticleToRead = {
    title: article.title,
    contentHtml: article.contentHtml,
    summary: article.summary,
    pageText,
    sourceName: source?.name,
    sourceCategory: source?.category,
    officialRegister: source?.kind === 'federal-register',
    accepted: await acceptedCandidateEntities(ctx.db),
  };
  const reading = ctx.readingThreads ? await ctx.readingThreads.read(input) : readArticle(input);
  const ids = await upsertEntities(ctx.db, reading.entities);

  const saved = await saveExtraction(ctx.db, articleId, version, {
    contentText: reading.text,
    ...pageFacts,
    origin: reading.origin,
    shingles: reading.shingles,
    claimCandidates: reading.claimCandidates,
    articleType: reading.articleType,
    ownSourcing: reading.ownSourcing,
    entities: reading.mentions.map((m) => ({ entityId: ids.get(m.key)!, mentions: m.mentions })).filter((e) => e.entityId !== undefined),
  });
  if (saved) await recordCandidates(ctx.db, articleId, reading.candidates);
  if (!saved) ctx.log.debug({ article_id: articleId, version }, 'article changed during extraction; newer version pending');
  return { version };
}
