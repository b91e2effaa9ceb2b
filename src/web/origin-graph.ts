import { graphlib, layout } from '@dagrejs/dagre';
import type { ArticleRow } from '../db/queries/events';

// The picture of an event's origins: who reported first-hand, who cites whom, who copied whom.
// Nodes are the event's original articles, the outlets they attribute to, and one node per group
// of syndicated copies; edges run from the origin to what derives from it. Laid out by dagre on
// the server, drawn as SVG by the event template (no script in the browser).

export type NodeKind = 'article' | 'origin' | 'copies';
export type EdgeKind = 'copy' | 'attributed' | 'derived';

export interface GraphNode {
  id: string;
  kind: NodeKind;
  /** First line (source or outlet name) and second line (title, cut to fit); full text in `tooltip`. */
  label: string;
  sub: string;
  tooltip: string;
  /** Nothing upstream of it: an independent origin. */
  independent: boolean;
  articleId?: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface GraphEdge {
  kind: EdgeKind;
  label: string;
  /** SVG path data. */
  d: string;
  labelX: number;
  labelY: number;
}

export interface OriginGraph {
  width: number;
  height: number;
  nodes: GraphNode[];
  edges: GraphEdge[];
  independentCount: number;
}

const NODE_W = 230;
const NODE_H = 46;
const MAX_CHARS = 34;
/** Beyond this many originals the picture stops being readable; the article list has them all. */
export const MAX_ORIGINALS = 40;

// Close to the verify stage's organisationKey, without loading its tokenizer into the web process:
// "The Wall Street Journal" and "Wall Street Journal" are one outlet.
const outletKey = (name: string) =>
  name
    .toLowerCase()
    .replace(/^the\s+/, '')
    .replace(/\b(inc|corp|corporation|co|company|llc|ltd|plc|group)\.?$/g, '')
    .replace(/[^a-z0-9]+/g, '');

const cut = (text: string, max = MAX_CHARS) => (text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text);
const EDGE_LABEL: Record<EdgeKind, string> = { copy: 'copied by', attributed: 'cited by', derived: 'rewritten by' };

/** Lays out the origin picture of an event's articles; sourceNames maps source ids to display names. */
export function buildOriginGraph(articles: ArticleRow[], sourceNames: Map<string, string>): OriginGraph {
  const byId = new Map(articles.map((a) => [a.id, a]));
  const originals = articles.filter((a) => a.duplicateOf === null || !byId.has(a.duplicateOf)).slice(0, MAX_ORIGINALS);
  const shown = new Set(originals.map((a) => a.id));
  const sourceName = (a: ArticleRow) => sourceNames.get(a.sourceId) ?? a.sourceId;

  const g = new graphlib.Graph({ multigraph: false });
  g.setGraph({ rankdir: 'LR', nodesep: 18, ranksep: 70, marginx: 12, marginy: 12 });
  g.setDefaultEdgeLabel(() => ({}));
  const meta = new Map<string, Omit<GraphNode, 'x' | 'y' | 'width' | 'height' | 'independent'>>();
  const edges: { from: string; to: string; kind: EdgeKind }[] = [];
  const addNode = (id: string, node: Omit<GraphNode, 'x' | 'y' | 'width' | 'height' | 'independent' | 'id'>) => {
    if (meta.has(id)) return;
    meta.set(id, { id, ...node });
    g.setNode(id, { width: NODE_W, height: NODE_H });
  };

  // An attribution naming an outlet whose own article is here points at that article ("derived"),
  // otherwise at a node for the outlet itself ("attributed").
  const articleOfOutlet = new Map<string, ArticleRow>();
  for (const a of originals) {
    const key = outletKey(sourceName(a));
    if (key && !articleOfOutlet.has(key)) articleOfOutlet.set(key, a);
  }

  for (const a of originals) {
    addNode(`a${a.id}`, { kind: 'article', label: cut(sourceName(a), 30), sub: cut(a.title), tooltip: `${sourceName(a)}: ${a.title}`, articleId: a.id });
  }
  for (const a of originals) {
    if (!a.origin) continue;
    const outlet = articleOfOutlet.get(outletKey(a.origin));
    if (outlet && outlet.id !== a.id) {
      edges.push({ from: `a${outlet.id}`, to: `a${a.id}`, kind: 'derived' });
    } else if (!outlet) {
      const id = `o${outletKey(a.origin) || a.origin}`;
      addNode(id, { kind: 'origin', label: cut(a.origin, 30), sub: 'cited, not in this event', tooltip: `origin: ${a.origin}` });
      edges.push({ from: id, to: `a${a.id}`, kind: 'attributed' });
    }
  }
  const copiesOf = new Map<number, ArticleRow[]>();
  for (const a of articles) {
    if (a.duplicateOf !== null && shown.has(a.duplicateOf)) copiesOf.set(a.duplicateOf, [...(copiesOf.get(a.duplicateOf) ?? []), a]);
  }
  for (const [originalId, copies] of copiesOf) {
    const names = [...new Set(copies.map(sourceName))];
    const id = `c${originalId}`;
    const label = copies.length === 1 ? 'syndicated copy' : `${copies.length} syndicated copies`;
    addNode(id, { kind: 'copies', label, sub: cut(names.join(', ')), tooltip: `${label}: ${names.join(', ')}` });
    edges.push({ from: `a${originalId}`, to: id, kind: 'copy' });
  }
  for (const e of edges) g.setEdge(e.from, e.to);
  layout(g);

  const hasUpstream = new Set(edges.map((e) => e.to));
  const nodes: GraphNode[] = [...meta.values()].map((m) => {
    const n = g.node(m.id);
    const independent = m.kind !== 'copies' && !hasUpstream.has(m.id);
    return { ...m, independent, x: n.x - NODE_W / 2, y: n.y - NODE_H / 2, width: NODE_W, height: NODE_H };
  });
  const drawn: GraphEdge[] = edges.map((e) => {
    const points = g.edge(e.from, e.to).points ?? [];
    const d = points.map((p: { x: number; y: number }, i: number) => `${i === 0 ? 'M' : 'L'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ');
    const mid = points[Math.floor(points.length / 2)] ?? { x: 0, y: 0 };
    return { kind: e.kind, label: EDGE_LABEL[e.kind], d, labelX: mid.x, labelY: mid.y - 4 };
  });
  const graph = g.graph();
  return {
    width: Math.ceil(graph.width ?? 0),
    height: Math.ceil(graph.height ?? 0),
    nodes,
    edges: drawn,
    independentCount: nodes.filter((n) => n.independent).length,
  };
}
