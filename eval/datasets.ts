// The labelled sets the clustering evaluation runs: real articles as feed items, each with its
// gold story and the story split (tuning half or test half, by story id, fixed seed).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseCsv } from 'csv-parse/sync';
import { corpusPath } from '../harness/corpus';
import { parseFeed } from '../src/pipeline/fetch/parse-feed';
import { toArticleInput } from '../src/pipeline/fetch/ingest';
import { shuffled, splitStories } from './metrics';
import type { EvalItem } from './pipeline-path';

export type Part = 'tune' | 'test' | 'all';
export interface LabelledItem extends EvalItem {
  /** Gold story; null where the label is a topic, not one story (scored for lumping only). */
  story: string | null;
  /** The label as the data set gives it. */
  label: string;
}

const SPLIT_SEED = 2014;
const here = path.dirname(fileURLToPath(import.meta.url));
export const UCI_CSV = path.join(here, '../test/fixtures/cluster/uci-news-aggregator-first-999.csv');
const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'unknown';
const inPart = (part: Part, split: { tune: Set<string> }, story: string) => part === 'all' || (part === 'tune') === split.tune.has(story);

/**
 * UCI News Aggregator headlines (18 stories), one source per publisher, in a shuffled order.
 * Its timestamps were mangled by a spreadsheet export; every headline gets one date.
 */
export function uciItems(part: Part, orderSeed: number, csvPath = UCI_CSV): LabelledItem[] {
  const rows = parseCsv(readFileSync(csvPath), { columns: true }) as Record<string, string>[];
  const split = splitStories(rows.map((r) => r.STORY), SPLIT_SEED);
  const items = rows
    .filter((r) => inPart(part, split, r.STORY))
    .map((r) => ({
      key: `uci-${r.ID}`,
      sourceId: slug(r.PUBLISHER),
      story: r.STORY,
      label: r.STORY,
      input: {
        guid: `uci-${r.ID}`,
        url: `https://${slug(r.PUBLISHER)}.example.org/uci/${r.ID}`,
        canonicalUrl: `https://${slug(r.PUBLISHER)}.example.org/uci/${r.ID}`,
        title: r.TITLE,
        publishedAt: new Date('2014-03-10T12:00:00Z'),
      },
    }));
  return shuffled(items, orderSeed);
}

/**
 * How WikiRef220's labels are read: they are topics. Four name one story (the November 2015
 * Paris attacks, the disappearance of MH370, the Tohoku earthquake and tsunami, the Greek
 * elections of June 2012) and are scored as stories. The rest (Premier League, Samsung Galaxy
 * S5, Michelle Obama, the Cypriot and Greek debt crises, ...) span many stories: their articles
 * take part (an event mixing two labels is a lumping error) but are not required to share one event.
 */
export const WIKIREF_SINGLE_STORIES = new Set(['ParisAttacks2015', 'malaysia.airlines.flight', 'tohoku.earthquake.tsunami', 'greek.elections']);

export function wikiRefDir(): string {
  return corpusPath('near-duplicates/wikiref220');
}

export interface WikiArticle {
  file: string;
  label: string;
  title: string;
  paragraphs: string[];
}

/** WikiRef220 articles, read in place (evaluation-only): first line the headline, then paragraphs. */
export function wikiRefArticles(): WikiArticle[] {
  const dir = wikiRefDir();
  const labels = (JSON.parse(readFileSync(path.join(dir, 'labels.json'), 'utf8')) as { labels: Record<string, string> }).labels;
  return readdirSync(path.join(dir, 'articles'))
    .sort()
    .map((file) => {
      const [title, ...paragraphs] = readFileSync(path.join(dir, 'articles', file), 'utf8').split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
      return { file, label: labels[file], title, paragraphs };
    });
}

const html = (paragraphs: string[]) => paragraphs.map((p) => `<p>${p.replace(/[<>&]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;' })[c]!)}</p>`).join('');

/** WikiRef220 full text, one source per article, in a shuffled order; split by label (stories and topics separately). */
export function wikiRefItems(part: Part, orderSeed: number): LabelledItem[] {
  const articles = wikiRefArticles();
  const labels = [...new Set(articles.map((a) => a.label))];
  const stories = splitStories(labels.filter((l) => WIKIREF_SINGLE_STORIES.has(l)), SPLIT_SEED);
  const topics = splitStories(labels.filter((l) => !WIKIREF_SINGLE_STORIES.has(l)), SPLIT_SEED);
  const split = { tune: new Set([...stories.tune, ...topics.tune]) };
  const items = articles
    .filter((a) => inPart(part, split, a.label))
    .map((a, i) => ({
      key: `wiki-${a.file}`,
      sourceId: `wiki-${i % 40}`,
      story: WIKIREF_SINGLE_STORIES.has(a.label) ? a.label : null,
      label: a.label,
      input: {
        guid: a.file,
        url: `https://wiki-${i % 40}.example.org/${a.file}`,
        canonicalUrl: `https://wiki-${i % 40}.example.org/${a.file}`,
        title: a.title,
        contentHtml: html(a.paragraphs),
        publishedAt: new Date('2016-01-10T12:00:00Z'),
      },
    }));
  return shuffled(items, orderSeed);
}

/** The 25 SEC press releases of one feed (regulatory/sec/pressreleases.rss): each its own story. */
export function secItems(part: Part): LabelledItem[] {
  const feed = parseFeed(readFileSync(corpusPath('regulatory/sec/pressreleases.rss'), 'utf8'), { baseUrl: 'https://www.sec.gov/' });
  const inputs = feed.items.flatMap((item) => toArticleInput(item) ?? []);
  const split = splitStories(inputs.map((i) => i.guid), SPLIT_SEED);
  // The feed lists the newest first; a reader's poller stores them oldest first.
  return inputs
    .filter((i) => inPart(part, split, i.guid))
    .reverse()
    .map((input) => ({ key: `sec-${input.guid}`, sourceId: 'sec-press', story: input.guid, label: input.guid, input }));
}
