// Grouping evidence into independent origins (DESIGN.md, "Independence"): articles
// attributing a claim to one outlet, sources with one owner, and syndicated copies are
// one origin. An attributed outlet is mapped to its owner (gazetteer, or a source in the
// evidence with that name), so the Wall Street Journal's own article and five blogs
// citing it land in the same origin.
import { loadGazetteer } from '../../text/gazetteer';
import { normalizeText } from '../../text/tokens';
import type { SourceCategory, Stance } from '../../vocabulary';

export interface EvidenceInput {
  articleId: string;
  sourceId: string;
  sourceName: string;
  /** 0-100, from sources.yaml. */
  sourceTrust: number;
  sourceCategory: SourceCategory;
  sourceOwner: string;
  /** The outlet or organisation the article attributes the claim to, if any. */
  attributedTo?: string;
  hedged: boolean;
  stance: Stance;
  /** A regulator's own document or the named company's own statement. */
  primary: boolean;
  /** Id shared by near-identical copies of one text. */
  syndicationGroup?: string;
  publishedAt?: Date;
  /** False for analysis, explainers and aggregator summaries: they repeat claims, they never originate them. */
  originates?: boolean;
  /** The attribution was inferred: the article repeats, without sourcing of its own, what an earlier article stated. */
  derived?: boolean;
  /** The attributed origin's own trust (outlet registry), when it is known; else its relays' trust stands in. */
  originTrust?: number;
}

export interface OriginGroup {
  /** Display name: the attributed outlet if any member names one, else the best source. */
  name: string;
  /**
   * The origin's own trust: its own articles' source trust when it is seen directly, else its
   * registry trust when known, else the best trust among the sources relaying it.
   */
  trust: number;
  members: EvidenceInput[];
  /** Whether any member names this origin explicitly (attribution). */
  attributed: boolean;
  /** Whether an article of the origin itself is among the members. */
  seenDirectly: boolean;
  /** Sources that repeated the origin's report (every member that is not the origin itself), with their trust. */
  relayedBy: { sourceId: string; trust: number }[];
  /** Whether any member can originate (not only analysis, explainers and aggregator summaries). */
  originates: boolean;
}

const SUFFIXES = new Set(['inc', 'corp', 'corporation', 'co', 'company', 'llc', 'ltd', 'plc', 'group', 'lp', 'l', 'p', 'holdings', 'sa', 'ag', 'gmbh']);

/** Comparable form of an organisation name: "The New York Times Company" = "New York Times". */
export function organisationKey(name: string): string {
  const words = normalizeText(name).split(/[^a-z0-9]+/).filter(Boolean);
  if (words[0] === 'the' && words.length > 1) words.shift();
  while (words.length > 1 && SUFFIXES.has(words[words.length - 1])) words.pop();
  return words.join('');
}

class UnionFind {
  private parent = new Map<string, string>();
  find(x: string): string {
    const p = this.parent.get(x);
    if (p === undefined || p === x) return x;
    const root = this.find(p);
    this.parent.set(x, root);
    return root;
  }
  union(a: string, b: string): void {
    const [ra, rb] = [this.find(a), this.find(b)];
    if (ra !== rb) this.parent.set(ra, rb);
  }
}

/** The canonical display name of an attributed origin ("WSJ" -> "The Wall Street Journal"). */
export function canonicalOrigin(name: string): string {
  return loadGazetteer().resolve(name)?.name ?? name.trim();
}

function ownerKey(e: EvidenceInput): string {
  return `owner:${organisationKey(e.sourceOwner || e.sourceName)}`;
}

// The outlet a source publishes, from its name ("The Wall Street Journal – Technology").
function sourceOutlet(sourceName: string): string | undefined {
  return loadGazetteer().findEntities(sourceName).find((m) => m.kind === 'outlet' && m.firstOffset <= 4)?.key;
}

/**
 * Who stands behind an attributed name, as a function of the name. The owner recorded for a
 * source of that outlet in this evidence comes first (sources.yaml is the authority on owners),
 * then the gazetteer's owner, then a source whose name is the attributed name, then the name.
 * The evidence's sources are indexed once (the first of each outlet and name), and each name
 * is resolved once: a big event has hundreds of evidence items from a few dozen sources.
 */
function attributionKeys(evidence: EvidenceInput[]): (name: string) => string {
  const byOutlet = new Map<string, EvidenceInput>();
  const byName = new Map<string, EvidenceInput>();
  const indexed = new Set<string>();
  for (const e of evidence) {
    if (indexed.has(e.sourceName)) continue;
    indexed.add(e.sourceName);
    const outlet = sourceOutlet(e.sourceName);
    if (outlet !== undefined && !byOutlet.has(outlet)) byOutlet.set(outlet, e);
    for (const key of [organisationKey(e.sourceName), organisationKey(canonicalOrigin(e.sourceName))]) if (!byName.has(key)) byName.set(key, e);
  }
  const keys = new Map<string, string>();
  return (name) => {
    let key = keys.get(name);
    if (key !== undefined) return key;
    const entity = loadGazetteer().resolve(name);
    const ownSource = entity && byOutlet.get(entity.key);
    if (ownSource) key = ownerKey(ownSource);
    else if (entity?.owner) key = `owner:${organisationKey(entity.owner)}`;
    else {
      const target = organisationKey(entity?.name ?? name);
      const source = byName.get(target);
      key = source ? ownerKey(source) : `owner:${target}`;
    }
    keys.set(name, key);
    return key;
  };
}

/** Evidence grouped into independent origins, largest trust first. */
export function groupOrigins(evidence: EvidenceInput[]): OriginGroup[] {
  const uf = new UnionFind();
  const attributionKey = attributionKeys(evidence);
  evidence.forEach((e, i) => {
    const node = `e:${i}`;
    uf.union(node, e.attributedTo ? attributionKey(e.attributedTo) : ownerKey(e));
    if (e.syndicationGroup) uf.union(node, `syn:${e.syndicationGroup}`);
  });
  const groups = new Map<string, EvidenceInput[]>();
  evidence.forEach((e, i) => {
    const root = uf.find(`e:${i}`);
    const members = groups.get(root);
    if (members) members.push(e);
    else groups.set(root, [e]);
  });
  return [...groups.values()]
    .map((members): OriginGroup => {
      const attributed = members.find((m) => m.attributedTo);
      const best = members.reduce((a, b) => (b.sourceTrust > a.sourceTrust ? b : a));
      // A member is the origin itself when it names none, or names its own outlet or owner.
      const direct = members.filter((m) => !m.attributedTo || attributionKey(m.attributedTo) === ownerKey(m));
      const relays = members.filter((m) => !direct.includes(m));
      const relayedBy = [...new Map(relays.map((m) => [m.sourceId, { sourceId: m.sourceId, trust: m.sourceTrust }])).values()];
      const known = members.map((m) => m.originTrust).filter((t): t is number => t !== undefined);
      const trust = direct.length > 0 ? Math.max(...direct.map((m) => m.sourceTrust)) : known.length > 0 ? Math.max(...known) : best.sourceTrust;
      return {
        name: attributed?.attributedTo ? canonicalOrigin(attributed.attributedTo) : best.sourceName,
        trust,
        members,
        attributed: attributed !== undefined,
        seenDirectly: direct.length > 0,
        relayedBy,
        originates: members.some((m) => m.originates !== false),
      };
    })
    .sort((a, b) => b.trust - a.trust || a.name.localeCompare(b.name));
}

/** Number of distinct articles among evidence items (one article may carry several). */
export function articleCount(members: EvidenceInput[]): number {
  return new Set(members.map((m) => m.articleId)).size;
}
