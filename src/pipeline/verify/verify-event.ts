import { eventForVerification, reviewsOfEvent, saveAssessments, type AssessedClaim } from '../../db/queries/claim-assessments';
import type { StageContext } from '../context';
import { loadGazetteer } from '../../text/gazetteer';
import type { ClaimPredicate, ClaimStatus } from '../../vocabulary';
import { assessClaim, type EvidenceInput } from './assess';
import { claimKey, relateClaims, type ClaimCandidate } from '../extract/claims';
import { claimStructure } from '../extract/claim-structure';
import { originates } from '../extract/article-type';
import { groupOrigins, organisationKey } from './origins';

export type EventArticle = NonNullable<Awaited<ReturnType<typeof eventForVerification>>>['articles'][number];

interface ClaimGroup {
  representative: ClaimCandidate;
  /** `contradicts`: the item states the opposite or incompatible facts (evidence against). */
  items: { article: EventArticle; candidate: ClaimCandidate; contradicts: boolean }[];
}

// What a regulator does to whom a claim is about: "X will pay $106 million to settle charges" in
// the SEC's own release is the SEC's settlement, whoever the sentence's subject is.
const REGULATOR_ACTIONS = new Set<ClaimPredicate>(['settled', 'fined', 'charged', 'sued', 'banned', 'restricted', 'approved', 'proposed', 'ruled', 'investigated', 'suspended', 'awarded']);

// A source speaks for itself about its own actions: a regulator's document confirms "the SEC charged
// X" and the settlement it reached, not the conduct it alleges, and never by its category alone.
function isPrimary(article: EventArticle, candidate: ClaimCandidate): boolean {
  if (article.sourceCategory !== 'regulator' && article.sourceCategory !== 'company') return false;
  if (!candidate.subject) return false;
  const self = new Set([organisationKey(article.sourceOwner), organisationKey(article.sourceName)]);
  const gazetteer = loadGazetteer();
  const isSelf = (key: string, name: string) => {
    const entity = gazetteer.get(key);
    return (entity ? [entity.name, ...entity.aliases] : [name]).some((label) => self.has(organisationKey(label)));
  };
  if (isSelf(candidate.subject.key, candidate.subject.name)) return true;
  // The regulator's action on someone else counts when the sentence names the regulator as party to it.
  if (article.sourceCategory !== 'regulator' || !candidate.predicate || !REGULATOR_ACTIONS.has(candidate.predicate) || candidate.polarity === 'denied') return false;
  return gazetteer.findMentions(candidate.text).some((m) => isSelf(m.key, candidate.text.slice(m.start, m.end)));
}

// Candidates stored before claims had structure get it from their text.
function structured(candidate: ClaimCandidate): ClaimCandidate {
  if (candidate.predicate !== undefined || candidate.subject !== undefined) return { ...candidate, objects: candidate.objects ?? [], amounts: candidate.amounts ?? [], dates: candidate.dates ?? [], polarity: candidate.polarity ?? 'affirmed' };
  return { ...candidate, ...claimStructure(candidate.text) };
}

const published = (a: EventArticle) => a.publishedAt?.getTime() ?? Number.POSITIVE_INFINITY;
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
    originates: originates(article.articleType),
    // Syndicated copies share the id of the article they copy.
    syndicationGroup: String(article.duplicateOf ?? article.id),
    publishedAt: article.publishedAt ?? undefined,
  };
}

/**
 * The evidence of one group: whoever a sentence credits is its origin; an unattributed sentence
 * in an article published after an earlier article of the group, with no sourcing of its own, is
 * derived from the earliest one (it repeats, it does not corroborate); so is anything an opinion
 * piece, explainer or summary states without attribution.
 */
function groupEvidence(group: ClaimGroup): EvidenceInput[] {
  const order = group.items.map((item, i) => i).sort((x, y) => published(group.items[x].article) - published(group.items[y].article));
  const evidence: EvidenceInput[] = new Array(group.items.length);
  let first: EvidenceInput | undefined;
  for (const i of order) {
    const { article, candidate, contradicts } = group.items[i];
    const base = articleEvidence(article);
    const attributedTo = candidate.attribution?.origin ?? article.origin ?? undefined;
    const e: EvidenceInput = {
      ...base,
      attributedTo,
      hedged: candidate.hedged,
      // Against the group's claim when it contradicts it; a denial already read into the polarity
      // ("denied that it is investigating") is that contradiction, not a second one.
      stance: contradicts ? 'denies' : candidate.polarity === 'denied' ? 'supports' : candidate.stance,
      primary: isPrimary(article, candidate),
    };
    const later = first !== undefined && published(article) > (first.publishedAt?.getTime() ?? Number.NEGATIVE_INFINITY) && first.sourceId !== article.sourceId;
    const ownSourcing = article.ownSourcing && base.originates !== false;
    if (!attributedTo && !e.primary && !contradicts && first && (base.originates === false || (later && !ownSourcing))) {
      e.attributedTo = first.attributedTo ?? first.sourceName;
      e.derived = true;
    }
    if (!first && base.originates !== false && !contradicts) first = e;
    evidence[i] = e;
  }
  return evidence;
}

/**
 * Verifies an event: takes the claims extraction found in each article, matches the same claim across articles by meaning,
 * groups its evidence into independent origins and assesses status and confidence with the
 * reasons. The event takes the status of its best-supported claim. Returns the revision
 * verified, or undefined when the event is gone.
 */
export async function verifyEvent(ctx: StageContext, eventId: number): Promise<{ revision: number } | undefined> {
  const event = await eventForVerification(ctx.db, eventId);
  if (!event) return undefined;
  // Jobs for older revisions that run after a newer one was verified have nothing to add.
  if (event.verifiedRevision >= event.revision) return { revision: event.revision };

  const reviews = await reviewsOfEvent(ctx.db, eventId);
  const { claims, summary } = assessEvent(event.articles, reviews);
  await saveAssessments(ctx.db, eventId, event.revision, claims, summary);
  return { revision: event.revision };
}

type ReviewsByKey = Awaited<ReturnType<typeof reviewsOfEvent>>;

/**
 * The assessment of an event's claims from its articles and the analysts' reviews, without the
 * database: what verifyEvent stores, and what scenario tests and the benchmark run.
 */
export function assessEvent(articles: EventArticle[], reviews: ReviewsByKey): { claims: AssessedClaim[]; summary: { status: ClaimStatus; confidence: number; originCount: number; actor: string; reason: string } } {
  // Claims are matched by meaning: an index by subject and predicate, then relateClaims on
  // objects, amounts, dates and polarity. Text similarity alone never merges two claims.
  const groups: ClaimGroup[] = [];
  const byAction = new Map<string, ClaimGroup[]>();
  for (const article of articles) {
    for (const stored of (article.claimCandidates ?? []) as ClaimCandidate[]) {
      const candidate = structured(stored);
      if (!candidate.subject || !candidate.predicate) continue; // not a claim (stored before check-worthiness)
      const action = `${candidate.subject.key}|${candidate.predicate}`;
      const related = byAction.get(action) ?? [];
      let joined = false;
      for (const group of related) {
        const relation = relateClaims(group.representative, candidate);
        if (relation === 'unrelated') continue;
        if (!group.items.some((i) => i.article.id === article.id)) group.items.push({ article, candidate, contradicts: relation === 'contradicts' });
        joined = relation === 'same' || joined;
      }
      if (joined) continue;
      const created: ClaimGroup = { representative: candidate, items: [{ article, candidate, contradicts: false }] };
      groups.push(created);
      byAction.set(action, [...related, created]);
    }
  }

  const assessed = new Map<string, AssessedClaim & { articles: number }>();
  for (const group of groups) {
    const key = claimKey(group.representative.text);
    if (assessed.has(key)) continue; // two groups with one wording: the first keeps it
    const evidence = groupEvidence(group);
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
      structure: {
        subject: group.representative.subject ?? null,
        predicate: group.representative.predicate ?? null,
        objects: group.representative.objects,
        amounts: group.representative.amounts,
        dates: group.representative.dates,
        polarity: group.representative.polarity,
      },
      actor: latestReview?.reviewer ?? 'rule',
      reason: reasonFactor?.detail ?? assessment.status,
      articles: group.items.length,
      evidence: group.items.map(({ article, candidate }, i) => ({
        articleId: article.id,
        sentence: candidate.sentence,
        stance: evidence[i].stance,
        hedged: candidate.hedged,
        origin: evidence[i].attributedTo ?? null,
        primary: evidence[i].primary,
      })),
    });
  }

  const claims = [...assessed.values()];
  // The event's status summarises its core claim, the one most of its articles make (then the best supported).
  const lead = claims.slice().sort((a, b) => b.articles - a.articles || b.confidence - a.confidence)[0];
  const originCount = groupOrigins(articles.map(articleEvidence)).length;
  return {
    claims,
    summary: {
      status: lead?.status ?? 'unverified',
      confidence: lead?.confidence ?? 0,
      originCount,
      actor: lead?.actor ?? 'rule',
      reason: lead ? `its core claim is ${lead.status}: ${lead.reason}` : 'no claims found',
    },
  };
}

