import { eventForVerification, reviewsOfEvent, saveAssessments, type AssessedClaim } from '../../db/queries/claim-assessments';
import type { StageContext } from '../context';
import { loadGazetteer } from '../../text/gazetteer';
import type { ClaimStatus } from '../../vocabulary';
import { assessClaim, type EvidenceInput } from './assess';
import { claimKey, claimTerms, sameClaim, type ClaimCandidate } from '../extract/claims';
import { groupOrigins, organisationKey } from './origins';

type EventArticle = NonNullable<Awaited<ReturnType<typeof eventForVerification>>>['articles'][number];

interface ClaimGroup {
  /** Creation order: a candidate joins the earliest group it matches. */
  index: number;
  representative: ClaimCandidate;
  items: { article: EventArticle; candidate: ClaimCandidate }[];
}

// A source speaks for itself: a regulator's own document, or a company's own newsroom
// about a claim that names that company.
function isPrimary(article: EventArticle, candidate: ClaimCandidate): boolean {
  if (article.sourceCategory === 'regulator') return true;
  if (article.sourceCategory !== 'company') return false;
  const gazetteer = loadGazetteer();
  const self = new Set([organisationKey(article.sourceOwner), organisationKey(article.sourceName)]);
  return candidate.entityKeys.some((key) => {
    const entity = gazetteer.get(key);
    return entity !== undefined && [entity.name, ...entity.aliases].some((label) => self.has(organisationKey(label)));
  });
}

// What an article contributes as evidence before any particular claim is looked at.
function articleEvidence(article: EventArticle): EvidenceInput {
  return {
    articleId: String(article.id),
    sourceId: article.sourceId,
    sourceName: article.sourceName,
    sourceTrust: article.sourceTrust,
    sourceCategory: article.sourceCategory as EvidenceInput['sourceCategory'],
    sourceOwner: article.sourceOwner,
    attributedTo: article.origin ?? undefined,
    hedged: false,
    stance: 'supports',
    primary: false,
    // Syndicated copies share the id of the article they copy.
    syndicationGroup: String(article.duplicateOf ?? article.id),
    publishedAt: article.publishedAt ?? undefined,
  };
}

function evidenceOf(article: EventArticle, candidate: ClaimCandidate): EvidenceInput {
  return {
    ...articleEvidence(article),
    // Whoever the sentence credits (an outlet, or a speaker quoted by many) is the origin.
    attributedTo: candidate.attribution?.origin ?? article.origin ?? undefined,
    hedged: candidate.hedged,
    stance: candidate.stance,
    primary: isPrimary(article, candidate),
  };
}

/**
 * Verifies an event: takes the claim candidates extraction found in each article, matches the same claim across articles,
 * groups its evidence into independent origins and assesses status and confidence with the
 * reasons. The event takes the status of its best-supported claim. Returns the revision
 * verified, or undefined when the event is gone.
 */
export async function verifyEvent(ctx: StageContext, eventId: number): Promise<{ revision: number } | undefined> {
  const event = await eventForVerification(ctx.db, eventId);
  if (!event) return undefined;
  // Jobs for older revisions that run after a newer one was verified have nothing to add.
  if (event.verifiedRevision >= event.revision) return { revision: event.revision };

  const groups: ClaimGroup[] = [];
  // Claims that share no term cannot be the same claim: an index by term keeps big events linear-ish.
  const groupsByTerm = new Map<string, ClaimGroup[]>();
  for (const article of event.articles) {
    for (const candidate of (article.claimCandidates ?? []) as ClaimCandidate[]) {
      const terms = claimTerms(candidate.text);
      const related = new Set<ClaimGroup>();
      for (const term of terms) for (const g of groupsByTerm.get(term) ?? []) related.add(g);
      const group = [...related].sort((a, b) => a.index - b.index).find((g) => sameClaim(g.representative, candidate));
      if (group) {
        if (!group.items.some((i) => i.article.id === article.id)) group.items.push({ article, candidate });
        continue;
      }
      const created: ClaimGroup = { index: groups.length, representative: candidate, items: [{ article, candidate }] };
      groups.push(created);
      for (const term of terms) groupsByTerm.set(term, [...(groupsByTerm.get(term) ?? []), created]);
    }
  }

  const reviews = await reviewsOfEvent(ctx.db, eventId);
  const assessed = new Map<string, AssessedClaim & { articles: number }>();
  for (const group of groups) {
    const key = claimKey(group.representative.text);
    if (assessed.has(key)) continue; // two groups with one wording: the first keeps it
    const evidence = group.items.map(({ article, candidate }) => evidenceOf(article, candidate));
    const reviewRows = reviews.get(key) ?? [];
    const review = reviewRows.map((r) => ({ status: r.status as ClaimStatus, createdAt: r.createdAt, note: r.note ?? undefined }));
    const assessment = assessClaim(evidence, review);
    // The latest review holds the status (assessClaim applies it); its author is who changed it.
    const latestReview = reviewRows.slice().sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0];
    const reasonFactor = assessment.explanation.find((f) => f.factor === (latestReview ? 'analyst_review' : 'status'));
    assessed.set(key, {
      key,
      text: group.representative.text,
      status: assessment.status,
      confidence: assessment.confidence,
      origins: assessment.origins,
      explanation: assessment.explanation,
      entityKeys: group.representative.entityKeys,
      actor: latestReview?.reviewer ?? 'rule',
      reason: reasonFactor?.detail ?? assessment.status,
      articles: group.items.length,
      evidence: group.items.map(({ article, candidate }, i) => ({
        articleId: article.id,
        sentence: candidate.sentence,
        stance: candidate.stance,
        hedged: candidate.hedged,
        origin: evidence[i].attributedTo ?? null,
        primary: evidence[i].primary,
      })),
    });
  }

  const claims = [...assessed.values()];
  // The event is as verified as its best-supported claim: most articles, then highest confidence.
  const lead = claims.slice().sort((a, b) => b.articles - a.articles || b.confidence - a.confidence)[0];
  const originCount = groupOrigins(event.articles.map(articleEvidence)).length;
  await saveAssessments(ctx.db, eventId, event.revision, claims, {
    status: lead?.status ?? 'unverified',
    confidence: lead?.confidence ?? 0,
    originCount,
    actor: lead?.actor ?? 'rule',
    reason: lead ? `its best-supported claim is ${lead.status}: ${lead.reason}` : 'no claims found',
  });
  return { revision: event.revision };
}
