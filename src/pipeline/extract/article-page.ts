import type { Logger } from '../../logger';
import type { HostGate } from '../fetch/politeness';
import { fetchPage } from '../fetch/fetch-page';
import { extractPage } from '../fetch/full-text';

/**
 * The main text of an article's page, for sources with `fetchFullText`. A page that cannot
 * be fetched or read leaves the feed's own text in place: it is logged, not retried forever.
 */
export async function fetchArticleText(url: string, sourceUrl: string, log: Logger, gate?: HostGate): Promise<string | undefined> {
  const page = await fetchPage(url, { sourceUrl, gate });
  if (page.kind !== 'ok') {
    log.warn({ url, error_class: page.errorClass, reason: page.message }, 'full text not fetched; keeping the feed text');
    return undefined;
  }
  return extractPage(page.html, page.url).text || undefined;
}
