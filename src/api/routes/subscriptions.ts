import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { messagesOfSubscription } from '../../db/queries/outbox';
import { createSubscription, deleteSubscription, getSubscription, recentPendingSignups, type SubscriptionRow } from '../../db/queries/subscriptions';
import type { SubscriptionFrequency, SubscriptionKind } from '../../vocabulary';
import { linksFrom } from '../../email/links';
import { prepareConfirmation } from '../../pipeline/notify/alerts';
import { composeDigest, prepareDigest } from '../../pipeline/notify/digests';
import { webhookTargetProblem } from '../../pipeline/notify/webhook';
import { bearerSecurity } from '../auth';
import type { RouteOptions } from '../deps';
import { ApiError, badRequest, errorResponses, notFound } from '../errors';
import { typed } from '../type-provider';
import { createBody, previewResponse, sendResponse, subscriptionDetail, subscriptionResponse, uuidParams } from './subscription-schemas';

// Digest and alert subscriptions: sign-up (with consent when no write key is shown), detail with
// delivery health, and the digest preview and send-now for operators.

// Sign-ups without a write key: a few per client address (@fastify/rate-limit) and per subscribed
// address, so the form cannot be used to mail-bomb someone with confirmation emails. The address
// limit is counted in the database instead: @fastify/rate-limit runs one limiter per request, and
// the count then holds across API processes and restarts.
const SIGNUPS_PER_ADDRESS = { max: 3, windowMs: 86_400_000 };

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** POST/GET/DELETE /api/subscriptions, preview and send. */
export default async function subscriptionRoutes(fastify: FastifyInstance, { deps, writeKey, limits }: RouteOptions): Promise<void> {
  const app = typed(fastify);
  const db = deps.database.db;
  const publicUrl = (request: FastifyRequest) => (deps.publicUrl ?? `${request.protocol}://${request.host}`).replace(/\/+$/, '');

  // A key is optional on sign-up, but a key that is shown must be valid.
  const optionalWriteKey = async (request: FastifyRequest) => {
    if (request.headers.authorization !== undefined) await writeKey(request);
  };
  const keyless = (request: FastifyRequest) => request.writer === null;

  const present = (request: FastifyRequest, row: SubscriptionRow) => ({
    id: row.id,
    email: row.email,
    webhookUrl: row.webhookUrl,
    kind: row.kind,
    frequency: row.frequency,
    timezone: row.timezone,
    sendAt: row.sendAt,
    filters: row.filters,
    state: row.state,
    createdAt: row.createdAt,
    confirmedAt: row.confirmedAt,
    unsubscribedAt: row.unsubscribedAt,
    lastSentAt: row.lastSentAt,
    unsubscribeUrl: linksFrom(publicUrl(request)).unsubscribe(row.unsubscribeToken),
  });

  app.post(
    '/api/subscriptions',
    {
      onRequest: optionalWriteKey,
      preHandler: app.rateLimit({ ...limits.signups, allowList: (request) => !keyless(request) }),
      schema: {
        tags: ['subscriptions'],
        summary: 'Subscribe an address (or, with a write key, a webhook) to digests or alerts',
        description:
          'Without a write key: email only, created `pending`; one confirmation email is sent and nothing else until it is confirmed (7 days). ' +
          'A webhook subscription answers its signing `secret` once, here.',
        security: [{}, ...bearerSecurity],
        body: createBody,
        response: { 201: subscriptionResponse, ...errorResponses(400, 401, 403, 429) },
      },
    },
    async (request, reply) => {
      const body = request.body;
      if ((body.email === undefined) === (body.webhookUrl === undefined)) throw badRequest('body must have exactly one of email and webhookUrl');
      if (!isTimeZone(body.timezone)) throw badRequest(`body/timezone ${JSON.stringify(body.timezone)} is not an IANA time zone (e.g. Europe/Paris)`);
      const kind: SubscriptionKind = body.kind ?? (body.webhookUrl ? 'alert' : 'digest');
      const frequency: SubscriptionFrequency = body.frequency ?? (kind === 'alert' ? 'immediate' : 'daily');
      if (kind === 'alert' && frequency !== 'immediate') throw badRequest('body/frequency of an alert must be immediate');
      if (kind === 'digest' && frequency === 'immediate') throw badRequest('body/frequency of a digest must be hourly, daily or weekly');
      let webhookSecret: string | null = null;
      if (body.webhookUrl !== undefined) {
        if (keyless(request)) throw new ApiError(401, 'unauthorized', 'a webhook subscription needs a write key: "Authorization: Bearer <key>"');
        if (kind !== 'alert') throw badRequest('a webhook subscription is an alert (one POST per change)');
        const problem = await webhookTargetProblem(body.webhookUrl, deps.webhookAllowPrivate ?? false);
        if (problem) throw badRequest(problem);
        webhookSecret = randomBytes(32).toString('hex');
      }
      const pending = keyless(request);
      if (pending && body.email !== undefined) {
        const recent = await recentPendingSignups(db, body.email, new Date(Date.now() - SIGNUPS_PER_ADDRESS.windowMs));
        if (recent >= SIGNUPS_PER_ADDRESS.max) {
          throw new ApiError(429, 'too_many_requests', `too many sign-ups for ${body.email} today; confirm one of the emails already sent`);
        }
      }
      const row = await createSubscription(db, {
        email: body.email ?? null,
        webhookUrl: body.webhookUrl ?? null,
        webhookSecret,
        kind,
        frequency,
        timezone: body.timezone,
        sendAt: body.sendAt,
        filters: body.filters,
        state: pending ? 'pending' : 'active',
        // 24 random bytes: unguessable, and short enough for a List-Unsubscribe header.
        unsubscribeToken: randomBytes(24).toString('base64url'),
        confirmToken: pending ? randomBytes(24).toString('base64url') : null,
      });
      if (pending) {
        const confirmation = await prepareConfirmation(db, publicUrl(request), row);
        if (confirmation !== undefined) await deps.delivery?.send([confirmation]);
      } else {
        await deps.delivery?.subscriptionChanged(row.id);
      }
      return reply.code(201).send({ ...present(request, row), ...(webhookSecret ? { secret: webhookSecret } : {}) });
    },
  );

  app.get(
    '/api/subscriptions/:id',
    {
      onRequest: writeKey,
      schema: {
        tags: ['subscriptions'],
        summary: 'One subscription with its latest deliveries and its delivery health',
        security: bearerSecurity,
        params: uuidParams,
        response: { 200: subscriptionDetail, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const row = await getSubscription(db, request.params.id);
      if (!row) throw notFound(`subscription ${request.params.id} does not exist`);
      return {
        ...present(request, row),
        health: {
          state: row.unsubscribedAt ? 'unsubscribed' : row.state,
          consecutiveFailures: row.consecutiveFailures,
          lastError: row.lastError,
          lastFailureAt: row.lastFailureAt,
          lastSuccessAt: row.lastSuccessAt,
          pausedAt: row.pausedAt,
        },
        deliveries: await messagesOfSubscription(db, row.id),
      };
    },
  );

  app.delete(
    '/api/subscriptions/:id',
    {
      onRequest: writeKey,
      config: { rateLimit: limits.writes },
      schema: {
        tags: ['subscriptions'],
        summary: 'Delete a subscription and its delivery history',
        security: bearerSecurity,
        params: uuidParams,
        response: { 204: { type: 'null', description: 'Deleted.' }, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      if (!(await deleteSubscription(db, request.params.id))) throw notFound(`subscription ${request.params.id} does not exist`);
      await deps.delivery?.subscriptionChanged(request.params.id);
      return reply.code(204).send();
    },
  );

  const digestSubscription = async (id: string) => {
    const row = await getSubscription(db, id);
    if (!row) throw notFound(`subscription ${id} does not exist`);
    if (row.kind !== 'digest' || row.email === null) throw badRequest(`subscription ${id} is not an email digest`);
    return row;
  };

  app.get(
    '/api/subscriptions/:id/preview',
    {
      onRequest: writeKey,
      schema: {
        tags: ['subscriptions'],
        summary: 'The digest for the current window, without sending it',
        security: bearerSecurity,
        params: uuidParams,
        response: { 200: previewResponse, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const row = await digestSubscription(request.params.id);
      const { content, items } = await composeDigest(db, publicUrl(request), row, new Date());
      return { ...content, events: items };
    },
  );

  app.post(
    '/api/subscriptions/:id/send',
    {
      onRequest: writeKey,
      config: { rateLimit: limits.writes },
      schema: {
        tags: ['subscriptions'],
        summary: 'Send the digest for the current window now (an empty digest is not sent)',
        security: bearerSecurity,
        params: uuidParams,
        response: { 202: sendResponse, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const row = await digestSubscription(request.params.id);
      if (row.state !== 'active' || row.unsubscribedAt) throw new ApiError(409, 'conflict', `subscription ${row.id} is ${row.unsubscribedAt ? 'unsubscribed' : row.state}`);
      const outboxId = await prepareDigest(db, publicUrl(request), row.id, new Date());
      if (outboxId !== undefined) await deps.delivery?.send([outboxId]);
      return reply.code(202).send({ queued: outboxId !== undefined, deliveryId: outboxId ?? null });
    },
  );
}
