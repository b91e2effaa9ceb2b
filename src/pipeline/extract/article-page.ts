import type { Logger } from '../../logger';
import type { HostGate } from '../fetch/politeness';
import { fetchPage } from '../fetch/fetch-page';
import { extractPage } from './full-text';
import type { Source } from '../../config/sources';
import { sourceLimits } from '../fetch/http-client';
import type { ExtractedPage } from '../types';

/**
 * The article's page, read for its main text and metadata (byline, publication date), for
 * sources with `fetchFullText`. A page that cannot be fetched or read leaves the feed's own
 * text in place: it is logged, not retried forever.
 */
export async function fetchArticlePage(url: string, source: Source, log: Logger, gate?: HostGate): Promise<ExtractedPage | undefined> {
  const page = await fetchPage(url, { sourceUrl: source.url, privateNetwork: source.privateNetwork, limits: sourceLimits(source), gate });
  if (page.kind !== 'ok') {
    log.warn({ url, error_class: page.errorClass, reason: page.message }, 'full text not fetched; keeping the feed text');
    return undefined;
  }
  return extractPage(page.html, page.url);
}
