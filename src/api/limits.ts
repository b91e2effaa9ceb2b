import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { ApiError } from './errors';

// How much one client address may write, and how many wrong keys it may try. Reads are not limited:
// they are cheap keyset pages, and a limit would first hurt the dashboards that poll them.

export interface ApiLimits {
  /** POST /api/subscriptions: each sign-up may send email, so it is the tightest. */
  signups: { max: number; timeWindow: number };
  /** Reviews, DELETE /api/subscriptions/:id, POST /unsubscribe. */
  writes: { max: number; timeWindow: number };
  /** Wrong write keys from one address before it must wait out the window (429 with Retry-After). */
  wrongKeys: { max: number; windowMs: number };
}

export const DEFAULT_LIMITS: ApiLimits = {
  // A person signs up a handful of addresses; more than 5 an hour from one address is a script
  // (and each keyless sign-up sends a confirmation email).
  signups: { max: 5, timeWindow: 3_600_000 },
  // An analyst clicking through a review queue stays well under one write a second.
  writes: { max: 60, timeWindow: 60_000 },
  // Ten typos in fifteen minutes is generous; guessing at that pace gets nowhere.
  wrongKeys: { max: 10, windowMs: 15 * 60_000 },
};

/** Registers @fastify/rate-limit for the routes that opt in with `config.rateLimit`; 429s use the error shape. */
export async function registerRateLimits(app: FastifyInstance): Promise<void> {
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      new ApiError(429, 'too_many_requests', `too many requests from this address; try again in ${context.after}`),
  });
}

/**
 * Counts wrong write keys per client address in a fixed window. Once an address reaches the maximum,
 * its keyed requests are answered 429 without looking at the key, so guessing learns nothing more
 * until the window ends; a correct key clears the count. Bounded, so a flood of addresses cannot grow it.
 */
export class WrongKeyCounter {
  private readonly windows = new Map<string, { count: number; endsAt: number }>();

  constructor(
    private readonly limit: ApiLimits['wrongKeys'],
    private readonly now: () => number = Date.now,
    private readonly maxAddresses = 10_000,
  ) {}

  /** Seconds the address must still wait, or 0 when it may try a key. */
  waitSeconds(address: string): number {
    const window = this.windows.get(address);
    if (!window) return 0;
    const left = window.endsAt - this.now();
    if (left <= 0) {
      this.windows.delete(address);
      return 0;
    }
    return window.count >= this.limit.max ? Math.ceil(left / 1000) : 0;
  }

  /** Records one wrong key from the address. */
  failed(address: string): void {
    const now = this.now();
    const window = this.windows.get(address);
    if (window && window.endsAt > now) {
      window.count += 1;
      return;
    }
    this.windows.delete(address);
    // The oldest entry goes first (a Map iterates in insertion order).
    if (this.windows.size >= this.maxAddresses) this.windows.delete(this.windows.keys().next().value!);
    this.windows.set(address, { count: 1, endsAt: now + this.limit.windowMs });
  }

  /** A correct key: the address starts afresh. */
  succeeded(address: string): void {
    this.windows.delete(address);
  }
}
