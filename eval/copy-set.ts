// Copies made from real articles (WikiRef220 full texts, read in place): for each original,
// five republications by other outlets, published after it but arriving in a shuffled order,
// so some copies are clustered before their original.
import { splitStories, shuffled } from './metrics';
import { wikiRefArticles, type Part } from './datasets';
import type { EvalItem } from './pipeline-path';

export type CopyKind = 'suffix' | 'new-headline' | 'trimmed' | 'boilerplate' | 'excerpt';
export interface CopyItem extends EvalItem {
  group: string;
  /** null for the original. */
  kind: CopyKind | null;
}

const KINDS: CopyKind[] = ['suffix', 'new-headline', 'trimmed', 'boilerplate', 'excerpt'];
const SPLIT_SEED = 2016;
const ORIGINALS_PER_PART = 25;
const html = (paragraphs: string[]) => paragraphs.map((p) => `<p>${p.replace(/[<>&]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;' })[c]!)}</p>`).join('');

function variant(kind: CopyKind, title: string, paragraphs: string[], outlet: string): { title: string; paragraphs: string[] } {
  switch (kind) {
    case 'suffix':
      return { title, paragraphs: [...paragraphs, `This article was first published by ${outlet} and is republished with permission.`] };
    case 'new-headline': {
      const lead = paragraphs[0].split(/(?<=[.!?])\s/)[0].split(/\s+/).slice(0, 12).join(' ');
      return { title: `What we know: ${lead}`, paragraphs };
    }
    case 'trimmed':
      return { title, paragraphs: paragraphs.slice(0, Math.max(2, Math.ceil(paragraphs.length * 0.6))) };
    case 'boilerplate':
      return {
        title: `${title} | ${outlet}`,
        paragraphs: [
          'Sign up for our morning briefing: the stories you need to know, in your inbox before breakfast.',
          ...paragraphs,
          `Follow ${outlet} on social media for the latest updates. We use cookies to improve your experience; by continuing you accept our terms.`,
        ],
      };
    case 'excerpt':
      return { title, paragraphs: [...paragraphs.slice(0, 2), `Read the full story at ${outlet}.`] };
  }
}

/** Originals and their copies for one part (split by original, fixed seed), in arrival order. */
export function copyItems(part: Part, orderSeed: number, originals = ORIGINALS_PER_PART): CopyItem[] {
  // Long enough that an excerpt of two paragraphs is a part of the story, not all of it.
  const articles = wikiRefArticles().filter((a) => a.paragraphs.length >= 5);
  const split = splitStories(articles.map((a) => a.file), SPLIT_SEED);
  const chosen = shuffled(articles.filter((a) => part === 'all' || (part === 'tune') === split.tune.has(a.file)), SPLIT_SEED).slice(0, originals);
  const base = Date.parse('2016-02-01T08:00:00Z');
  const items: CopyItem[] = [];
  chosen.forEach((a, g) => {
    const at = base + g * 3_600_000;
    const group = a.file;
    items.push({
      key: `orig-${a.file}`,
      group,
      kind: null,
      sourceId: 'origin-desk',
      input: { guid: a.file, url: `https://origin-desk.example.org/${g}`, canonicalUrl: `https://origin-desk.example.org/${g}`, title: a.title, contentHtml: html(a.paragraphs), publishedAt: new Date(at) },
    });
    KINDS.forEach((kind, k) => {
      const outlet = `outlet-${k}`;
      const copy = variant(kind, a.title, a.paragraphs, `Outlet ${k}`);
      items.push({
        key: `${kind}-${a.file}`,
        group,
        kind,
        sourceId: outlet,
        input: {
          guid: `${kind}-${a.file}`,
          url: `https://${outlet}.example.org/${g}`,
          canonicalUrl: `https://${outlet}.example.org/${g}`,
          title: copy.title,
          contentHtml: html(copy.paragraphs),
          publishedAt: new Date(at + (k + 1) * 20 * 60_000),
        },
      });
    });
  });
  return shuffled(items, orderSeed);
}
