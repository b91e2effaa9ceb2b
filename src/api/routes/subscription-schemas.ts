import { SUBSCRIPTION_FREQUENCIES, SUBSCRIPTION_KINDS } from '../../vocabulary';
import { confidence, statusEnum } from '../schemas';

// Request and response schemas of the subscription routes.

const FREQUENCIES = [...SUBSCRIPTION_FREQUENCIES];
const KINDS = [...SUBSCRIPTION_KINDS];
const dateTime = { type: 'string', format: 'date-time' } as const;
const nullableDateTime = { type: ['string', 'null'], format: 'date-time' } as const;

const stringList = (description: string) =>
  ({ type: 'array', maxItems: 50, items: { type: 'string', minLength: 1, maxLength: 200 }, description }) as const;

const filters = {
  type: 'object',
  additionalProperties: false,
  description: 'All given filters must match; an empty object matches every event.',
  properties: {
    entities: stringList('Entity ids or names; any of them.'),
    statuses: { type: 'array', maxItems: 6, items: statusEnum, description: 'Any of these statuses.' },
    minConfidence: confidence,
    sources: stringList('Source slugs; any of them.'),
    q: { type: 'string', minLength: 1, maxLength: 500, description: 'Words the event title must contain.' },
  },
} as const;

export const createBody = {
  type: 'object',
  additionalProperties: false,
  description: 'Exactly one of email and webhookUrl.',
  properties: {
    email: { type: 'string', format: 'email', maxLength: 254 },
    webhookUrl: { type: 'string', minLength: 8, maxLength: 2000, description: 'http(s) URL receiving one signed JSON POST per change (write key required).' },
    kind: { type: 'string', enum: KINDS, description: 'Default: alert for webhooks, digest for email.' },
    frequency: { type: 'string', enum: FREQUENCIES, description: 'Default: immediate for alerts, daily for digests.' },
    timezone: { type: 'string', minLength: 1, maxLength: 64, default: 'UTC', description: 'IANA time zone of sendAt.' },
    sendAt: { type: 'string', pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', default: '07:00', description: 'Local time (HH:MM) digests are sent.' },
    filters: { ...filters, default: {} },
  },
} as const;

const subscriptionProperties = {
  id: { type: 'string', format: 'uuid' },
  email: { type: ['string', 'null'] },
  webhookUrl: { type: ['string', 'null'] },
  kind: { type: 'string', enum: KINDS },
  frequency: { type: 'string', enum: FREQUENCIES },
  timezone: { type: 'string' },
  sendAt: { type: 'string' },
  filters,
  state: { type: 'string', enum: ['pending', 'active', 'paused'], description: 'pending until confirmed; paused after repeated failed deliveries.' },
  createdAt: dateTime,
  confirmedAt: nullableDateTime,
  unsubscribedAt: nullableDateTime,
  lastSentAt: nullableDateTime,
  unsubscribeUrl: { type: 'string' },
} as const;

const required = ['id', 'email', 'webhookUrl', 'kind', 'frequency', 'timezone', 'sendAt', 'filters', 'state', 'createdAt', 'unsubscribedAt', 'unsubscribeUrl'];

export const subscriptionResponse = {
  type: 'object',
  required,
  properties: { ...subscriptionProperties, secret: { type: 'string', description: 'Webhook signing secret: shown once, at creation.' } },
} as const;

export const subscriptionDetail = {
  type: 'object',
  required: [...required, 'health', 'deliveries'],
  properties: {
    ...subscriptionProperties,
    health: {
      type: 'object',
      required: ['state', 'consecutiveFailures'],
      properties: {
        state: { type: 'string', enum: ['pending', 'active', 'paused', 'unsubscribed'] },
        consecutiveFailures: { type: 'integer', description: 'Deliveries in a row that failed after all their retries.' },
        lastError: { type: ['string', 'null'] },
        lastFailureAt: nullableDateTime,
        lastSuccessAt: nullableDateTime,
        pausedAt: nullableDateTime,
      },
    },
    deliveries: {
      type: 'array',
      description: 'The latest 20 messages, newest first.',
      items: {
        type: 'object',
        required: ['id', 'kind', 'status', 'attempts', 'createdAt'],
        properties: {
          id: { type: 'integer' },
          kind: { type: 'string', enum: ['confirmation', 'digest', 'alert', 'webhook'] },
          status: { type: 'string', enum: ['pending', 'sent', 'failed', 'cancelled'] },
          attempts: { type: 'integer' },
          lastError: { type: ['string', 'null'] },
          eventCount: { type: 'integer' },
          messageId: { type: ['string', 'null'] },
          createdAt: dateTime,
          sentAt: nullableDateTime,
        },
      },
    },
  },
} as const;

export const previewResponse = {
  type: 'object',
  required: ['subject', 'html', 'text', 'events'],
  properties: {
    subject: { type: 'string' },
    html: { type: 'string' },
    text: { type: 'string' },
    events: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'title', 'url', 'status', 'confidence', 'evidenceText', 'changes', 'claims'],
        properties: {
          id: { type: 'integer' },
          title: { type: 'string' },
          url: { type: 'string' },
          status: statusEnum,
          statusText: { type: 'string' },
          confidence,
          confidenceText: { type: 'string' },
          evidenceText: { type: 'string' },
          articleCount: { type: 'integer' },
          originCount: { type: 'integer' },
          isNew: { type: 'boolean' },
          changes: { type: 'array', items: { type: 'string' } },
          claims: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                id: { type: 'integer' },
                text: { type: 'string' },
                url: { type: 'string' },
                statusText: { type: 'string' },
                evidenceText: { type: 'string' },
                change: { type: 'string' },
              },
            },
          },
        },
      },
    },
  },
} as const;

export const sendResponse = {
  type: 'object',
  required: ['queued', 'deliveryId'],
  properties: {
    queued: { type: 'boolean', description: 'false when the window holds no matching event (an empty digest is not sent).' },
    deliveryId: { type: ['integer', 'null'] },
  },
} as const;

export const uuidParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } } as const;

export const tokenQuery = {
  type: 'object',
  required: ['token'],
  properties: { token: { type: 'string', minLength: 1, maxLength: 200 } },
} as const;
