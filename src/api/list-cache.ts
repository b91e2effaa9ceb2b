import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from '../db/client';

// Serialised list pages kept until the database signals a change to what they show (the triggers
// of migration 0007). A list page costs one query of a few milliseconds, most of it planning and
// waiting; a stored page costs a map lookup, so readers polling the first page of /api/events do
// not queue behind each other. Whatever is served is never older than the last signal heard:
// - a change empties the cache, and a page whose query began before a change is not stored;
// - while the listening connection is down (and until it listens again) nothing is stored or
//   served from here, so every request asks the database, as it would without a cache;
// - a page is kept at most maxAgeMs, which bounds what a connection that died silently (a network
//   partition, no reset) could serve before its keep-alive notices (10 s of silence, then probes).

export interface ListCacheLimits {
  /** Pages kept at most (least recently served go first). */
  entries: number;
  /** Bytes of serialised JSON kept at most. */
  bytes: number;
  /** Milliseconds a page is served at most without being computed again. */
  maxAgeMs: number;
}

export const DEFAULT_CACHE_LIMITS: ListCacheLimits = { entries: 500, bytes: 32 * 1024 * 1024, maxAgeMs: 5_000 };

interface Page {
  /** The serialised JSON, encoded once. */
  body: Buffer;
  etag: string;
  /** performance.now() when stored: a monotonic clock, so a clock set back keeps no page longer. */
  storedAt: number;
}

export class ListCache {
  private readonly pages = new Map<string, Page>();
  private bytes = 0;
  private generation = 0;
  private listeningNow = false;
  /** Pages served from the cache, pages computed, and listening connections lost (tests, benchmark). */
  readonly counts = { hits: 0, misses: 0, losses: 0 };
  /** The payload of the last change signal heard (the table's name): lets a test see where the stream is. */
  lastSignal: string | undefined;

  constructor(private readonly limits: ListCacheLimits = DEFAULT_CACHE_LIMITS) {}

  /** Starts following the database's change signals; the returned function stops. */
  static async following(database: Database, limits?: ListCacheLimits): Promise<{ cache: ListCache; stop: () => Promise<void> }> {
    const cache = new ListCache(limits);
    const stop = await database.listenForChanges({
      changed: (table) => cache.signalled(table),
      lost: () => cache.setListening(false),
      ready: () => cache.setListening(true),
    });
    return { cache, stop: () => stop().catch(() => undefined) };
  }

  /** Whether change signals are being heard, so pages may be stored and served. */
  get listening(): boolean {
    return this.listeningNow;
  }

  setListening(listening: boolean): void {
    if (this.listeningNow && !listening) this.counts.losses += 1;
    this.listeningNow = listening;
    // Signals may have been missed while not listening: nothing stored before is trusted.
    this.clear();
  }

  signalled(table: string): void {
    this.lastSignal = table;
    this.clear();
  }

  clear(): void {
    this.generation += 1;
    this.pages.clear();
    this.bytes = 0;
  }

  get size(): number {
    return this.pages.size;
  }

  /**
   * Answers a list request from the cache, or computes it (`compute` returns the reply's payload)
   * and keeps its serialised form. A stored page carries a strong ETag: a client sending it back
   * in If-None-Match gets 304 and no body.
   */
  async serve(request: FastifyRequest, reply: FastifyReply, key: string, compute: () => Promise<unknown>): Promise<unknown> {
    let stored = this.listening ? this.pages.get(key) : undefined;
    if (stored && performance.now() - stored.storedAt > this.limits.maxAgeMs) {
      this.forget(key, stored);
      stored = undefined;
    }
    if (stored) {
      this.counts.hits += 1;
      // Re-inserted so the Map's order is least recently served first.
      this.pages.delete(key);
      this.pages.set(key, stored);
      return send(request, reply, stored);
    }
    this.counts.misses += 1;
    const ticket = this.listening ? this.generation : undefined;
    const payload = await compute();
    if (ticket === undefined || ticket !== this.generation || !this.listening) return payload;
    const body = Buffer.from(reply.serialize(payload) as string);
    const page = { body, etag: `"${createHash('sha1').update(body).digest('base64url')}"`, storedAt: performance.now() };
    this.keep(key, page);
    return send(request, reply, page);
  }

  private keep(key: string, page: Page): void {
    if (page.body.byteLength > this.limits.bytes) return;
    // Two requests for one page may both have computed it.
    const previous = this.pages.get(key);
    if (previous) this.forget(key, previous);
    this.pages.set(key, page);
    this.bytes += page.body.byteLength;
    for (const [oldKey, old] of this.pages) {
      if (this.pages.size <= this.limits.entries && this.bytes <= this.limits.bytes) break;
      this.forget(oldKey, old);
    }
  }

  private forget(key: string, page: Page): void {
    this.pages.delete(key);
    this.bytes -= page.body.byteLength;
  }
}

/** Whether If-None-Match names this tag (a list of tags, weak ones compared by their value, or *). */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  return ifNoneMatch.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t === etag || t === `W/${etag}`;
  });
}

function send(request: FastifyRequest, reply: FastifyReply, page: Page): FastifyReply {
  reply.header('etag', page.etag);
  if (matches(request.headers['if-none-match'], page.etag)) return reply.code(304).send();
  return reply.type('application/json; charset=utf-8').send(page.body);
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The app's list cache: whether it is listening, and how often it served (tests, benchmarks). */
    listCache: ListCache;
  }
}
