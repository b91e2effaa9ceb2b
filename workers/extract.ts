import type { JobHandler } from '../src/jobs/handlers';
import { PermanentJobError } from '../src/jobs/errors';
import { extractArticle } from '../src/pipeline/extract/extract-article';

/** ExtractArticle: full text, entities and attribution of one article version. */
export const extractArticleJob: JobHandler<'ExtractArticle'> = async (ctx, { articleId, version }) => {
  const result = await extractArticle(ctx, articleId, version);
  if (!result) throw new PermanentJobError(`article ${articleId} no longer exists`);
  return { articleId, version: result.version };
};
