// News claims about a rule, matched to the Federal Register document that states it: the same
// agency, an action the document is (a proposed rule proposes, a final rule adopts), a publication
// date near the news, and either an identifier both name (docket, RIN, CFR part, document number)
// or the document's own words for the subject. The matched document is a primary source: it
// confirms what it states. A later withdrawal of that rule takes the confirmation back; a
// correction is context, never a confirmation on its own.
import { loadGazetteer } from '../../text/gazetteer';
import { contentTerms } from '../../text/tokens';
import type { ClaimPredicate } from '../../vocabulary';
import type { ClaimCandidate } from '../extract/claims';
import { organisationKey } from './origins';

/** What a Federal Register article stores in `extra` (see parse-federal-register.ts). */
export interface RegisterDocument {
  documentNumber: string;
  type?: string;
  action?: string;
  title: string;
  abstract?: string;
  agencies: string[];
  docketIds: string[];
  regulationIdNumbers: string[];
  cfrParts: string[];
  publishedAt?: Date;
}

/** Predicates a rule document can state. */
export const RULE_ACTIONS: ReadonlySet<ClaimPredicate> = new Set<ClaimPredicate>(['proposed', 'approved', 'ruled', 'banned', 'restricted', 'suspended', 'withdrew', 'delayed']);

/** How far from the news a document may be published and still be the one it is about (days). */
export const MATCH_WINDOW_DAYS = 60;
/** Content words the claim must share with the document when no identifier ties them. */
export const MIN_SHARED_TERMS = 3;

const DAY_MS = 24 * 60 * 60 * 1000;

export interface Identifiers {
  rins: string[];
  dockets: string[];
  cfrParts: string[];
  documentNumbers: string[];
}

// "RIN 0938-AV34", "Docket No. EPA-HQ-OAR-2021-0317", "40 CFR part 60", "FR Doc. 2024-17021".
const RIN = /\b\d{4}-[A-Z]{2}\d{2}\b/g;
const DOCKET = /\b[A-Z]{2,8}(?:[-_][A-Z0-9]{1,12})*[-_]\d{4}[-_]\d{3,5}(?:[-_][A-Z0-9]+)?\b/g;
const CFR = /\b(\d{1,2})\s*C\.?F\.?R\.?\s*(?:parts?\s*|§+\s*)?(\d{1,5})/gi;
const DOCUMENT_NUMBER = /\bFR\s+Doc\.?\s*(?:No\.?\s*)?(\d{4}-\d{4,6})\b/gi;

/** The identifiers a text names. */
export function identifiersIn(text: string): Identifiers {
  return {
    rins: [...new Set(text.match(RIN) ?? [])],
    dockets: [...new Set(text.match(DOCKET) ?? [])],
    cfrParts: [...new Set([...text.matchAll(CFR)].map((m) => `${m[1]} CFR ${m[2]}`))],
    documentNumbers: [...new Set([...text.matchAll(DOCUMENT_NUMBER)].map((m) => m[1]))],
  };
}

/** A stored article's `extra` read as a Federal Register document, or undefined for other articles. */
export function registerDocumentOf(title: string, summary: string | null | undefined, extra: Record<string, unknown> | null | undefined, publishedAt?: Date | null): RegisterDocument | undefined {
  if (!extra || typeof extra.documentNumber !== 'string') return undefined;
  const strings = (value: unknown) => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
  const agencies = Array.isArray(extra.agencies) ? extra.agencies.map((a) => (a && typeof a === 'object' ? (a as { name?: unknown }).name : undefined)).filter((n): n is string => typeof n === 'string') : [];
  const cfrParts = Array.isArray(extra.cfrReferences)
    ? extra.cfrReferences.map((r) => r as { title?: unknown; part?: unknown }).filter((r) => r.title != null && r.part != null).map((r) => `${String(r.title)} CFR ${String(r.part)}`)
    : [];
  return {
    documentNumber: extra.documentNumber,
    type: typeof extra.type === 'string' ? extra.type : undefined,
    action: typeof extra.action === 'string' ? extra.action : undefined,
    title,
    abstract: summary ?? undefined,
    agencies,
    docketIds: strings(extra.docketIds),
    regulationIdNumbers: strings(extra.regulationIdNumbers),
    cfrParts,
    publishedAt: publishedAt ?? undefined,
  };
}

const kindOf = (doc: RegisterDocument) => `${doc.type ?? ''} ${doc.action ?? ''}`.toLowerCase();
export const isWithdrawal = (doc: RegisterDocument) => /\bwithdraw/.test(kindOf(doc));
export const isCorrection = (doc: RegisterDocument) => /\bcorrect(?:ion|ing)\b/.test(kindOf(doc)) || /;\s*correction$/i.test(doc.title);

/** The predicates a document states: a proposed rule proposes, a final rule adopts, restricts or bans. */
export function documentPredicates(doc: RegisterDocument): ClaimPredicate[] {
  const kind = kindOf(doc);
  if (isWithdrawal(doc)) return ['withdrew'];
  if (/\b(?:delay|postpone)/.test(kind) || /extension of (?:the )?(?:effective|compliance) date/.test(kind)) return ['delayed'];
  if (/proposed rule/.test(kind)) return ['proposed'];
  if (/\brule\b/.test(kind)) return ['approved', 'ruled', 'banned', 'restricted', 'suspended'];
  return [];
}

/** Registry keys of the document's agencies (and the organisation keys of names the registry lacks). */
export function agencyKeys(doc: RegisterDocument): Set<string> {
  const gazetteer = loadGazetteer();
  const keys = new Set<string>();
  for (const name of doc.agencies) {
    const entity = gazetteer.resolve(name);
    keys.add(entity ? entity.key : `org:${organisationKey(name)}`);
  }
  return keys;
}

function claimAgencyKeys(candidate: ClaimCandidate): string[] {
  if (!candidate.subject) return [];
  return candidate.subject.candidate ? [`org:${organisationKey(candidate.subject.name)}`] : [candidate.subject.key];
}

const shared = (a: string[], b: string[]) => a.filter((x) => b.some((y) => y.toLowerCase() === x.toLowerCase()));

export interface RegisterMatch {
  /** Why the document is the one the claim is about, in words. */
  reasons: string[];
}

/**
 * Whether `doc` states the claim made in an article published at `claimPublishedAt`. Identifiers
 * decide when the claim names one: a claim citing a RIN matches only documents with that RIN.
 */
export function matchRegisterDocument(candidate: ClaimCandidate, claimPublishedAt: Date | undefined, doc: RegisterDocument): RegisterMatch | undefined {
  if (!candidate.predicate || !RULE_ACTIONS.has(candidate.predicate) || candidate.polarity === 'denied') return undefined;
  if (!documentPredicates(doc).includes(candidate.predicate) || isCorrection(doc)) return undefined;
  const agencies = agencyKeys(doc);
  const agency = claimAgencyKeys(candidate).find((k) => agencies.has(k));
  if (!agency) return undefined;
  if (claimPublishedAt && doc.publishedAt && Math.abs(claimPublishedAt.getTime() - doc.publishedAt.getTime()) > MATCH_WINDOW_DAYS * DAY_MS) return undefined;
  const reasons = [`agency ${candidate.subject!.name}`, `action: ${doc.action ?? doc.type} states "${candidate.predicate}"`];
  const ids = identifiersIn(candidate.text);
  const named = ids.rins.length + ids.dockets.length + ids.cfrParts.length + ids.documentNumbers.length;
  if (named > 0) {
    const agree = [
      ...shared(ids.rins, doc.regulationIdNumbers).map((r) => `RIN ${r}`),
      ...shared(ids.dockets, doc.docketIds).map((d) => `docket ${d}`),
      ...shared(ids.cfrParts, doc.cfrParts),
      ...shared(ids.documentNumbers, [doc.documentNumber]).map((n) => `FR Doc. ${n}`),
    ];
    if (agree.length === 0) return undefined;
    return { reasons: [...reasons, ...agree] };
  }
  // Without identifiers the claim must use the document's own words for what the rule does.
  const agencyWords = new Set(contentTerms(candidate.subject!.name));
  const claimTerms = new Set(contentTerms(candidate.text).filter((t) => !agencyWords.has(t)));
  const docTerms = new Set(contentTerms(`${doc.title} ${doc.abstract ?? ''}`));
  const common = [...claimTerms].filter((t) => docTerms.has(t));
  if (common.length < MIN_SHARED_TERMS) return undefined;
  return { reasons: [...reasons, `shares the document's words (${common.slice(0, 6).join(', ')})`] };
}

/** A later document that withdraws `doc`: the same agency and RIN or docket, published after it. */
export function withdrawalOf(doc: RegisterDocument, others: RegisterDocument[]): RegisterDocument | undefined {
  return others.find(
    (other) =>
      other.documentNumber !== doc.documentNumber &&
      isWithdrawal(other) &&
      (shared(other.regulationIdNumbers, doc.regulationIdNumbers).length > 0 || shared(other.docketIds, doc.docketIds).length > 0) &&
      (other.publishedAt?.getTime() ?? 0) >= (doc.publishedAt?.getTime() ?? 0),
  );
}

/** Corrections published for `doc`'s rule (same RIN or docket), shown with the match. */
export function correctionsOf(doc: RegisterDocument, others: RegisterDocument[]): RegisterDocument[] {
  return others.filter(
    (other) =>
      other.documentNumber !== doc.documentNumber &&
      isCorrection(other) &&
      shared(other.regulationIdNumbers, doc.regulationIdNumbers).length > 0 &&
      (other.publishedAt?.getTime() ?? 0) >= (doc.publishedAt?.getTime() ?? 0),
  );
}

/** The window of publication dates to look for documents about claims published in [from, to]. */
export function searchWindow(from: Date, to: Date): { from: Date; to: Date } {
  return { from: new Date(from.getTime() - MATCH_WINDOW_DAYS * DAY_MS), to: new Date(to.getTime() + MATCH_WINDOW_DAYS * DAY_MS) };
}
