import type { FastifyInstance } from 'fastify';
import { decodeCursor } from '../../api/cursor';
import { paginate } from '../../api/present';
import { formatDurationSeconds } from '../../config/duration';
import { listEntities } from '../../db/queries/entities';
import { listSources, recentFetchesOfAll } from '../../db/queries/sources';
import { ENTITY_KINDS } from '../../vocabulary';
import { typed } from '../../api/type-provider';
import { renderPage, type WebOptions } from '../page';

// The registries: sources with their fetch health and recent fetches, and the entity registry.

/** Fetch attempts drawn per source on the timeline (the API's GET /api/sources/:id shows as many). */
const TIMELINE = 20;
const ENTITY_PAGE = 100;

/** GET /sources and GET /entities. */
export default async function registryRoutes(fastify: FastifyInstance, { deps }: WebOptions): Promise<void> {
  const app = typed(fastify);
  const db = deps.database.db;

  app.get('/sources', async (request, reply) => {
    const [rows, fetches] = await Promise.all([listSources(db), recentFetchesOfAll(db, TIMELINE)]);
    const sources = rows.map((s) => ({ ...s, interval: formatDurationSeconds(s.intervalSeconds), fetches: [...(fetches.get(s.id) ?? [])].reverse() }));
    return renderPage(request, reply, 'sources', { title: 'Sources', sources });
  });

  app.get(
    '/entities',
    {
      schema: {
        querystring: {
          type: 'object',
          properties: {
            kind: { type: 'string', enum: ['', ...ENTITY_KINDS] },
            q: { type: 'string', maxLength: 200 },
            cursor: { type: 'string', maxLength: 2000 },
          },
        },
      },
    },
    async (request, reply) => {
      const { kind, q, cursor } = request.query;
      const after = cursor ? decodeCursor(cursor, { n: 'text', i: 'id' }) : undefined;
      const rows = await listEntities(db, {
        kind: kind || undefined,
        q: q?.trim() || undefined,
        limit: ENTITY_PAGE + 1,
        after: after && { name: after.n, id: after.i },
      });
      const page = paginate(rows, ENTITY_PAGE, (last) => ({ n: last.name, i: last.id }));
      const params = new URLSearchParams({ ...(kind ? { kind } : {}), ...(q ? { q } : {}) });
      const next = page.nextCursor ? `/entities?${new URLSearchParams([...params, ['cursor', page.nextCursor] as [string, string]])}` : null;
      const names = new Map(page.items.map((e) => [e.id, e.name]));
      return renderPage(request, reply, 'entities', { title: 'Entities', entities: page.items, names, kinds: ENTITY_KINDS, kind, q, next });
    },
  );
}
