import { getArticle } from '../../db/queries/articles';
import { saveExtraction, upsertEntities, type EntityInput } from '../../db/queries/entity-links';
import { getSource, sourceOf } from '../../db/queries/sources';
import { shingleSignature } from '../../text/similarity';
import type { StageContext } from '../context';
import { plainText } from '../fetch/feed-text';
import { fetchArticlePage } from './article-page';
import { acceptedCandidateEntities, recordCandidates } from '../../db/queries/entity-candidates';
import { entityFromStore, loadGazetteer } from '../../text/gazetteer';
import { understandText } from './understand-text';

/**
 * Extracts one article version: its text (the page's main content when the source asks for
 * full text, else the feed's content or summary), the entities it names and the outlet it
 * attributes its report to. Returns undefined when the article is gone.
 */
export async function extractArticle(ctx: StageContext, articleId: number, version: number): Promise<{ version: number } | undefined> {
  const article = await getArticle(ctx.db, articleId);
  if (!article) return undefined;
  // A newer version has its own job; an already extracted version needs nothing.
  if (article.version !== version || article.extractedAt) return { version: article.version };
  const source = await getSource(ctx.db, article.sourceId);

  let text = [article.contentHtml, article.summary].map((html) => (html ? plainText(html) : '')).sort((a, b) => b.length - a.length)[0];
  // The page also fills in what the feed left out: its byline and publication date.
  let pageFacts: { author?: string; publishedAt?: Date } = {};
  if (source?.config && (source.config as { fetchFullText?: boolean }).fetchFullText) {
    const page = await fetchArticlePage(article.url, sourceOf(source), ctx.log, ctx.hostGate);
    if (page && page.text.length > text.length) text = page.text;
    if (page) pageFacts = { author: article.author ? undefined : page.byline?.slice(0, 200), publishedAt: article.publishedAt ? undefined : page.publishedAt };
  }

  // Accepted candidates are matched like registry entries.
  const gazetteer = loadGazetteer().withEntities((await acceptedCandidateEntities(ctx.db)).map(entityFromStore));
  const understood = understandText({
    title: article.title,
    text,
    sourceName: source?.name,
    sourceCategory: source?.category,
    officialRegister: source?.kind === 'federal-register',
    gazetteer,
  });
  const { mentions, origin } = understood;
  const inputs: EntityInput[] = [];
  const addWithParents = (key: string, depth = 0) => {
    const entity = gazetteer.get(key);
    if (!entity || inputs.some((e) => e.key === key) || depth > 5) return;
    inputs.push({ key: entity.key, name: entity.name, kind: entity.kind, aliases: entity.aliases, parentKey: entity.parent });
    if (entity.parent) addWithParents(entity.parent, depth + 1);
  };
  for (const mention of mentions) addWithParents(mention.key);
  const ids = await upsertEntities(ctx.db, inputs);

  const saved = await saveExtraction(ctx.db, articleId, version, {
    contentText: text,
    ...pageFacts,
    origin: origin ?? null,
    shingles: shingleSignature(`${article.title} ${text}`),
    claimCandidates: understood.claims.map((c) => ({
      text: c.text,
      sentence: c.sentence,
      hedged: c.hedged,
      hedge: c.hedge,
      stance: c.stance,
      attribution: c.attribution,
      entityKeys: c.entityKeys,
      subject: c.subject,
      predicate: c.predicate,
      objects: c.objects,
      amounts: c.amounts,
      dates: c.dates,
      polarity: c.polarity,
      about: c.about,
    })),
    articleType: understood.articleType,
    ownSourcing: understood.ownSourcing,
    entities: mentions.map((m) => ({ entityId: ids.get(m.key)!, mentions: m.mentions })).filter((e) => e.entityId !== undefined),
  });
  if (saved) await recordCandidates(ctx.db, articleId, understood.candidates);
  if (!saved) ctx.log.debug({ article_id: articleId, version }, 'article changed during extraction; newer version pending');
  return { version };
}
