import type { Logger } from 'pino';
import type { FastifyRequest } from 'fastify';
import type { Database } from '../db/client';
import type { ApiLimits } from './limits';
import type { ListCache, ListCacheLimits } from './list-cache';

/** What the HTTP API needs from the rest of the system; everything else it reads from the database. */
export interface ApiDeps {
  database: Database;
  logger?: Logger | false;
  /** BullMQ job counts per queue name, e.g. { fetch: { waiting, active, delayed, failed, completed } }. */
  queueCounts: () => Promise<Record<string, Record<string, number>>>;
  /** Answers whether Redis is reachable (for /health). */
  pingRedis: () => Promise<void>;
  /** Accepted write keys (API_KEYS) — plus hashes stored in api_keys table. */
  apiKeys: readonly string[];
  /** Called after an analyst review is stored, so the claim is re-assessed. */
  onReview?: (claimId: number) => Promise<void>;
  /** Called after an analyst merged or split events, so each changed event is verified again. */
  onEventsChanged?: (events: { id: number; revision: number }[]) => Promise<void>;
  /** Base URL of every link in emails, feeds and webhooks (PUBLIC_URL). */
  publicUrl?: string;
  /** Origins allowed to call the API from a browser (CORS_ORIGINS); none by default. */
  corsOrigins?: readonly string[];
  /** Rate limits and wrong-key slowing; DEFAULT_LIMITS fills what is not given. */
  limits?: Partial<ApiLimits>;
  /** Bounds of the list cache; DEFAULT_CACHE_LIMITS fills what is not given. */
  listCacheLimits?: Partial<ListCacheLimits>;
  /** Webhooks may target loopback and private addresses (WEBHOOK_ALLOW_PRIVATE). */
  webhookAllowPrivate?: boolean;
  /** Delivery hooks: keep a subscription's digest schedule in step, and queue stored messages for sending. */
  delivery?: {
    subscriptionChanged(id: string): Promise<void>;
    send(outboxIds: number[]): Promise<void>;
  };
}

/** Options every route plugin receives. */
export interface RouteOptions {
  deps: ApiDeps;
  /** onRequest hook of every route that needs a write key (one wrong-key count for the whole app). */
  writeKey: (request: FastifyRequest) => Promise<void>;
  limits: ApiLimits;
  /** Serialised list pages, emptied whenever the database signals a change to them. */
  listCache: ListCache;
}
