import type { FastifyInstance } from 'fastify';
import { notFound } from '../../api/errors';
import { recordReview } from '../../api/record-review';
import { idParam } from '../../api/schemas';
import { alertedStatuses, reviewCandidates, reviewCandidatesVersion } from '../../db/queries/review-queue';
import type { ClaimStatus } from '../../vocabulary';
import { typed } from '../../api/type-provider';
import { renderPage, type WebOptions } from '../page';
import { rankReviewQueue, type RankedClaim } from '../review-rank';
import { requireSession } from '../session';

// The review queue and the verdict form.

const QUEUE_SIZE = 50;
const VERDICTS = ['confirmed', 'disputed', 'refuted'] as const satisfies readonly ClaimStatus[];

/** GET /review, GET /fragments/review, POST /claims/:id/verdict. */
export default async function reviewRoutes(fastify: FastifyInstance, { deps }: WebOptions): Promise<void> {
  const app = typed(fastify);
  const db = deps.database.db;

  // Ranking reads every claim (about a second on 10,000 articles), while the queue changes only when
  // the pipeline or an analyst writes: the ranked queue is kept until the database's fingerprint of
  // what it reads, or the statuses alerts send, differ. Read fresh on every request, so every
  // process serving pages sees a change at once.
  let kept: { key: string; items: RankedClaim[]; waiting: number } | undefined;
  async function queue() {
    const [version, alerts] = await Promise.all([reviewCandidatesVersion(db), alertedStatuses(db)]);
    const key = `${version}|${alerts.all}|${[...alerts.statuses].sort().join(',')}`;
    if (kept?.key !== key) {
      const ranked = rankReviewQueue(await reviewCandidates(db), alerts);
      kept = { key, items: ranked.slice(0, QUEUE_SIZE), waiting: ranked.length };
    }
    return { items: kept.items, waiting: kept.waiting };
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
