import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { corpusPath } from '../../../../harness/corpus';
import { containment, copyBuckets, copyEvidence, publishedBefore, type CopyText } from '../../../../src/pipeline/cluster/copies';
import { CLUSTER_TUNING } from '../../../../src/pipeline/cluster/event-score';
import { plainText } from '../../../../src/pipeline/fetch/feed-text';
import { parseFeed } from '../../../../src/pipeline/fetch/parse-feed';
import { shingleSignature } from '../../../../src/text/similarity';

// WikiRef220 has no licence: read from the shared corpus at run time, never copied.
const WIKIREF = corpusPath('near-duplicates/wikiref220');
const at = new Date('2015-11-16T08:00:00Z');
let nextId = 1;
const article = (title: string, paragraphs: string[], seenAt = at): CopyText => {
  const text = paragraphs.join('\n\n');
  return { id: nextId++, title, text, shingles: shingleSignature(`${title} ${text}`), seenAt, fetchedAt: seenAt };
};
const read = (name: string) => {
  const [title, ...paragraphs] = readFileSync(`${WIKIREF}/articles/${name}`, 'utf8').split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
  return { title, paragraphs };
};
// An outlet's teaser: the first two paragraphs and a link back.
const excerptOf = (name: string) => {
  const { title, paragraphs } = read(name);
  return article(title, [...paragraphs.slice(0, 2), 'Read the full story at The Daily Courier.'], new Date(at.getTime() + 3_600_000));
};
const shared = (a: CopyText, b: CopyText) => {
  const mine = new Set(copyBuckets(a).map((x) => `${x.band}:${x.bucket}`));
  return copyBuckets(b).filter((x) => mine.has(`${x.band}:${x.bucket}`));
};

describe.skipIf(!existsSync(WIKIREF))('copies of WikiRef220 articles (read at run time)', () => {
  const original = (name: string) => {
    const { title, paragraphs } = read(name);
    return article(title, paragraphs);
  };

  // 23 and 44 words of lead under a 3,131- and a 942-word article: the closing link line
  // dilutes the lead signature, and the MinHash estimate of containment saw no common slot.
  it.each(['ParisAttacks2015.3.txt', 'ParisAttacks2015.32.txt'])('finds a two-paragraph excerpt of %s by containment, through a shared bucket', (name) => {
    const full = original(name);
    const excerpt = excerptOf(name);
    expect(shared(full, excerpt).length).toBeGreaterThan(0);
    const evidence = copyEvidence(excerpt, full, CLUSTER_TUNING);
    expect(evidence?.kind).toBe('excerpt');
    expect(evidence!.containment).toBeGreaterThanOrEqual(CLUSTER_TUNING.containment);
    expect(copyEvidence(full, excerpt, CLUSTER_TUNING)?.kind).toBe('excerpt');
    expect(publishedBefore(full, excerpt)).toBe(true);
  });

  it('finds a trimmed version as an excerpt and a republication as a near-duplicate', () => {
    const { title, paragraphs } = read('ParisAttacks2015.32.txt');
    const full = article(title, paragraphs);
    expect(copyEvidence(article(title, paragraphs.slice(0, Math.ceil(paragraphs.length * 0.6))), full, CLUSTER_TUNING)).not.toBeNull();
    expect(copyEvidence(article(title, [...paragraphs, 'This article was first published by The Daily Courier.']), full, CLUSTER_TUNING)?.kind).toBe('near-duplicate');
  });

  it('does not take another article on the same story for a copy, nor an excerpt of it', () => {
    const names = ['ParisAttacks2015.3.txt', 'ParisAttacks2015.32.txt', 'ParisAttacks2015.8.txt', 'ParisAttacks2015.16.txt'];
    for (const a of names)
      for (const b of names) {
        if (a === b) continue;
        expect(copyEvidence(original(a), original(b), CLUSTER_TUNING)).toBeNull();
        expect(copyEvidence(excerptOf(a), original(b), CLUSTER_TUNING)).toBeNull();
        expect(containment(excerptOf(a), original(b))).toBeLessThan(0.3);
      }
  });
});

describe('a short link-blog post in two feed formats (test/fixtures/e2e)', () => {
  // Atom links the post to the page it points at, JSON Feed to its own permalink: only the
  // text tells that they are one post, and it is eleven words long.
  const items = (file: string) =>
    parseFeed(readFileSync(new URL(`../../../fixtures/e2e/${file}`, import.meta.url), 'utf8'), { baseUrl: 'https://daringfireball.net/' }).items.map((item) =>
      article(item.title, [plainText(item.contentHtml ?? item.summary ?? '')]),
    );
  const atom = items('DaringFireball.atom');
  const json = items('DaringFireball.json');
  const sliders = (list: CopyText[]) => list.find((a) => a.title === 'Designing the Worst Volume Sliders Possible')!;

  it('is one text: the same headline over the same body', () => {
    expect(sliders(atom).text).toMatch(/^This is a fun challenge\./);
    expect(copyEvidence(sliders(json), sliders(atom), CLUSTER_TUNING)?.kind).toBe('near-duplicate');
  });

  it('is not a copy of another short post, nor is a headline alone', () => {
    const short = json.filter((a) => a.text.split(/\s+/).length < 15 && a.title !== sliders(json).title);
    expect(short.length).toBeGreaterThan(0);
    for (const other of short) expect(copyEvidence(other, sliders(atom), CLUSTER_TUNING)).toBeNull();
    const headline = (a: CopyText) => ({ ...a, id: nextId++, text: '', shingles: shingleSignature(a.title) });
    expect(copyEvidence(headline(sliders(json)), headline(sliders(atom)), CLUSTER_TUNING)).toBeNull();
  });
});

describe('copy evidence', () => {
  it('needs enough words to tell a copy from a shared phrase', () => {
    const short = article('Markets', ['Shares rose on Monday.']);
    expect(copyEvidence(short, article('Markets', ['Shares rose on Monday as banks gained.']), CLUSTER_TUNING)).toBeNull();
  });

  it('orders by publication time, then first seen, then id', () => {
    const a = article('A', ['x']);
    const b = { ...a, id: a.id + 1 };
    expect(publishedBefore(a, b)).toBe(true);
    expect(publishedBefore({ ...b, fetchedAt: new Date(at.getTime() - 1) }, a)).toBe(true);
    expect(publishedBefore({ ...b, seenAt: new Date(at.getTime() - 1) }, a)).toBe(true);
  });
});

describe.skipIf(!existsSync(WIKIREF))('a longer article that quotes an earlier short text in full', () => {
  it('is no copy of it, and the short text no copy of the longer one', () => {
    const { title, paragraphs } = read('ParisAttacks2015.32.txt');
    const statement = article('Statement', paragraphs.slice(0, 2), new Date(at.getTime() - 3_600_000));
    const report = article(title, paragraphs);
    expect(copyEvidence(report, statement, CLUSTER_TUNING)).toBeNull();
    expect(copyEvidence(statement, report, CLUSTER_TUNING)).toBeNull();
    // The same short text published after the article is its excerpt.
    const teaser = article('Statement', paragraphs.slice(0, 2), new Date(at.getTime() + 3_600_000));
    expect(copyEvidence(teaser, report, CLUSTER_TUNING)?.kind).toBe('excerpt');
  });
});
