import type { FastifyInstance } from 'fastify';
import { formatDurationSeconds } from '../../config/duration';
import { countArticles, getSource, listSources, recentFetches, type SourceRow } from '../../db/queries/sources';
import { FETCH_OUTCOMES } from '../../vocabulary';
import type { RouteOptions } from '../deps';
import { errorResponses, notFound } from '../errors';
import { typed } from '../type-provider';

// Sources: what is watched, how far it is trusted, and how its fetching is going.

const RECENT_FETCHES = 20;

const nullableTime = { type: ['string', 'null'], format: 'date-time' } as const;

const health = {
  type: 'object',
  required: ['lastFetchedAt', 'lastSuccessAt', 'lastErrorClass', 'lastErrorMessage', 'lastHttpStatus', 'consecutiveFailures', 'nextAttemptAt', 'articleCount'],
  properties: {
    lastFetchedAt: nullableTime,
    lastSuccessAt: nullableTime,
    lastErrorClass: { type: ['string', 'null'] },
    lastErrorMessage: { type: ['string', 'null'] },
    lastHttpStatus: { type: ['integer', 'null'] },
    consecutiveFailures: { type: 'integer' },
    nextAttemptAt: nullableTime,
    articleCount: { type: 'integer' },
  },
} as const;

const sourceProperties = {
  id: { type: 'string', description: 'Slug from sources.yaml.' },
  name: { type: 'string' },
  kind: { type: 'string' },
  url: { type: 'string' },
  trust: { type: 'integer', minimum: 0, maximum: 100 },
  category: { type: 'string' },
  owner: { type: 'string', description: 'Sources with one owner count as one origin.' },
  enabled: { type: 'boolean' },
  interval: { type: 'string', description: 'Polling interval as in sources.yaml, e.g. "15m".' },
  intervalSeconds: { type: 'integer' },
  tags: { type: 'array', items: { type: 'string' } },
  country: { type: 'string' },
  language: { type: 'string' },
  health,
} as const;
const sourceRequired = ['id', 'name', 'kind', 'url', 'trust', 'category', 'owner', 'enabled', 'interval', 'health'];

const source = { type: 'object', required: sourceRequired, properties: sourceProperties } as const;

const fetchEntry = {
  type: 'object',
  properties: {
    startedAt: { type: 'string', format: 'date-time' },
    durationMs: { type: 'integer' },
    outcome: { type: 'string', enum: [...FETCH_OUTCOMES] },
    httpStatus: { type: ['integer', 'null'] },
    errorClass: { type: ['string', 'null'] },
    message: { type: ['string', 'null'] },
    itemsFound: { type: 'integer' },
    itemsNew: { type: 'integer' },
    itemsUpdated: { type: 'integer' },
    bytes: { type: ['integer', 'null'] },
  },
} as const;

const sourceDetail = {
  type: 'object',
  required: [...sourceRequired, 'fetchLog'],
  properties: {
    ...sourceProperties,
    fetchLog: { type: 'array', description: `The last ${RECENT_FETCHES} fetch attempts, newest first.`, items: fetchEntry },
  },
} as const;

function present(row: SourceRow & { articleCount: number }) {
  const config = (row.config ?? {}) as Record<string, unknown>;
  const tags = Array.isArray(config.tags) ? config.tags.filter((t): t is string => typeof t === 'string') : undefined;
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    url: row.url,
    trust: row.trust,
    category: row.category,
    owner: row.owner,
    enabled: row.enabled,
    interval: formatDurationSeconds(row.intervalSeconds),
    intervalSeconds: row.intervalSeconds,
    tags,
    country: typeof config.country === 'string' ? config.country : undefined,
    language: typeof config.language === 'string' ? config.language : undefined,
    health: {
      lastFetchedAt: row.lastFetchedAt,
      lastSuccessAt: row.lastSuccessAt,
      lastErrorClass: row.lastErrorClass,
      lastErrorMessage: row.lastErrorMessage,
      lastHttpStatus: row.lastHttpStatus,
      consecutiveFailures: row.consecutiveFailures,
      nextAttemptAt: row.nextAttemptAt,
      articleCount: row.articleCount,
    },
  };
}

/** GET /api/sources and GET /api/sources/:id. */
export default async function sourceRoutes(fastify: FastifyInstance, { deps }: RouteOptions): Promise<void> {
  const app = typed(fastify);
  const db = deps.database.db;

  app.get(
    '/api/sources',
    {
      schema: {
        tags: ['sources'],
        summary: 'Every source with trust, category, owner and fetch health',
        response: { 200: { type: 'object', required: ['items'], properties: { items: { type: 'array', items: source } } } },
      },
    },
    async () => ({ items: (await listSources(db)).map(present) }),
  );

  app.get(
    '/api/sources/:id',
    {
      schema: {
        tags: ['sources'],
        summary: 'One source with its recent fetch attempts',
        params: { type: 'object', required: ['id'], properties: { id: { type: 'string', minLength: 1, maxLength: 200 } } },
        response: { 200: sourceDetail, ...errorResponses(400, 404) },
      },
    },
    async (request) => {
      const row = await getSource(db, request.params.id);
      if (!row) throw notFound(`source ${request.params.id} does not exist`);
      return { ...present({ ...row, articleCount: await countArticles(db, row.id) }), fetchLog: await recentFetches(db, row.id, RECENT_FETCHES) };
    },
  );
}
