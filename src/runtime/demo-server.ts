import { readFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseCsv } from 'csv-parse/sync';

// Serves the bundled offline corpus (demo/corpus, real files) on loopback, shaped like the
// sites it came from: feeds as they were published, the Federal Register API with its
// paging links pointed back here, and the UCI News Aggregator headlines as one RSS feed
// per outlet (the headlines, links and outlets are real; the per-outlet grouping is ours).

export const DEMO_CORPUS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../demo/corpus');

/** Outlets of the UCI headlines that get their own feed; every other outlet lands in the aggregator feed. */
export const UCI_OUTLETS: { id: string; name: string; hosts: string[]; owner: string; trust: number; category: 'news' | 'wire' | 'analysis' | 'blog' }[] = [
  { id: 'reuters', name: 'Reuters', hosts: ['in.reuters.com', 'www.reuters.com', 'uk.reuters.com'], owner: 'Thomson Reuters', trust: 85, category: 'wire' },
  { id: 'wsj', name: 'The Wall Street Journal', hosts: ['online.wsj.com', 'blogs.wsj.com'], owner: 'News Corp', trust: 85, category: 'news' },
  { id: 'marketwatch', name: 'MarketWatch', hosts: ['www.marketwatch.com'], owner: 'News Corp', trust: 65, category: 'news' },
  { id: 'businessweek', name: 'Bloomberg Businessweek', hosts: ['www.businessweek.com'], owner: 'Bloomberg L.P.', trust: 80, category: 'news' },
  { id: 'sfgate', name: 'SFGate', hosts: ['www.sfgate.com'], owner: 'Hearst', trust: 60, category: 'news' },
  { id: 'forbes', name: 'Forbes', hosts: ['www.forbes.com'], owner: 'Forbes Media', trust: 60, category: 'news' },
  { id: 'economictimes', name: 'The Economic Times', hosts: ['economictimes.indiatimes.com'], owner: 'The Times Group', trust: 60, category: 'news' },
  { id: 'bizjournals', name: 'Business Journals', hosts: ['www.bizjournals.com'], owner: 'Advance Publications', trust: 55, category: 'news' },
  { id: 'fool', name: 'The Motley Fool', hosts: ['www.fool.com'], owner: 'The Motley Fool', trust: 40, category: 'blog' },
  { id: 'huffingtonpost', name: 'HuffPost', hosts: ['www.huffingtonpost.com'], owner: 'BuzzFeed', trust: 50, category: 'news' },
];

const CONTENT_TYPES: Record<string, string> = {
  '.xml': 'application/xml; charset=utf-8',
  '.rss': 'application/rss+xml; charset=utf-8',
  '.atom': 'application/atom+xml; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
};

interface UciRow {
  TITLE: string;
  URL: string;
  PUBLISHER: string;
  HOSTNAME: string;
}

const escapeXml = (text: string) =>
  text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);

function rss(title: string, link: string, rows: UciRow[]): string {
  const items = rows
    .map((r) => `<item><title>${escapeXml(r.TITLE)}</title><link>${escapeXml(r.URL.replace(/\\\?/g, '?'))}</link><guid isPermaLink="true">${escapeXml(r.URL.replace(/\\\?/g, '?'))}</guid><description>${escapeXml(`${r.TITLE} (${r.PUBLISHER})`)}</description></item>`)
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>${escapeXml(title)}</title><link>${escapeXml(link)}</link><description>${escapeXml(title)}</description>\n${items}\n</channel></rss>\n`;
}

/** Starts the demo corpus server on a free 127.0.0.1 port. */
export async function startDemoServer(): Promise<{ url: string; close(): Promise<void> }> {
  const rows = parseCsv(await readFile(path.join(DEMO_CORPUS, 'uci-news-aggregator-first-999.csv')), { columns: true }) as UciRow[];
  const known = new Set(UCI_OUTLETS.flatMap((o) => o.hosts));
  let base = '';

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', base);
    const send = (status: number, type: string, body: string | Buffer) => {
      res.writeHead(status, { 'content-type': type });
      res.end(body);
    };
    try {
      if (url.pathname.startsWith('/feeds/')) {
        const name = path.basename(url.pathname);
        const body = await readFile(path.join(DEMO_CORPUS, name));
        return send(200, CONTENT_TYPES[path.extname(name)] ?? 'application/octet-stream', body);
      }
      if (url.pathname === '/federal-register/api/v1/documents.json') {
        const page = url.searchParams.get('page') === '2' ? 'two' : 'one';
        const json = JSON.parse(await readFile(path.join(DEMO_CORPUS, `search-newest-page-${page}.json`), 'utf8'));
        // Page two is the last one served here; page one's link leads back to this server.
        json.next_page_url = page === 'one' ? `${base}/federal-register/api/v1/documents.json?page=2` : null;
        return send(200, CONTENT_TYPES['.json'], JSON.stringify(json));
      }
      const outlet = /^\/uci\/([a-z-]+)\.xml$/.exec(url.pathname)?.[1];
      if (outlet) {
        const spec = UCI_OUTLETS.find((o) => o.id === outlet);
        const selected = spec ? rows.filter((r) => spec.hosts.includes(r.HOSTNAME)) : rows.filter((r) => !known.has(r.HOSTNAME));
        if (!spec && outlet !== 'aggregator') return send(404, 'text/plain', 'no such feed');
        return send(200, CONTENT_TYPES['.rss'], rss(spec?.name ?? 'News aggregator', `${base}/uci/${outlet}`, selected));
      }
      send(404, 'text/plain', 'not found');
    } catch (error) {
      send(404, 'text/plain', (error as Error).message);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return { url: base, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** The sources file for the demo: every corpus feed, named after the outlet that published it. */
export function demoSourcesYaml(base: string): string {
  const sources = [
    { id: 'techcrunch', name: 'TechCrunch', url: `${base}/feeds/TechCrunch.xml`, trust: 65, category: 'news', owner: 'Yahoo' },
    { id: 'daringfireball-rss', name: 'Daring Fireball (RSS)', url: `${base}/feeds/DaringFireball.rss`, trust: 55, category: 'blog', owner: 'John Gruber' },
    { id: 'daringfireball-atom', name: 'Daring Fireball (Atom)', url: `${base}/feeds/DaringFireball.atom`, trust: 55, category: 'blog', owner: 'John Gruber' },
    { id: 'daringfireball-json', name: 'Daring Fireball (JSON Feed)', url: `${base}/feeds/DaringFireball.json`, trust: 55, category: 'blog', owner: 'John Gruber' },
    { id: 'sec-press', name: 'SEC press releases', url: `${base}/feeds/pressreleases.rss`, trust: 95, category: 'regulator', owner: 'U.S. Securities and Exchange Commission' },
    { id: 'sec-testimony', name: 'SEC testimony', url: `${base}/feeds/testimony.rss`, trust: 95, category: 'regulator', owner: 'U.S. Securities and Exchange Commission' },
    { id: 'whitehouse', name: 'The White House briefings', url: `${base}/feeds/whitehouse-briefings-2026-08-22.xml`, trust: 85, category: 'regulator', owner: 'Executive Office of the President' },
    ...UCI_OUTLETS.map((o) => ({ id: `uci-${o.id}`, name: o.name, url: `${base}/uci/${o.id}.xml`, trust: o.trust, category: o.category, owner: o.owner })),
    { id: 'uci-aggregator', name: 'News aggregator', url: `${base}/uci/aggregator.xml`, trust: 35, category: 'aggregator', owner: 'Aggregator' },
  ];
  const lines = sources.map(
    (s) =>
      `- { id: ${s.id}, name: ${JSON.stringify(s.name)}, kind: rss, url: ${JSON.stringify(s.url)}, trust: ${s.trust}, category: ${s.category}, owner: ${JSON.stringify(s.owner)}, interval: 1h }`,
  );
  lines.push(
    `- { id: federal-register, name: Federal Register, kind: federal-register, url: ${JSON.stringify(`${base}/federal-register/api/v1/documents.json`)}, trust: 95, category: regulator, owner: National Archives and Records Administration, interval: 1h, federalRegister: { perPage: 2, maxPages: 2 } }`,
  );
  return `# Generated by crosscheck demo: the bundled corpus served on loopback.\n${lines.join('\n')}\n`;
}
