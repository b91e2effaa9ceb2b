import { CANDIDATE_KINDS, CANDIDATE_STATUSES, CLAIM_PREDICATES, CLAIM_STATUSES, ENTITY_KINDS, ENTITY_SOURCES, STANCES } from '../vocabulary';
import { errorSchema } from './errors';

// Shared JSON schemas of the HTTP contract (DESIGN.md "Shapes"). Events, claims, entities and articles
// have integer ids; sources are identified by their slug from sources.yaml; subscriptions by a UUID.

const nullable = (type: string, extra: Record<string, unknown> = {}) => ({ type: [type, 'null'], ...extra });
const dateTime = { type: 'string', format: 'date-time' } as const;

export const idParam = { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER } as const;
export const statusEnum = { type: 'string', enum: [...CLAIM_STATUSES] } as const;
export const confidence = { type: 'number', minimum: 0, maximum: 1 } as const;
export const limitParam = {
  type: 'integer',
  minimum: 1,
  maximum: 200,
  default: 50,
  description: 'Page size (1-200).',
} as const;
export const cursorParam = {
  type: 'string',
  maxLength: 2000,
  description: 'Opaque: the nextCursor of the previous page.',
} as const;

const entityRef = {
  $id: 'EntityRef',
  type: 'object',
  required: ['id', 'name', 'kind'],
  properties: { id: { type: 'integer' }, name: { type: 'string' }, kind: { type: 'string', enum: [...ENTITY_KINDS] } },
} as const;

const sourceRef = {
  $id: 'SourceRef',
  type: 'object',
  required: ['id', 'name', 'trust'],
  properties: {
    id: { type: 'string', description: 'Source slug.' },
    name: { type: 'string' },
    trust: { type: 'integer', minimum: 0, maximum: 100, description: 'Configured trust, 0-100.' },
  },
} as const;

const event = {
  $id: 'Event',
  type: 'object',
  description: 'One real-world story, however many outlets carry it.',
  required: ['id', 'title', 'firstSeenAt', 'lastSeenAt', 'articleCount', 'originCount', 'status', 'confidence', 'entities', 'sources'],
  properties: {
    id: { type: 'integer' },
    title: { type: 'string' },
    firstSeenAt: dateTime,
    lastSeenAt: dateTime,
    articleCount: { type: 'integer' },
    originCount: { type: 'integer', description: 'Independent origins among the articles.' },
    status: { ...statusEnum, description: 'The event\'s assessment; its claims carry the reasons.' },
    confidence: { ...confidence, description: '0-1; the claims carry the explanation.' },
    verifiedAt: nullable('string', { format: 'date-time' }),
    entities: { type: 'array', items: { $ref: 'EntityRef#' } },
    sources: { type: 'array', items: { $ref: 'SourceRef#' } },
  },
} as const;

const article = {
  $id: 'Article',
  type: 'object',
  required: ['id', 'url', 'title', 'sourceId', 'publishedAt', 'origin', 'duplicateOf'],
  properties: {
    id: { type: 'integer' },
    url: { type: 'string' },
    title: { type: 'string' },
    sourceId: { type: 'string' },
    publishedAt: nullable('string', { format: 'date-time' }),
    fetchedAt: dateTime,
    origin: nullable('string', { description: 'The outlet the article attributes its report to, if any.' }),
    duplicateOf: nullable('integer', { description: 'The earliest published article this one is a copy of.' }),
    clusterReason: {
      type: ['object', 'null'],
      additionalProperties: true,
      description: 'Why the article is in this event: score, similarity, sharedTerms, sharedEntities, hours, and copy evidence (kind, jaccard, containment, of).',
    },
  },
} as const;

const explanationFactor = {
  $id: 'ExplanationFactor',
  type: 'object',
  description: 'One reason behind a claim\'s confidence: what it is, how much it moved the score, and why.',
  required: ['factor', 'effect', 'detail'],
  properties: { factor: { type: 'string' }, effect: { type: 'number' }, detail: { type: 'string' } },
} as const;

const origin = {
  $id: 'ClaimOrigin',
  type: 'object',
  description: 'One independent origin: every article tracing back to it counts once.',
  required: ['name', 'trust', 'articleCount'],
  properties: {
    name: { type: 'string' },
    trust: { type: 'number', description: "The origin's own trust (not its relays')." },
    articleCount: { type: 'integer' },
    seenDirectly: { type: 'boolean', description: "Whether the origin's own article is among the evidence; else only relays carry it." },
    relayedBy: {
      type: 'array',
      description: 'Sources that repeated the origin’s report, with their own trust.',
      items: { type: 'object', required: ['sourceId', 'trust'], properties: { sourceId: { type: 'string' }, trust: { type: 'number' } } },
    },
  },
} as const;

const claimEntity = {
  type: 'object',
  required: ['key', 'name'],
  properties: {
    key: { type: 'string', description: 'Registry key, or the slug of a name the registry lacks.' },
    name: { type: 'string' },
    candidate: { type: 'boolean', description: 'Not in the registry: a proposed entity.' },
  },
} as const;

const claimProperties = {
  id: { type: 'integer' },
  eventId: { type: 'integer' },
  text: { type: 'string' },
  status: statusEnum,
  confidence,
  origins: { type: 'array', items: { $ref: 'ClaimOrigin#' } },
  explanation: { type: 'array', items: { $ref: 'ExplanationFactor#' } },
  subject: { anyOf: [claimEntity, { type: 'null' }], description: 'Who the claim is about (null for claims assessed before claims had structure).' },
  predicate: nullable('string', { enum: [...CLAIM_PREDICATES, null], description: 'What the subject did, from the fixed action vocabulary.' }),
  objects: { type: 'array', items: claimEntity, description: 'The other entities the action concerns.' },
  evidenceCount: { type: 'integer', description: 'Number of evidence sentences (listed in the claim detail).' },
  createdAt: dateTime,
  assessedAt: { ...dateTime, description: 'When the assessment that holds was made (a verification that changes nothing for the claim leaves it).' },
} as const;
const claimRequired = ['id', 'eventId', 'text', 'status', 'confidence', 'origins', 'explanation', 'evidenceCount'];

const claim = {
  $id: 'Claim',
  type: 'object',
  description:
    'A claim with its status, confidence, origins and explanation. Lists omit the evidence sentences for brevity; ' +
    'GET /api/claims/{id} carries them, with the reviews.',
  required: claimRequired,
  properties: claimProperties,
} as const;

const evidence = {
  $id: 'Evidence',
  type: 'object',
  required: ['articleId', 'sentence', 'stance', 'hedged', 'origin', 'sourceId', 'sourceName', 'url'],
  properties: {
    articleId: { type: 'integer' },
    sentence: { type: 'string' },
    stance: { type: 'string', enum: [...STANCES] },
    hedged: { type: 'boolean', description: 'Worded as unconfirmed ("reportedly", "may have").' },
    origin: nullable('string', { description: 'The outlet the sentence is attributed to, if any.' }),
    primary: { type: 'boolean', description: 'From a primary source (the regulator or the company itself).' },
    sourceId: { type: 'string' },
    sourceName: { type: 'string' },
    sourceTrust: { type: 'integer' },
    url: { type: 'string' },
    title: { type: 'string' },
    publishedAt: nullable('string', { format: 'date-time' }),
  },
} as const;

const review = {
  $id: 'Review',
  type: 'object',
  required: ['status', 'note', 'reviewer', 'createdAt'],
  properties: {
    id: { type: 'integer' },
    claimId: { type: 'integer' },
    status: statusEnum,
    note: nullable('string'),
    reviewer: { type: 'string', description: 'First 8 hex chars of the sha256 of the key used.' },
    createdAt: dateTime,
  },
} as const;

const claimDetail = {
  $id: 'ClaimDetail',
  type: 'object',
  description: 'A claim with every evidence sentence, the analyst review trail (newest first) and its status history (oldest first).',
  required: [...claimRequired, 'evidence', 'reviews', 'history'],
  properties: {
    ...claimProperties,
    evidence: { type: 'array', items: { $ref: 'Evidence#' } },
    reviews: { type: 'array', items: { $ref: 'Review#' } },
    history: {
      type: 'array',
      description: 'Every change of status or confidence: the first entry is the first assessment (no previous status).',
      items: {
        type: 'object',
        required: ['changedAt', 'previousStatus', 'status', 'previousConfidence', 'confidence', 'actor', 'reason'],
        properties: {
          changedAt: dateTime,
          previousStatus: { type: ['string', 'null'] },
          status: statusEnum,
          previousConfidence: { type: ['number', 'null'] },
          confidence,
          actor: { type: 'string', description: '`rule` (the verify stage) or the id of the analyst whose review set it.' },
          reason: { type: 'string' },
        },
      },
    },
  },
} as const;

const entity = {
  $id: 'Entity',
  type: 'object',
  required: ['id', 'name', 'kind', 'aliases', 'parentId'],
  properties: {
    id: { type: 'integer' },
    key: { type: 'string', description: 'Stable slug.' },
    name: { type: 'string' },
    kind: { type: 'string', enum: [...ENTITY_KINDS] },
    aliases: { type: 'array', items: { type: 'string' } },
    parentId: nullable('integer'),
    source: { type: 'string', enum: [...ENTITY_SOURCES], description: 'registry: from the registry files; candidate: an accepted candidate.' },
  },
} as const;

const entityCandidate = {
  $id: 'EntityCandidate',
  type: 'object',
  description: 'A name the tagger proposed that the registry lacks; an analyst accepts or rejects it.',
  required: ['id', 'kind', 'name', 'mentionCount', 'examples', 'firstSeenAt', 'lastSeenAt', 'status', 'entityId'],
  properties: {
    id: { type: 'integer' },
    kind: { type: 'string', enum: [...CANDIDATE_KINDS] },
    name: { type: 'string' },
    mentionCount: { type: 'integer', description: 'Mentions across all articles extracted so far.' },
    examples: { type: 'array', items: { type: 'string' }, description: 'Sentences showing the name in use (newest last).' },
    firstSeenAt: dateTime,
    lastSeenAt: dateTime,
    status: { type: 'string', enum: [...CANDIDATE_STATUSES] },
    decidedBy: nullable('string'),
    decidedAt: nullable('string', { format: 'date-time' }),
    entityId: nullable('integer', { description: 'The entity created on acceptance.' }),
  },
} as const;

/** Every shared schema, registered on the app before the routes that reference them. */
export const sharedSchemas = [
  errorSchema,
  entityRef,
  sourceRef,
  event,
  article,
  explanationFactor,
  origin,
  claim,
  evidence,
  review,
  claimDetail,
  entity,
  entityCandidate,
];

/** `{items, nextCursor}` page of a shared schema. */
export function pageOf(ref: string) {
  return {
    type: 'object',
    required: ['items', 'nextCursor'],
    properties: {
      items: { type: 'array', items: { $ref: `${ref}#` } },
      nextCursor: nullable('string', { description: 'Pass as cursor for the next page; null on the last page.' }),
    },
  } as const;
}
