import type { FetchErrorClass, FetchLimits } from '../types';
import { allowsPrivateAddresses } from './address-guard';
import { decodeBody } from './charset';
import { USER_AGENT, fetchUrl, mergeLimits } from './http-client';
import { createHostGate, type HostGate } from './politeness';
import { isAllowedByRobots, robotsFetcherFor } from './robots';

export type PageResult = { kind: 'ok'; html: string; url: string } | { kind: 'failure'; errorClass: FetchErrorClass; message: string };

let sharedGate: HostGate | undefined;

/**
 * Fetches one article page for full-text extraction: robots.txt honoured, politeness gate,
 * the same limits and address guard as feeds (a page may reach non-public addresses only when
 * its source is configured on one or marked `privateNetwork`).
 */
export async function fetchPage(
  url: string,
  options: { sourceUrl: string; privateNetwork?: boolean; limits?: Partial<FetchLimits>; gate?: HostGate; userAgent?: string },
): Promise<PageResult> {
  const gate = options.gate ?? (sharedGate ??= createHostGate());
  const userAgent = options.userAgent ?? USER_AGENT;
  const allowPrivateAddresses = allowsPrivateAddresses({ url: options.sourceUrl, privateNetwork: options.privateNetwork });
  // The source's own limits apply to its pages too; unset ones keep the defaults.
  const limits = mergeLimits(options.limits);
  const request = (target: string, accept: string, maxBodyBytes: number = limits.maxBodyBytes) =>
    gate.run(target, () => fetchUrl(target, { limits: { ...limits, maxBodyBytes }, allowPrivateAddresses, userAgent, accept }));

  const fetchRobots = robotsFetcherFor(request);
  const verdict = await isAllowedByRobots(url, userAgent, fetchRobots);
  if (!verdict.allowed) return { kind: 'failure', errorClass: 'robots', message: `${url} is ${verdict.detail ?? 'disallowed by robots.txt'}` };

  const page = await request(url, 'text/html, application/xhtml+xml;q=0.9, */*;q=0.5');
  if (page.kind === 'failure') return { kind: 'failure', errorClass: page.errorClass, message: page.message };
  if (page.kind === 'not_modified') return { kind: 'failure', errorClass: 'http_4xx', message: `${url} answered 304 to an unconditional request` };
  return { kind: 'ok', html: decodeBody(page.body, page.contentType).text, url: page.url };
}
