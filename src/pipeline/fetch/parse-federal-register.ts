// Federal Register documents API (https://www.federalregister.gov/developers/documentation/api/v1):
// search responses ({count, results[], next_page_url}), bare results[] arrays and single documents.
import { z } from 'zod';
import type { FeedItem, ParsedFeed } from '../types';
import { FeedParseError } from './feed-entry';
import { absoluteHttpUrl, parseDate, plainText, summaryText } from './feed-text';

const FEDERAL_REGISTER_SITE = 'https://www.federalregister.gov/';

/** Fields requested from the search API: everything parseFederalRegister reads. */
export const FEDERAL_REGISTER_FIELDS = [
  'document_number', 'title', 'type', 'subtype', 'action', 'abstract', 'html_url', 'pdf_url',
  'publication_date', 'agencies', 'docket_ids', 'regulation_id_numbers', 'cfr_references',
  'effective_on', 'comments_close_on', 'citation',
] as const;

const DOCUMENT_TYPE_CODES: Record<string, string> = {
  rule: 'RULE',
  'final rule': 'RULE',
  'proposed rule': 'PRORULE',
  proposed_rule: 'PRORULE',
  prorule: 'PRORULE',
  notice: 'NOTICE',
  'presidential document': 'PRESDOCU',
  presidential_document: 'PRESDOCU',
  presdocu: 'PRESDOCU',
};

// Lenient on purpose: unknown fields pass, absent ones are null or missing depending on `fields[]`.
const text = z.string().nullish();
const agency = z.looseObject({ name: text, raw_name: text, slug: text, id: z.number().nullish() });
const cfrReference = z.looseObject({
  title: z.union([z.number(), z.string()]).nullish(),
  part: z.union([z.number(), z.string()]).nullish(),
  chapter: z.union([z.number(), z.string()]).nullish(),
});
const frDocument = z.looseObject({
  document_number: z.string().min(1),
  title: text,
  type: text,
  subtype: text,
  action: text,
  abstract: text,
  html_url: text,
  pdf_url: text,
  publication_date: text,
  agencies: z.array(agency).nullish().catch(undefined),
  docket_ids: z.array(z.string()).nullish().catch(undefined),
  docket_id: text.catch(undefined),
  regulation_id_numbers: z.array(z.string()).nullish().catch(undefined),
  cfr_references: z.array(cfrReference).nullish().catch(undefined),
  effective_on: text,
  comments_close_on: text,
  citation: text,
});
const searchResponse = z.looseObject({
  description: text,
  count: z.number().nullish(),
  results: z.array(z.unknown()).nullish(),
  next_page_url: text,
});
const apiError = z.looseObject({ status: z.union([z.number(), z.string()]), message: z.string() });

type FrDocument = z.infer<typeof frDocument>;

/** Parses a Federal Register API response body; throws FeedParseError for other JSON or API error bodies. */
export function parseFederalRegister(json: string, baseUrl: string): ParsedFeed {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (err) {
    throw new FeedParseError('parse', `Federal Register response is not JSON: ${(err as Error).message}`);
  }
  if (Array.isArray(data)) return feedOf(data, baseUrl);
  if (data && typeof data === 'object' && 'document_number' in data) {
    return feedOf([data], baseUrl);
  }
  const error = apiError.safeParse(data);
  if (error.success) throw new FeedParseError('not_a_feed', `Federal Register API error ${error.data.status}: ${error.data.message}`);
  const search = searchResponse.safeParse(data);
  // A zero-result search carries only description and count, with no results key at all.
  if (!search.success || (search.data.results == null && search.data.count == null)) {
    throw new FeedParseError('not_a_feed', 'JSON is not a Federal Register documents response');
  }
  const feed = feedOf(search.data.results ?? [], baseUrl);
  if (search.data.description) feed.title = search.data.description;
  const next = absoluteHttpUrl(search.data.next_page_url ?? undefined, baseUrl);
  if (next) feed.nextPageUrl = next;
  return feed;
}

function feedOf(results: unknown[], baseUrl: string): ParsedFeed {
  const feed: ParsedFeed = { format: 'federal-register', items: [] };
  let itemsSkipped = 0;
  for (const result of results) {
    // One odd record should not cost the page; it is counted so the fetch log shows it.
    const parsed = frDocument.safeParse(result);
    if (parsed.success) feed.items.push(toItem(parsed.data, baseUrl));
    else itemsSkipped++;
  }
  if (itemsSkipped) feed.itemsSkipped = itemsSkipped;
  return feed;
}

function toItem(doc: FrDocument, baseUrl: string): FeedItem {
  const agencies = (doc.agencies ?? [])
    .map((a) => compact({ name: a.name ?? a.raw_name ?? undefined, slug: a.slug ?? undefined, id: a.id ?? undefined }))
    .filter((a) => a.name);
  const item: FeedItem = {
    guid: doc.document_number,
    url:
      absoluteHttpUrl(doc.html_url ?? undefined, baseUrl) ??
      new URL(`d/${encodeURIComponent(doc.document_number)}`, FEDERAL_REGISTER_SITE).href,
    title: plainText(doc.title ?? '') || `${doc.type ?? 'Document'} ${doc.document_number}`,
  };
  const summary = summaryText(doc.abstract ?? undefined);
  if (summary) item.summary = summary;
  const names = [...new Set(agencies.map((a) => a.name as string))];
  if (names.length) item.author = names.join('; ');
  const publishedAt = parseDate(doc.publication_date);
  if (publishedAt) item.publishedAt = publishedAt;
  item.extra = compact({
    documentNumber: doc.document_number,
    type: doc.type,
    subtype: doc.subtype,
    action: doc.action,
    agencies: doc.agencies ? agencies : undefined,
    docketIds: doc.docket_ids ?? (doc.docket_id ? [doc.docket_id] : undefined),
    regulationIdNumbers: doc.regulation_id_numbers,
    cfrReferences: doc.cfr_references?.map((ref) => compact({ title: ref.title, part: ref.part, chapter: ref.chapter })),
    effectiveOn: doc.effective_on,
    commentsCloseOn: doc.comments_close_on,
    pdfUrl: doc.pdf_url,
    citation: doc.citation,
  });
  return item;
}

export interface FederalRegisterQuery {
  /** Agency slugs, e.g. "environmental-protection-agency". */
  agencies?: string[];
  /** API codes (RULE, PRORULE, NOTICE, PRESDOCU) or their names ("proposed rule"). */
  documentTypes?: string[];
  /** Full-text search terms. */
  terms?: string;
  /** Results per page; the API allows 1 to 1000. */
  perPage?: number;
}

/** Builds a newest-first documents search URL asking for exactly the fields parseFederalRegister reads. */
export function federalRegisterSearchUrl(base: string, query: FederalRegisterQuery = {}): string {
  const url = new URL(base);
  if (!/\/api\/v1\/documents(\.json)?\/?$/.test(url.pathname)) url.pathname = '/api/v1/documents.json';
  const params = url.searchParams;
  for (const agencySlug of query.agencies ?? []) params.append('conditions[agencies][]', agencySlug);
  for (const type of query.documentTypes ?? []) params.append('conditions[type][]', documentTypeCode(type));
  if (query.terms?.trim()) params.set('conditions[term]', query.terms.trim());
  if (query.perPage !== undefined) params.set('per_page', String(Math.min(1000, Math.max(1, Math.round(query.perPage)))));
  params.set('order', 'newest');
  params.delete('fields[]');
  for (const field of FEDERAL_REGISTER_FIELDS) params.append('fields[]', field);
  return url.href;
}

function documentTypeCode(type: string): string {
  const key = type.trim().toLowerCase();
  return DOCUMENT_TYPE_CODES[key] ?? type.trim().toUpperCase();
}

// Absent and null fields are left out, so `extra` holds only what the document says.
function compact<T extends Record<string, unknown>>(record: T): Partial<T> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined && value !== null)) as Partial<T>;
}
