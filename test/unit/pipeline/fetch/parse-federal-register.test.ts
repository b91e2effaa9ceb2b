import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FeedParseError } from '../../../../src/pipeline/fetch/parse-feed';
import {
  FEDERAL_REGISTER_FIELDS,
  federalRegisterSearchUrl,
  parseFederalRegister,
} from '../../../../src/pipeline/fetch/parse-federal-register';

const FIXTURES = fileURLToPath(new URL('../../../fixtures/regulatory/federal-register', import.meta.url));
const BASE = 'https://www.federalregister.gov/api/v1/documents.json';

// Facts the corpus collector read straight from each response (see the fixtures' MANIFEST.md).
interface ExpectedDocument {
  kind: string;
  document_number: string;
  title: string;
  type: string;
  publication_date: string;
  html_url: string;
  pdf_url: string | null;
  citation: string;
  agencyNames: string[];
  docket_ids: string[];
  regulation_id_numbers: string[];
  cfr_references: { title: number; part: string }[];
}
const expected: Record<string, Record<string, any>> = JSON.parse(readFileSync(join(FIXTURES, 'expected.json'), 'utf8')).files;

const read = (file: string) => readFileSync(join(FIXTURES, file), 'utf8');
const byKind = (kind: string) => Object.keys(expected).filter((file) => expected[file].kind === kind);

describe('parseFederalRegister on real API responses', () => {
  it.each(byKind('FR single document'))('single document %s', (file) => {
    const exp = expected[file] as ExpectedDocument;
    const feed = parseFederalRegister(read(file), BASE);
    expect(feed.format).toBe('federal-register');
    expect(feed.items).toHaveLength(1);
    const [item] = feed.items;
    expect(item.guid).toBe(exp.document_number);
    expect(item.url).toBe(exp.html_url);
    expect(item.title).toBe(exp.title);
    expect(item.publishedAt?.toISOString().slice(0, 10)).toBe(exp.publication_date);
    expect(item.extra).toMatchObject({
      documentNumber: exp.document_number,
      type: exp.type,
      citation: exp.citation,
      docketIds: exp.docket_ids,
      regulationIdNumbers: exp.regulation_id_numbers,
      cfrReferences: exp.cfr_references.map(({ title, part }) => ({ title, part })),
    });
    expect((item.extra?.agencies as { name: string }[]).map((a) => a.name)).toEqual(exp.agencyNames);
    // Absent values are left out rather than stored as null.
    if (exp.pdf_url) expect(item.extra?.pdfUrl).toBe(exp.pdf_url);
    else expect(item.extra).not.toHaveProperty('pdfUrl');
  });

  it.each(byKind('FR documents search response'))('search response %s', (file) => {
    const exp = expected[file];
    const feed = parseFederalRegister(read(file), BASE);
    expect(feed.items).toHaveLength(exp.resultsLength ?? 0);
    expect(feed.nextPageUrl).toBe(exp.next_page_url ?? undefined);
    if (exp.firstResult) {
      const [first] = feed.items;
      expect(first.guid).toBe(exp.firstResult.document_number);
      expect(first.title).toBe(exp.firstResult.title);
      expect(first.extra?.type).toBe(exp.firstResult.type);
      expect(first.publishedAt?.toISOString().slice(0, 10)).toBe(exp.firstResult.publication_date);
      expect((first.extra?.agencies as { name: string }[]).map((a) => a.name)).toEqual(exp.firstResult.agencyNames);
    }
  });

  it.each(byKind('FR results[] array (fields subset)'))('bare results array %s', (file) => {
    const feed = parseFederalRegister(read(file), BASE);
    expect(feed.items.map((item) => item.guid)).toEqual(expected[file].documentNumbers);
    // These responses were requested without html_url: the item still needs a page to point to.
    for (const item of feed.items) expect(item.url).toBe(`https://www.federalregister.gov/d/${item.guid}`);
  });

  it('keeps the readable records of a page and counts the ones it cannot read', () => {
    const file = byKind('FR documents search response').find((f) => (expected[f].resultsLength ?? 0) > 1)!;
    const response = JSON.parse(read(file));
    // A record without a document number and one that is not an object at all.
    response.results.splice(1, 0, { title: 'No document number' }, 'garbage');
    const feed = parseFederalRegister(JSON.stringify(response), BASE);
    expect(feed.items).toHaveLength(expected[file].resultsLength);
    expect(feed.items[0].guid).toBe(expected[file].firstResult.document_number);
    expect(feed.itemsSkipped).toBe(2);
    expect(parseFederalRegister(read(file), BASE).itemsSkipped).toBeUndefined();
  });

  it('keeps agencies that only have a raw_name', () => {
    const items = parseFederalRegister(read('fr_term_0938-AV34.json'), BASE).items;
    const agencies = items.flatMap((item) => item.extra?.agencies as { name: string; slug?: string }[]);
    expect(agencies.some((a) => a.name === 'Office of the Secretary' && a.slug === undefined)).toBe(true);
  });

  it.each(['invalid-cursor.json', 'agency-epa.json', 'facets-agency.json'])('refuses %s as not a documents response', (file) => {
    expect(() => parseFederalRegister(read(file), BASE)).toThrowError(FeedParseError);
    expect(() => parseFederalRegister(read(file), BASE)).toThrowError(expect.objectContaining({ errorClass: 'not_a_feed' }));
  });

  it('refuses a body that is not JSON as a parse error', () => {
    expect(() => parseFederalRegister('<html>Service Unavailable</html>', BASE)).toThrowError(
      expect.objectContaining({ errorClass: 'parse' }),
    );
  });
});

describe('federalRegisterSearchUrl', () => {
  it('builds a newest-first query with conditions and fields', () => {
    const url = new URL(
      federalRegisterSearchUrl('https://www.federalregister.gov', {
        agencies: ['environmental-protection-agency', 'federal-communications-commission'],
        documentTypes: ['RULE', 'proposed rule'],
        terms: 'artificial intelligence',
        perPage: 50,
      }),
    );
    expect(url.origin + url.pathname).toBe('https://www.federalregister.gov/api/v1/documents.json');
    expect(url.searchParams.getAll('conditions[agencies][]')).toEqual(['environmental-protection-agency', 'federal-communications-commission']);
    expect(url.searchParams.getAll('conditions[type][]')).toEqual(['RULE', 'PRORULE']);
    expect(url.searchParams.get('conditions[term]')).toBe('artificial intelligence');
    expect(url.searchParams.get('per_page')).toBe('50');
    expect(url.searchParams.get('order')).toBe('newest');
    expect(url.searchParams.getAll('fields[]')).toEqual([...FEDERAL_REGISTER_FIELDS]);
  });

  it('keeps the path and other parameters of a configured API URL', () => {
    const url = new URL(federalRegisterSearchUrl('http://127.0.0.1:8080/api/v1/documents.json?conditions[significant]=1'));
    expect(url.pathname).toBe('/api/v1/documents.json');
    expect(url.searchParams.get('conditions[significant]')).toBe('1');
    expect(url.searchParams.has('per_page')).toBe(false);
  });

  it('asks for every field the parser reads', () => {
    const doc = JSON.parse(read('fr_doc_2024-27333.json'));
    const trimmed = Object.fromEntries(FEDERAL_REGISTER_FIELDS.map((field) => [field, doc[field]]));
    const [full] = parseFederalRegister(read('fr_doc_2024-27333.json'), BASE).items;
    const [fromFields] = parseFederalRegister(JSON.stringify(trimmed), BASE).items;
    expect(fromFields).toEqual(full);
  });
});
