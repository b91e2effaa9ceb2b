import type { FastifyInstance } from 'fastify';
import { decodeCursor } from '../../api/cursor';
import { decideEntityCandidate, type CandidateVerdict } from '../../api/decide-candidate';
import { ApiError, notFound } from '../../api/errors';
import { idParam } from '../../api/schemas';
import { listCandidates } from '../../db/queries/entity-candidates';
import { paginate } from '../../api/present';
import { formatDurationSeconds } from '../../config/duration';
import { listEntities } from '../../db/queries/entities';
import { listSources, recentFetchesOfAll } from '../../db/queries/sources';
import { ENTITY_KINDS } from '../../vocabulary';
import { typed } from '../../api/type-provider';
import { renderPage, type WebOptions } from '../page';
import { requireSession } from '../session';

// The registries: sources with their fetch health and recent fetches, the entity registry, and the
// entity candidates an analyst accepts or rejects (through the same function as the API's routes).

/** Fetch attempts drawn per source on the timeline (the API's GET /api/sources/:id shows as many). */
const TIMELINE = 20;
const ENTITY_PAGE = 100;
/** Pending candidates shown, most mentioned first (the API's ?candidates=true pages through all). */
const CANDIDATES_SHOWN = 50;

/** GET /sources, GET /entities, POST /entities/candidates/:id/accept and /reject. */
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
            decided: { type: 'string', enum: ['accepted', 'rejected'] },
            name: { type: 'string', maxLength: 500 },
          },
        },
      },
    },
    async (request, reply) => {
      const { kind, q, cursor, decided, name } = request.query;
      const after = cursor ? decodeCursor(cursor, { n: 'text', i: 'id' }) : undefined;
      const [rows, candidates] = await Promise.all([
        listEntities(db, {
          kind: kind || undefined,
          q: q?.trim() || undefined,
          limit: ENTITY_PAGE + 1,
          after: after && { name: after.n, id: after.i },
        }),
        listCandidates(db, { status: 'pending', limit: CANDIDATES_SHOWN }),
      ]);
      const page = paginate(rows, ENTITY_PAGE, (last) => ({ n: last.name, i: last.id }));
      const params = new URLSearchParams({ ...(kind ? { kind } : {}), ...(q ? { q } : {}) });
      const next = page.nextCursor ? `/entities?${new URLSearchParams([...params, ['cursor', page.nextCursor] as [string, string]])}` : null;
      const names = new Map(page.items.map((e) => [e.id, e.name]));
      return renderPage(request, reply, 'entities', { title: 'Entities', entities: page.items, names, kinds: ENTITY_KINDS, kind, q, next, candidates, decided, decidedName: name });
    },
  );

  const decide = (verdict: CandidateVerdict) =>
    app.post(
      `/entities/candidates/:id/${verdict}`,
      {
        preValidation: requireSession,
        preHandler: app.csrfProtection,
        schema: {
          params: { type: 'object', required: ['id'], properties: { id: idParam } },
          body: { type: 'object', properties: { kind: { type: 'string', enum: ['', ...ENTITY_KINDS] }, _csrf: { type: 'string' } } },
        },
      },
      async (request, reply) => {
        const { id } = request.params;
        const result = await decideEntityCandidate(db, id, verdict, request.analyst ?? 'unknown', request.body.kind || undefined);
        if (result === undefined) throw notFound(`There is no entity candidate ${id}.`);
        if (result === 'decided') throw new ApiError(409, 'conflict', `Entity candidate ${id} was already accepted or rejected.`);
        const done = new URLSearchParams({ decided: result.status, name: result.name });
        return reply.redirect(`/entities?${done}`, 303);
      },
    );
  decide('accept');
  decide('reject');
}
