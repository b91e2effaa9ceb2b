// The closed vocabularies of Crosscheck, each spelled once. The sources.yaml schema, the
// database's check constraints, the HTTP API's enums and the TypeScript types are all derived
// from these lists, so adding a word here is the whole change (plus a migration for the check
// constraint). This module imports nothing from the project: every layer may import it.

/** Claim (and event) statuses, fixed by the design contract (DESIGN.md "Status"); also the analyst's review verdicts. */
export const CLAIM_STATUSES = ['unverified', 'single_origin', 'corroborated', 'confirmed', 'disputed', 'refuted'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

/** Each claim status as a reader says it (emails, pages). */
export const CLAIM_STATUS_WORDS: Record<ClaimStatus, string> = {
  unverified: 'unverified',
  single_origin: 'single origin',
  corroborated: 'corroborated',
  confirmed: 'confirmed',
  disputed: 'disputed',
  refuted: 'refuted',
};

/** How a source is read: a feed (RSS, Atom, RDF, JSON Feed), a scraped listing page, or the Federal Register API. */
export const SOURCE_KINDS = ['rss', 'html', 'federal-register'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** What a source is; `regulator` and `company` sources can be primary evidence. */
export const SOURCE_CATEGORIES = ['news', 'wire', 'regulator', 'company', 'analysis', 'blog', 'aggregator'] as const;
export type SourceCategory = (typeof SOURCE_CATEGORIES)[number];

/** What a gazetteer entity is. */
export const ENTITY_KINDS = ['company', 'model', 'agency', 'person', 'outlet', 'country', 'other'] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

/** Where a stored entity came from: the registry files, or an analyst accepting a candidate. */
export const ENTITY_SOURCES = ['registry', 'candidate'] as const;
export type EntitySource = (typeof ENTITY_SOURCES)[number];

/** Kinds a named-entity tagger proposes for names the registry lacks. */
export const CANDIDATE_KINDS = ['person', 'organization'] as const;
export type CandidateKind = (typeof CANDIDATE_KINDS)[number];

/** An analyst's decision on a candidate entity. */
export const CANDIDATE_STATUSES = ['pending', 'accepted', 'rejected'] as const;
export type CandidateStatus = (typeof CANDIDATE_STATUSES)[number];

/** Whether an evidence sentence supports or denies its claim. */
export const STANCES = ['supports', 'denies'] as const;
export type Stance = (typeof STANCES)[number];

/** How one fetch attempt of a source ended, as kept in its fetch history. */
export const FETCH_OUTCOMES = ['ok', 'not_modified', 'failure'] as const;
export type FetchOutcome = (typeof FETCH_OUTCOMES)[number];

/** A subscription is a periodic digest or an alert per matching event. */
export const SUBSCRIPTION_KINDS = ['digest', 'alert'] as const;
export type SubscriptionKind = (typeof SUBSCRIPTION_KINDS)[number];

export const SUBSCRIPTION_FREQUENCIES = ['immediate', 'hourly', 'daily', 'weekly'] as const;
export type SubscriptionFrequency = (typeof SUBSCRIPTION_FREQUENCIES)[number];
