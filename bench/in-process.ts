// The ceiling of the pipeline's stages in one process without queue or database: the same
// feeds parsed, each item's text extracted (plain text, entities, attribution, MinHash
// signature, claim candidates) and folded into events with the cluster stage's own scoring
// and copy evidence, the indexes (LSH buckets, term postings, document frequencies) held in
// memory. Verification and notification are left out: they run per event, on the database.
import { parseFeed } from '../src/pipeline/fetch/parse-feed';
import { toArticleInput } from '../src/pipeline/fetch/ingest';
import { plainText } from '../src/pipeline/fetch/feed-text';
import { findAttribution } from '../src/pipeline/extract/attribution';
import { extractClaims } from '../src/pipeline/extract/claims';
import { copyBuckets, copyEvidence } from '../src/pipeline/cluster/copies';
import { articleTerms, CLUSTER_TUNING, profileSimilarity, rankEvents, EVENT_WINDOW_HOURS, type ScoringEvent } from '../src/pipeline/cluster/event-score';
import { loadGazetteer } from '../src/text/gazetteer';
import { splitSentences } from '../src/text/sentences';
import { shingleSignature } from '../src/text/similarity';

interface MemoryEvent extends ScoringEvent {
  articleCount: number;
  mergedInto?: number;
}

/** Runs the feeds through parse, extract and cluster in memory; returns articles, events and seconds. */
export function inProcessCeiling(feeds: string[]): { articles: number; events: number; copies: number; seconds: number } {
  const started = performance.now();
  const gazetteer = loadGazetteer();
  const tuning = CLUSTER_TUNING;
  const events: MemoryEvent[] = [];
  const postings = new Map<string, Set<number>>();
  const buckets = new Map<string, number[]>();
  const stored: { id: number; title: string; text: string; shingles: number[]; seenAt: Date; fetchedAt: Date; eventId: number }[] = [];
  const df = new Map<string, number>();
  let copies = 0;
  const items = feeds.flatMap((xml, f) => parseFeed(xml, { baseUrl: `https://feed${f}.example.org/` }).items.flatMap((item) => {
    const input = toArticleInput(item);
    return input ? [{ sourceId: `feed-${f}`, input }] : [];
  }));
  for (const { sourceId, input } of items) {
    const text = plainText(input.contentHtml ?? input.summary ?? '');
    const mentions = gazetteer.findEntities(`${input.title}\n${text}`);
    const entityNames = mentions.filter((m) => m.kind !== 'outlet').map((m) => m.name);
    for (const sentence of splitSentences(text).slice(0, 6)) findAttribution(sentence, { entityNames });
    extractClaims(text, { title: input.title, entityNames });
    const at = input.publishedAt ?? new Date();
    const me = { id: stored.length, title: input.title, text, shingles: shingleSignature(`${input.title} ${text}`), seenAt: at, fetchedAt: at, eventId: -1 };
    // Copies: LSH buckets, then the stage's evidence.
    let copyOf: (typeof stored)[number] | undefined;
    const keys = copyBuckets(me).map((b) => `${b.band}:${b.bucket}`);
    const seen = new Set<number>();
    for (const key of keys) for (const other of buckets.get(key) ?? []) seen.add(other);
    for (const other of seen) if (copyEvidence(me, stored[other], tuning)) copyOf ??= stored[other];
    for (const key of keys) {
      const list = buckets.get(key);
      if (list) list.push(me.id);
      else buckets.set(key, [me.id]);
    }
    const terms = articleTerms(input.title, text, tuning.leadWords);
    // Every term scoring weighs (the article's and its candidates' profiles), as the stage reads them.
    const stats = { docs: stored.length, df };
    const entityKeys = mentions.map((m) => m.key);
    let event: MemoryEvent | undefined;
    let others: MemoryEvent[] = [];
    if (copyOf) {
      copies++;
      event = events[copyOf.eventId];
    } else {
      // Candidates from the term postings inside the time window, the most sharing most terms,
      // as the database query (full-text rank, tuning.candidates of them) finds them.
      const shared = new Map<number, number>();
      for (const term of terms.keys()) for (const id of postings.get(term) ?? []) shared.set(id, (shared.get(id) ?? 0) + 1);
      const window = EVENT_WINDOW_HOURS * 3_600_000;
      const candidates = [...shared.entries()]
        .map(([id, n]) => ({ event: events[id], n }))
        .filter(({ event: e }) => !e.mergedInto && e.lastSeenAt.getTime() > at.getTime() - window && e.firstSeenAt.getTime() < at.getTime() + window)
        .sort((a, b) => b.n - a.n)
        .slice(0, tuning.candidates)
        .map((c) => c.event);
      const ranked = rankEvents({ sourceId, terms, entityKeys, at }, candidates, stats, tuning);
      event = ranked[0]?.event;
      others = ranked.slice(1).map((r) => r.event);
    }
    if (event) {
      for (const [term, n] of terms) event.terms[term] = (event.terms[term] ?? 0) + n;
      event.entityKeys = [...new Set([...event.entityKeys, ...entityKeys])];
      event.sourceIds = [...new Set([...event.sourceIds, sourceId])];
      event.firstSeenAt = at < event.firstSeenAt ? at : event.firstSeenAt;
      event.lastSeenAt = at > event.lastSeenAt ? at : event.lastSeenAt;
      event.articleCount++;
      for (const other of others) {
        if (profileSimilarity(event.terms, other.terms, stats, tuning.profilePower) < tuning.mergeThreshold) continue;
        other.mergedInto = event.id;
        for (const [term, n] of Object.entries(other.terms)) event.terms[term] = (event.terms[term] ?? 0) + n;
        event.articleCount += other.articleCount;
      }
    } else {
      event = { id: events.length, terms: Object.fromEntries(terms), entityKeys, sourceIds: [sourceId], firstSeenAt: at, lastSeenAt: at, articleCount: 1 };
      events.push(event);
    }
    for (const term of terms.keys()) {
      postings.set(term, (postings.get(term) ?? new Set()).add(event.id));
      df.set(term, (df.get(term) ?? 0) + 1);
    }
    me.eventId = event.id;
    stored.push(me);
  }
  return { articles: stored.length, events: events.filter((e) => !e.mergedInto).length, copies, seconds: (performance.now() - started) / 1000 };
}
