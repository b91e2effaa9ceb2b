// A realistic benchmark corpus: stories of their own text told by several outlets each, with
// event sizes from one article to 200 in a long-tailed spread.
//
// Text: real bodies from the shared corpus (WikiRef220, evaluation-only, and the
// article-extraction benchmark's ground truth), read at run time. Each body is cut into windows
// of consecutive sentences; a story is one window, used by no other story, so no two stories
// share a body and a story's members share its names and wording as outlets covering one event
// do. Past the windows available (about 2,400 stories, some 12,000 articles) a story combines
// two windows from different bodies, a pair no other story has.
// Members: the first is the story's text; the others rewrite it (two of its sentences in
// another order, three background sentences of the outlet's own, a headline of other words
// from its lead) or, one in eight, republish it verbatim with a tag line, as syndicated copies do.
// Background sentences come from a fifth of the windows kept out of every story.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { corpusPath } from '../harness/corpus';
import { random } from '../harness/random';
import { splitSentences } from '../src/text/sentences';

const WINDOW = 5;
const MAX_EVENT = 200;
// P(size = s) ∝ s^-ALPHA on 1..200: most stories are told once or twice, a few by dozens.
const ALPHA = 1.8;

export interface BenchArticle {
  story: number;
  title: string;
  paragraphs: string[];
  publishedAt: Date;
  /** A verbatim republication of the story's first article. */
  copy: boolean;
}

function realBodies(): string[][] {
  const wiki = corpusPath('near-duplicates/wikiref220/articles');
  const bodies = readdirSync(wiki)
    .sort()
    .map((f) => readFileSync(path.join(wiki, f), 'utf8').split('\n').slice(1).join('\n'));
  const truth = JSON.parse(readFileSync(corpusPath('articles/article-extraction-benchmark/ground-truth.json'), 'utf8')) as Record<string, { articleBody: string }>;
  for (const key of Object.keys(truth).sort()) bodies.push(truth[key].articleBody);
  // Paragraph by paragraph: the splitter looks back from each period, so one huge block is slow.
  return bodies.map((b) => b.split(/\n+/).flatMap((p) => splitSentences(p)).filter((s) => s.split(' ').length >= 6));
}

/** Windows of WINDOW consecutive sentences, each body's windows disjoint, with the body they come from. */
function windows(next: () => number): { body: number; sentences: string[] }[] {
  const out: { body: number; sentences: string[] }[] = [];
  realBodies().forEach((sentences, body) => {
    for (let i = 0; i + WINDOW <= sentences.length; i += WINDOW) out.push({ body, sentences: sentences.slice(i, i + WINDOW) });
  });
  return shuffle(out, next);
}

function shuffle<T>(list: T[], next: () => number): T[] {
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [list[i], list[j]] = [list[j], list[i]];
  }
  return list;
}

/** Story sizes summing to `articles`: a long tail, the largest story MAX_EVENT (or a fifth of a small corpus). */
export function storySizes(articles: number, next: () => number): number[] {
  const weights = Array.from({ length: MAX_EVENT }, (_, i) => (i + 1) ** -ALPHA);
  const total = weights.reduce((a, b) => a + b, 0);
  const draw = () => {
    let r = next() * total;
    for (let i = 0; i < weights.length; i++) if ((r -= weights[i]) <= 0) return i + 1;
    return MAX_EVENT;
  };
  const sizes = [Math.min(MAX_EVENT, Math.max(1, Math.floor(articles / 5)))];
  let sum = sizes[0];
  while (sum < articles) {
    const size = Math.min(draw(), articles - sum);
    sizes.push(size);
    sum += size;
  }
  return sizes;
}

const words = (s: string) => s.replace(/[^\p{L}\p{N}'’$%.-]+/gu, ' ').trim().split(/\s+/);
const headline = (sentence: string, from: number, count: number) => words(sentence).slice(from, from + count).join(' ');

/**
 * `articles` articles in publication order, stories spread over `days` (each story's members
 * within a day and a half of its first), from a fixed seed.
 */
export function buildCorpus(articles: number, seed = 42, days = Math.max(2, articles / 1500)): BenchArticle[] {
  const next = random(seed);
  const all = windows(next);
  // A fifth of the windows is background: the sentences of its own an outlet adds to a rewrite.
  const pool = all.slice(0, Math.floor(all.length * 0.8));
  const background = all.slice(pool.length).flatMap((w) => w.sentences);
  const sizes = storySizes(articles, next);
  const out: BenchArticle[] = [];
  const pairs = new Set<string>();
  sizes.forEach((size, story) => {
    let sentences: string[];
    if (story < pool.length) sentences = pool[story].sentences;
    else {
      // Past the windows: two windows of different bodies, a pair no other story used.
      let a: number, b: number;
      do {
        a = Math.floor(next() * pool.length);
        b = Math.floor(next() * pool.length);
      } while (pool[a].body === pool[b].body || pairs.has(`${a}|${b}`));
      pairs.add(`${a}|${b}`);
      sentences = [...pool[a].sentences.slice(0, 3), ...pool[b].sentences.slice(0, 3)];
    }
    const start = next() * days * 86_400_000;
    const title = headline(sentences[0], 0, 10);
    for (let i = 0; i < size; i++) {
      const at = new Date(Date.UTC(2026, 0, 1) + start + (i === 0 ? 0 : next() * 36 * 3_600_000));
      if (i > 0 && next() < 0.125) {
        out.push({ story, title, paragraphs: [...sentences, 'This story was first published by a partner outlet.'], publishedAt: at, copy: true });
        continue;
      }
      // Two of the story's sentences share under a third of the shingles: a rewrite, not a copy.
      const told = shuffle([...sentences], next).slice(0, 2);
      const filler = [0, 1, 2].map(() => background[Math.floor(next() * background.length)]);
      const kept = i === 0 ? sentences : [...told, ...filler];
      const lead = kept[0];
      out.push({
        story,
        title: i === 0 ? title : headline(lead, Math.floor(next() * 4), 7 + Math.floor(next() * 5)),
        paragraphs: kept,
        publishedAt: at,
        copy: false,
      });
    }
  });
  return out.sort((a, b) => a.publishedAt.getTime() - b.publishedAt.getTime());
}

/** How the sizes spread: events by size band. */
export function sizeSpread(corpus: BenchArticle[]): Record<string, number> {
  const counts = new Map<number, number>();
  for (const a of corpus) counts.set(a.story, (counts.get(a.story) ?? 0) + 1);
  const bands: Record<string, number> = { '1': 0, '2-4': 0, '5-19': 0, '20-99': 0, '100-200': 0 };
  for (const n of counts.values()) bands[n === 1 ? '1' : n < 5 ? '2-4' : n < 20 ? '5-19' : n < 100 ? '20-99' : '100-200']++;
  return bands;
}

const escapeXml = (text: string) => text.replace(/[<>&]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;' })[c]!);

/** The corpus as RSS, article i in feed i mod FEEDS (so one story's members come from many outlets). */
export function feedsOf(corpus: BenchArticle[], FEEDS = 100): string[] {
  const items: string[][] = Array.from({ length: FEEDS }, () => []);
  corpus.forEach((a, i) => {
    const feed = i % FEEDS;
    items[feed].push(
      `<item><title>${escapeXml(a.title)}</title><link>https://feed${feed}.example.org/a/${i}</link><guid>item-${i}</guid><pubDate>${a.publishedAt.toUTCString()}</pubDate>` +
        `<description>${escapeXml(a.paragraphs[0] ?? '')}</description><content:encoded><![CDATA[${a.paragraphs.map((p) => `<p>${escapeXml(p)}</p>`).join('')}]]></content:encoded></item>`,
    );
  });
  return items.map(
    (list, f) =>
      `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Feed ${f}</title><link>https://feed${f}.example.org/</link><description>bench</description>${list.join('')}</channel></rss>`,
  );
}
