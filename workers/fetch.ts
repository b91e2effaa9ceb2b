import type { JobHandler } from '../src/jobs/handlers';
import { ingestSource } from '../src/pipeline/fetch/ingest';

/** FetchSource: fetch one source, store its items, hand new and edited articles to extraction. */
export const fetchSource: JobHandler<'FetchSource'> = async (ctx, { sourceId, force }, attempt) => {
  const result = await ingestSource(ctx, sourceId, { attempt, force });
  if (result.kind === 'skipped') {
    ctx.log.debug({ source_id: sourceId, reason: result.reason }, 'fetch skipped');
    return { articles: [] };
  }
  ctx.log.info(
    { source_id: sourceId, outcome: result.outcome, found: result.found, inserted: result.inserted, updated: result.updated },
    'source fetched',
  );
  return { articles: result.articles };
};
