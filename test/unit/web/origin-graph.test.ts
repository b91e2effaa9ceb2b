import { describe, expect, it } from 'vitest';
import type { ArticleRow } from '../../../src/db/queries/events';
import { safeHref } from '../../../src/web/format';
import { buildOriginGraph } from '../../../src/web/origin-graph';
import { foldCopies } from '../../../src/web/routes/read';

let seq = 0;
const article = (over: Partial<ArticleRow> & { sourceId: string }): ArticleRow => ({
  id: ++seq,
  url: `https://x.example/${seq}`,
  title: `Story ${seq}`,
  publishedAt: new Date('2024-05-01T10:00:00Z'),
  fetchedAt: new Date('2024-05-01T10:05:00Z'),
  origin: null,
  clusterReason: null,
  duplicateOf: null,
  ...over,
});

describe('origin picture', () => {
  // A WSJ scoop, a blog citing the WSJ (whose article is here), a wire piece citing Bloomberg
  // (not here), and two syndicated copies of the wire piece.
  const wsj = article({ sourceId: 'wsj' });
  const blog = article({ sourceId: 'blog', origin: 'The Wall Street Journal' });
  const wire = article({ sourceId: 'wire', origin: 'Bloomberg' });
  const copyA = article({ sourceId: 'yahoo', duplicateOf: wire.id });
  const copyB = article({ sourceId: 'msn', duplicateOf: wire.id });
  const names = new Map([['wsj', 'Wall Street Journal'], ['blog', 'Tech Blog'], ['wire', 'Wire'], ['yahoo', 'Yahoo'], ['msn', 'MSN']]);
  const graph = buildOriginGraph([wsj, blog, wire, copyA, copyB], names);

  it('draws originals, cited outlets and one node per group of copies, with typed edges', () => {
    expect(graph.nodes.map((n) => `${n.kind}:${n.label}`).sort()).toEqual(
      ['article:Tech Blog', 'article:Wall Street Journal', 'article:Wire', 'copies:2 syndicated copies', 'origin:Bloomberg'].sort(),
    );
    expect(graph.edges.map((e) => e.kind).sort()).toEqual(['attributed', 'copy', 'derived']);
    for (const e of graph.edges) expect(e.d).toMatch(/^M[\d.]+,[\d.]+( L[\d.]+,[\d.]+)+$/);
  });

  it('marks as independent only what has nothing upstream', () => {
    const independent = graph.nodes.filter((n) => n.independent).map((n) => n.label).sort();
    expect(independent).toEqual(['Bloomberg', 'Wall Street Journal']);
    expect(graph.independentCount).toBe(2);
  });

  it('lays nodes out without overlap inside the drawing', () => {
    for (const n of graph.nodes) {
      expect(n.x).toBeGreaterThanOrEqual(0);
      expect(n.x + n.width).toBeLessThanOrEqual(graph.width);
    }
    const boxes = graph.nodes;
    for (const a of boxes) for (const b of boxes) {
      if (a === b) continue;
      const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
      expect(apart, `${a.label} / ${b.label}`).toBe(true);
    }
  });

  it('folds copies under their original in the article list', () => {
    const folded = foldCopies([wsj, blog, wire, copyA, copyB]);
    expect(folded.map((f) => [f.article.id, f.copies.map((c) => c.id)])).toEqual([[wsj.id, []], [blog.id, []], [wire.id, [copyA.id, copyB.id]]]);
  });
});

describe('links from feed data', () => {
  it('keeps http(s) and drops every other scheme', () => {
    expect(safeHref('https://a.example/x?y="z"')).toBe('https://a.example/x?y=%22z%22');
    for (const bad of ['javascript:alert(1)', ' JaVaScRiPt:alert(1)', 'data:text/html,<script>', 'vbscript:x', '//evil.example', 'not a url', null]) {
      expect(safeHref(bad), String(bad)).toBeNull();
    }
  });
});
