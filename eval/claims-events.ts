// Origins on the labelled events: each event's articles are understood as the extract stage does
// (understandText on the full text) and verified as the verify stage does (assessEvent), with every
// source at one trust, then at another: a claim must never read corroborated when all the articles
// that make it relay one labelled origin, whatever the relays' trust.
import { assessEvent, type EventArticle } from '../src/pipeline/verify/verify-event';
import { understandText } from '../src/pipeline/extract/understand-text';
import { claimsSet, fullArticle, share, type LabelledEvent, type Part } from './claims-set';

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-');

function eventArticles(event: LabelledEvent, trust: number): EventArticle[] {
  return event.articles.map((a, i) => {
    const text = fullArticle(a.doc);
    const understood = understandText({ title: '', text, sourceName: a.source, sourceCategory: 'news' });
    return {
      id: i + 1,
      title: '',
      origin: understood.origin ?? null,
      claimCandidates: understood.claims,
      duplicateOf: null,
      articleType: understood.articleType,
      ownSourcing: understood.ownSourcing,
      publishedAt: new Date(a.publishedAt),
      fetchedAt: new Date(a.publishedAt),
      summary: null,
      extra: null,
      sourceId: slug(a.source),
      sourceName: a.source,
      sourceTrust: trust,
      sourceCategory: 'news',
      sourceOwner: a.source,
    } satisfies EventArticle;
  });
}

/** Verifies the events of one part at one source trust and counts what corroboration rests on. */
export function scoreEvents(part: Part, trust: number) {
  let claimsAcrossArticles = 0;
  let corroborated = 0;
  let corroboratedByOneOrigin = 0;
  let multiOriginClaimsCounted = 0;
  const findings: string[] = [];
  const events = claimsSet.events.filter((e) => e.part === part);
  for (const event of events) {
    const { claims } = assessEvent(eventArticles(event, trust), new Map());
    for (const claim of claims) {
      const articleIds = [...new Set(claim.evidence.map((e) => e.articleId))];
      if (articleIds.length < 2) continue;
      claimsAcrossArticles++;
      const labelledOrigins = new Set(articleIds.map((id) => event.articles[id - 1].origin));
      if (claim.status === 'corroborated') corroborated++;
      if (claim.status === 'corroborated' && labelledOrigins.size === 1) {
        corroboratedByOneOrigin++;
        findings.push(`${event.id}: "${claim.text.slice(0, 90)}" corroborated by ${claim.origins.map((o) => o.name).join(', ')}; labelled one origin ${[...labelledOrigins][0]}`);
      }
      if (labelledOrigins.size > 1 && claim.origins.length > 1) multiOriginClaimsCounted++;
      if (part === 'dev') findings.push(`${event.id}: ${claim.status} (${claim.origins.map((o) => o.name).join(', ')}), articles ${articleIds.join(',')}, labelled ${[...labelledOrigins].join(', ')}: "${claim.text.slice(0, 80)}"`);
    }
  }
  return {
    events: events.length,
    articles: events.reduce((n, e) => n + e.articles.length, 0),
    claimsAcrossArticles,
    corroborated,
    corroboratedByOneOrigin,
    multiOriginClaimsCounted,
    shareAcrossArticles: share(claimsAcrossArticles, events.length),
    findings,
  };
}

/** The JSON lines for events, at a middling and at a high relay trust. */
export async function eventLines(): Promise<Record<string, unknown>[]> {
  const lines: Record<string, unknown>[] = [];
  for (const part of ['dev', 'test'] as const) {
    for (const trust of [50, 85]) {
      const { findings, ...scores } = scoreEvents(part, trust);
      lines.push({ eval: 'claims', task: 'origins', part, sourceTrust: trust, ...scores, ...(part === 'dev' || scores.corroboratedByOneOrigin > 0 ? { findings } : {}) });
    }
  }
  return lines;
}
