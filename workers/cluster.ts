import type { JobHandler } from '../src/jobs/handlers';
import { clusterArticle } from '../src/pipeline/cluster/cluster-article';

/** ClusterArticle: mark syndicated copies and join the article to an event (or start one). */
export const clusterArticleJob: JobHandler<'ClusterArticle'> = async (ctx, { articleId, version }) => {
  const events = await clusterArticle(ctx, articleId, version);
  return { events };
};
