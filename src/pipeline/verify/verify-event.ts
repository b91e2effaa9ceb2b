import { articlesForVerification, reviewsOfEvent, verificationState, saveAssessments, type AssessedClaim, type VerificationPace } from '../../db/queries/claim-assessments';
import { eventsWithRuleClaims, registerDocumentsBetween } from '../../db/queries/register-documents';
import type { StageContext } from '../context';
import { loadGazetteer } from '../../text/gazetteer';
import type { ClaimPredicate, ClaimStatus } from '../../vocabulary';
import { assessClaim, type EvidenceInput } from './assess';
import type { ClaimCandidate } from '../extract/claims';
import { claimKey, relateClaims } from './claim-matching';
import { claimStructure } from '../extract/claim-structure';
import { originates } from '../extract/article-type';
import { groupOrigins, organisationKey } from './origins';
import {
  RULE_ACTIONS,
  agencyKeys,
  correctionsOf,
  documentPredicates,
  isWithdrawal,
  matchRegisterDocument,
  registerDocumentOf,
  searchWindow,
  withdrawalOf,
  type RegisterDocument,
} from './federal-register';

export type EventArticle = Awaited<ReturnType<typeof articlesForVerification>>[number];

/** A Federal Register document matched to a claim: why, and whether a later document took it back. */
interface RegisterLink {
  doc: RegisterDocument;
  reasons: string[];
  withdrawnBy?: RegisterDocument;
  corrections: RegisterDocument[];
}

interface ClaimGroup {
  representative: ClaimCandidate;
  /** `contradicts`: the item states the opposite or incompatible facts (evidence against). */
  items: { article: EventArticle; candidate: ClaimCandidate; contradicts: boolean; register?: RegisterLink }[];
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

// Candidates stored before claims had structure get it from their text. A polarity marks one
// stored with it: a claim naming no one and no action keeps what extraction read in its article.
function structured(candidate: ClaimCandidate): ClaimCandidate {
  if (candidate.polarity !== undefined || candidate.predicate !== undefined || candidate.subject !== undefined) return { ...candidate, objects: candidate.objects ?? [], amounts: candidate.amounts ?? [], dates: candidate.dates ?? [], polarity: candidate.polarity ?? 'affirmed' };
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

/** The journal each study author speaks for, by full name and by surname, as any article of the event says. */
type StudyAuthors = Map<string, string>;

const surname = (name: string) => name.trim().split(/\s+/).pop()!;
const firstAndLast = (name: string) => {
  const words = name.trim().split(/\s+/);
  return words.length > 2 ? `${words[0]} ${words[words.length - 1]}` : name.trim();
};

function studyAuthors(articles: EventArticle[]): StudyAuthors {
  const authors: StudyAuthors = new Map();
  for (const article of articles) {
    for (const { attribution } of (article.claimCandidates ?? []) as ClaimCandidate[]) {
      if (!attribution?.speaksFor) continue;
      for (const name of [attribution.origin, firstAndLast(attribution.origin), surname(attribution.origin)]) authors.set(name, attribution.speaksFor);
    }
  }
  return authors;
}

// A quote credits a study's author by full name or surname alone; a claim about someone counts
// as the author's when the first and last names agree (a middle name may be left out), so a
// namesake sharing only the surname is not taken for the author.
const studyOf = (name: string, studies: StudyAuthors) => studies.get(name) ?? studies.get(surname(name));
const authorOf = (name: string, studies: StudyAuthors) =>
  studies.get(name) ?? (name.trim().includes(' ') ? studies.get(firstAndLast(name)) : studies.get(surname(name)));

// Whom a claim credits: its attribution, else its article's. A study's author speaks for the
// study: one origin with the journal that published it, also where the article quoting them
// does not say whose author they are (another article of the event does). What a study's author
// did is the study's account too, however the outlet came by it: an interview with the author is
// no second origin beside the journal.
function creditedOrigin(candidate: ClaimCandidate, article: EventArticle, studies: StudyAuthors): string | undefined {
  const { attribution, subject } = candidate;
  if (!attribution) return (subject && authorOf(subject.name, studies)) ?? article.origin ?? undefined;
  return attribution.speaksFor ?? studyOf(attribution.origin, studies) ?? attribution.origin;
}

/**
 * The evidence of one group: whoever a sentence credits is its origin; an unattributed sentence
 * in an article published after an earlier article of the group, with no sourcing of its own, is
 * derived from the earliest one (it repeats, it does not corroborate); so is anything an opinion
 * piece, explainer or summary states without attribution; and where another article names the
 * claim's origin, an unattributed sentence without sourcing of its own relays that origin.
 */
function groupEvidence(group: ClaimGroup, studies: StudyAuthors): EvidenceInput[] {
  const order = group.items.map((item, i) => i).sort((x, y) => published(group.items[x].article) - published(group.items[y].article));
  const evidence: EvidenceInput[] = new Array(group.items.length);
  let first: EvidenceInput | undefined;
  for (const i of order) {
    const { article, candidate, contradicts, register } = group.items[i];
    const base = articleEvidence(article);
    const attributedTo = creditedOrigin(candidate, article, studies);
    const e: EvidenceInput = {
      ...base,
      attributedTo,
      hedged: candidate.hedged,
      // Against the group's claim when it contradicts it; a denial already read into the polarity
      // ("denied that it is investigating") is that contradiction, not a second one.
      stance: contradicts ? 'denies' : candidate.polarity === 'denied' ? 'supports' : candidate.stance,
      // A matched Federal Register document states the rule itself, unless it was withdrawn since.
      primary: register ? !register.withdrawnBy : isPrimary(article, candidate),
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
  creditNamedOrigin(group, evidence, order, studies);
  return evidence;
}

/**
 * Where an article of the group names where the claim comes from, an article that states it
 * without attribution and without sourcing of its own relays that origin, whenever it was
 * published: it is no independent confirmation of what another article credits to a study, an
 * agency or a wire ("a chest X-ray … was considered normal" in a news story and "according to
 * the case report in BMJ" in another are one origin, the report). The earliest named origin counts.
 */
function creditNamedOrigin(group: ClaimGroup, evidence: EvidenceInput[], order: number[], studies: StudyAuthors): void {
  // An article crediting its own outlet ("HONOLULU (HawaiiNewsNow) -") names no one else's report.
  const own = (i: number) => [group.items[i].article.sourceName, group.items[i].article.sourceOwner].filter((n): n is string => !!n).map(organisationKey);
  const stated = (i: number) => {
    const { candidate, article } = group.items[i];
    const origin = creditedOrigin(candidate, article, studies);
    return origin && !own(i).includes(organisationKey(origin)) ? origin : undefined;
  };
  const named = order.map((i) => ({ i, origin: stated(i) })).find(({ i, origin }) => origin && !group.items[i].contradicts && evidence[i].stance !== 'denies');
  if (!named?.origin) return;
  const namedKey = organisationKey(named.origin);
  for (const i of order) {
    const { article, contradicts } = group.items[i];
    const e = evidence[i];
    // The named outlet's own article is that origin, seen directly.
    if (stated(i) || own(i).includes(namedKey) || e.primary || contradicts || (article.ownSourcing && e.originates !== false)) continue;
    e.attributedTo = named.origin;
    e.derived = true;
  }
}

/**
 * Verifies an event: takes the claims extraction found in each article, matches the same claim across articles by meaning,
 * groups its evidence into independent origins and assesses status and confidence with the
 * reasons. The event takes the status of its best-supported claim. Returns the revision
 * verified, or undefined when the event is gone. With a `pace`, an event verified a moment ago
 * is not verified again yet: the result says how long to wait (`waitMs`) and nothing is read.
 */
export async function verifyEvent(
  ctx: StageContext,
  eventId: number,
  pace?: VerificationPace,
): Promise<{ revision: number; touched?: { id: number; revision: number }[]; waitMs?: number } | undefined> {
  const event = await verificationState(ctx.db, eventId, pace);
  if (!event) return undefined;
  // Jobs for older revisions that run after a newer one was verified have nothing to add (and
  // read none of the event's articles).
  if (event.verifiedRevision >= event.revision) return { revision: event.revision };
  if (event.waitMs > 0) return { revision: event.revision, waitMs: event.waitMs };

  const articles = await articlesForVerification(ctx.db, eventId);
  const reviews = await reviewsOfEvent(ctx.db, eventId);
  const { claims, summary } = assessEvent(articles, reviews, await documentsNear(ctx, articles));
  const touch = await eventsAwaitingDocuments(ctx, eventId, articles);
  const { touched } = await saveAssessments(ctx.db, eventId, event.revision, claims, summary, touch);
  return touched.length > 0 ? { revision: event.revision, touched } : { revision: event.revision };
}

const documentOf = (a: EventArticle) => registerDocumentOf(a.title, a.summary, a.extra, a.publishedAt);

// Federal Register documents published near the event's claims about rules (none looked up for other events).
async function documentsNear(ctx: StageContext, articles: EventArticle[]): Promise<EventArticle[]> {
  const times = articles
    .filter((a) => ((a.claimCandidates ?? []) as ClaimCandidate[]).some((c) => c.predicate && RULE_ACTIONS.has(c.predicate)))
    .map((a) => a.publishedAt?.getTime())
    .filter((t): t is number => t !== undefined);
  if (times.length === 0) return [];
  const window = searchWindow(new Date(Math.min(...times)), new Date(Math.max(...times)));
  const ownIds = new Set(articles.map((a) => a.id));
  return (await registerDocumentsBetween(ctx.db, window.from, window.to)).filter((d) => !ownIds.has(d.id));
}

// A document that arrives after the news it confirms: the news events about its agency and action
// are verified again (their revision moves in the same transaction as this assessment).
async function eventsAwaitingDocuments(ctx: StageContext, eventId: number, articles: EventArticle[]): Promise<number[]> {
  const touch = new Set<number>();
  for (const article of articles) {
    const doc = documentOf(article);
    if (!doc?.publishedAt) continue;
    const predicates = isWithdrawal(doc) ? [...RULE_ACTIONS] : documentPredicates(doc);
    for (const id of await eventsWithRuleClaims(ctx.db, [...agencyKeys(doc)], predicates, searchWindow(doc.publishedAt, doc.publishedAt), article.fetchedAt, eventId)) touch.add(id);
  }
  return [...touch];
}

// The claim a document makes, in the words of its title and action, for the claim it matched.
function documentClaim(doc: RegisterDocument, claim: ClaimCandidate): ClaimCandidate {
  const text = `${doc.title} (${doc.action ?? doc.type ?? 'document'} FR Doc. ${doc.documentNumber})`;
  return { ...claim, text, sentence: text, normalized: text.toLowerCase(), hedged: false, hedge: undefined, stance: 'supports', attribution: undefined, polarity: 'affirmed' };
}

// Links each claim about a rule to the document that states it (the first match, oldest first).
function linkDocuments(groups: ClaimGroup[], documents: EventArticle[]): void {
  const docs = documents.map((article) => ({ article, doc: documentOf(article) })).filter((d): d is { article: EventArticle; doc: RegisterDocument } => d.doc !== undefined);
  if (docs.length === 0) return;
  const all = docs.map((d) => d.doc);
  for (const group of groups) {
    const claim = group.representative;
    if (!claim.predicate || !RULE_ACTIONS.has(claim.predicate)) continue;
    const when = group.items.map((i) => i.article.publishedAt).find((d) => d) ?? undefined;
    for (const { article, doc } of docs) {
      const match = matchRegisterDocument(claim, when, doc);
      if (!match) continue;
      const register: RegisterLink = { doc, reasons: match.reasons, withdrawnBy: withdrawalOf(doc, all), corrections: correctionsOf(doc, all) };
      const own = group.items.find((i) => i.article.id === article.id);
      if (own) own.register = register;
      else group.items.push({ article, candidate: documentClaim(doc, claim), contradicts: false, register });
      break;
    }
  }
}

const day = (d?: Date) => d?.toISOString().slice(0, 10) ?? 'undated';
function registerExplanation(group: ClaimGroup): { factor: string; effect: number; detail: string }[] {
  return group.items.flatMap(({ register }) => {
    if (!register) return [];
    const { doc } = register;
    const lines = [{ factor: 'federal_register', effect: 0, detail: `FR Doc. ${doc.documentNumber} (${doc.action ?? doc.type}, ${day(doc.publishedAt)}) states it: ${register.reasons.join('; ')}` }];
    if (register.withdrawnBy)
      lines.push({ factor: 'federal_register', effect: 0, detail: `FR Doc. ${doc.documentNumber} was withdrawn by FR Doc. ${register.withdrawnBy.documentNumber} (${day(register.withdrawnBy.publishedAt)}): it no longer confirms` });
    for (const c of register.corrections) lines.push({ factor: 'federal_register', effect: 0, detail: `corrected by FR Doc. ${c.documentNumber} (${day(c.publishedAt)})` });
    return lines;
  });
}

/**
 * The entities a claim is about, by which it is compared with others: those it names (subject and
 * objects), else its article's main entity (ClaimCandidate.about).
 */
export function claimTopics(claim: ClaimCandidate): string[] {
  const named = [...(claim.subject ? [claim.subject.key] : []), ...(claim.objects ?? []).map((o) => o.key)];
  return [...new Set(named.length > 0 ? named : claim.about ? [claim.about.key] : [])];
}

// A claim naming no one was matched as a claim about its article's main entity: say so.
function aboutExplanation(claim: ClaimCandidate): AssessedClaim['explanation'] {
  if (claim.subject || !claim.about) return [];
  return [{ factor: 'about', effect: 0, detail: `names no one: compared with the event's claims about ${claim.about.name}, whom its article names most` }];
}

type ReviewsByKey = Awaited<ReturnType<typeof reviewsOfEvent>>;

/**
 * The assessment of an event's claims from its articles and the analysts' reviews, without the
 * database: what verifyEvent stores, and what scenario tests and the benchmark run.
 */
export function assessEvent(articles: EventArticle[], reviews: ReviewsByKey, documents: EventArticle[] = []): { claims: AssessedClaim[]; summary: { status: ClaimStatus; confidence: number; originCount: number; actor: string; reason: string } } {
  // Claims are matched by meaning: an index by the entities they are about (claimTopics), then
  // relateClaims on subject, predicate, objects, amounts, dates and polarity, and on what is said
  // where one side names no action of the vocabulary. Text similarity alone never merges two claims.
  const groups: ClaimGroup[] = [];
  const byTopic = new Map<string, ClaimGroup[]>();
  for (const article of articles) {
    for (const stored of (article.claimCandidates ?? []) as ClaimCandidate[]) {
      const candidate = structured(stored);
      const topics = claimTopics(candidate);
      if (topics.length === 0) continue; // names no one in an article about no one: nothing to match it by
      const related = new Set(topics.flatMap((t) => byTopic.get(t) ?? []));
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
      for (const topic of topics) byTopic.set(topic, [...(byTopic.get(topic) ?? []), created]);
    }
  }

  linkDocuments(groups, [...articles, ...documents]);
  const studies = studyAuthors(articles);

  const assessed = new Map<string, AssessedClaim & { articles: number }>();
  for (const group of groups) {
    const key = claimKey(group.representative.text);
    if (assessed.has(key)) continue; // two groups with one wording: the first keeps it
    const evidence = groupEvidence(group, studies);
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
      explanation: [...assessment.explanation, ...registerExplanation(group), ...aboutExplanation(group.representative)],
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

