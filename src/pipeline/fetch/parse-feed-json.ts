// JSON Feed 1.0 / 1.1 (https://www.jsonfeed.org/version/1.1/) into raw entries.
import { z } from 'zod';
import { FeedParseError, type RawEntry, type RawFeed } from './feed-entry';

// Real feeds put null where a field is absent and numbers where ids should be strings.
const text = z.string().nullish();
const id = z.union([z.string(), z.number()]).nullish();
const author = z.looseObject({ name: text, url: text });
const authors = z.array(z.unknown()).nullish();

const jsonFeedItem = z.looseObject({
  id,
  url: text,
  external_url: text,
  title: text,
  content_html: text,
  content_text: text,
  summary: text,
  image: text,
  banner_image: text,
  date_published: text,
  date_modified: text,
  author: author.nullish().catch(undefined),
  authors,
});

const jsonFeed = z.looseObject({
  version: text,
  title: text,
  home_page_url: text,
  feed_url: text,
  next_url: text,
  author: author.nullish().catch(undefined),
  authors,
  items: z.array(z.unknown()),
});

/** Reads a JSON Feed document; throws FeedParseError for invalid JSON or JSON that is not a feed. */
export function parseJsonFeed(body: string): RawFeed {
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (err) {
    throw new FeedParseError('parse', `invalid JSON: ${(err as Error).message}`);
  }
  const feed = jsonFeed.safeParse(data);
  if (!feed.success) throw new FeedParseError('not_a_feed', 'JSON document is not a JSON Feed (no items array)');
  const version = feed.data.version ?? '';
  // Feeds in the wild write "1.1" instead of the version URL; an items array is the real signal.
  if (version && !/jsonfeed\.org|^1(\.\d+)?$/.test(version)) {
    throw new FeedParseError('not_a_feed', `unknown JSON Feed version ${JSON.stringify(version)}`);
  }

  const entries: RawEntry[] = [];
  for (const rawItem of feed.data.items) {
    // One malformed item should not cost the rest of the feed.
    const parsed = jsonFeedItem.safeParse(rawItem);
    if (!parsed.success) continue;
    const item = parsed.data;
    entries.push({
      guid: item.id == null ? undefined : String(item.id),
      guidIsPermaLink: false,
      link: item.url ?? item.external_url ?? undefined,
      title: item.title ?? undefined,
      summaryHtml: item.summary ?? item.content_text ?? item.content_html ?? undefined,
      contentHtml: item.content_html ?? (item.content_text ? textToHtml(item.content_text) : undefined),
      author: authorName(item.authors, item.author),
      dates: [item.date_published, item.date_modified],
      imageUrl: item.image ?? item.banner_image ?? undefined,
    });
  }

  return {
    format: 'json',
    title: feed.data.title ?? undefined,
    link: feed.data.home_page_url ?? undefined,
    nextPageUrl: feed.data.next_url ?? undefined,
    author: authorName(feed.data.authors, feed.data.author),
    entries,
  };
}

// 1.1 has an authors array; 1.0 a single author object.
function authorName(list: unknown[] | null | undefined, single: { name?: string | null } | null | undefined): string | undefined {
  for (const candidate of list ?? []) {
    const parsed = author.safeParse(candidate);
    if (parsed.success && parsed.data.name) return parsed.data.name;
  }
  return single?.name ?? undefined;
}

function textToHtml(value: string): string {
  const escaped = value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return escaped
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean)
    .map((paragraph) => `<p>${paragraph}</p>`)
    .join('\n');
}
