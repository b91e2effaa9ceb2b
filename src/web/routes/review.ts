import type { FastifyInstance } from 'fastify';
import { notFound } from '../../api/errors';
import { recordReview } from '../../api/record-review';
import { idParam } from '../../api/schemas';
import { alertedStatuses, reviewCandidates } from '../../db/queries/review-queue';
import type { ClaimStatus } from '../../vocabulary';
import { typed } from '../../api/type-provider';
import { renderPage, type WebOptions } from '../page';
import { rankReviewQueue } from '../review-rank';
import { requireSession } from '../session';

// The review queue and the verdict form.

const QUEUE_SIZE = 50;
const VERDICTS = ['confirmed', 'disputed', 'refuted'] as const satisfies readonly ClaimStatus[];

/** GET /review, GET /fragments/review, POST /claims/:id/verdict. */
export default async function reviewRoutes(fastify: FastifyInstance, { deps }: WebOptions): Promise<void> {
  const app = typed(fastify);
  const db = deps.database.db;

  async function queue() {
    const [candidates, alerts] = await Promise.all([reviewCandidates(db), alertedStatuses(db)]);
    const ranked = rankReviewQueue(candidates, alerts);
    return { items: ranked.slice(0, QUEUE_SIZE), waiting: ranked.length };
  }

  app.get('/review', async (request, reply) => renderPage(request, reply, 'review', { title: 'Review queue', ...(await queue()) }));
  app.get('/fragments/review', async (request, reply) => renderPage(request, reply, 'review-rows', await queue()));

  app.post(
    '/claims/:id/verdict',
    {
      preValidation: requireSession,
      preHandler: app.csrfProtection,
      schema: {
        params: { type: 'object', required: ['id'], properties: { id: idParam } } as const,
        body: {
          type: 'object',
          required: ['status'],
          properties: { status: { type: 'string', enum: [...VERDICTS] }, note: { type: 'string', maxLength: 4000 }, _csrf: { type: 'string' } },
        },
      },
    },
    async (request, reply) => {
      const note = request.body.note?.trim() || null;
      const review = await recordReview(deps, request.log, {
        claimId: request.params.id,
        status: request.body.status,
        note,
        reviewer: request.analyst ?? 'unknown',
      });
      if (!review) throw notFound(`There is no claim ${request.params.id}.`);
      return reply.redirect(`/claims/${review.claimId}?recorded=${review.status}`, 303);
    },
  );
}
