// A per-host gate so we never hammer one site: at most `maxConcurrentPerHost` requests in flight
// to a host and at least `minDelayMs` between the starts of two requests to it.
//
// The gate lives in this process only. With several fetch workers on several machines each keeps
// its own count, so a host may see (workers × maxConcurrentPerHost) requests at once; the fetch
// queue's own concurrency and per-source schedules keep that small in practice.

export interface PolitenessOptions {
  /** Requests in flight to one host at a time (default 2). */
  maxConcurrentPerHost?: number;
  /** Minimum time between request starts to one host, in ms (default 1000; tests use 0). */
  minDelayMs?: number;
}

export interface HostGate {
  /** Runs `task` when the URL's host has a free slot and its delay has passed; frees the slot when it settles. */
  run<T>(url: string, task: () => Promise<T>): Promise<T>;
  /** Requests in flight and waiting for one host (for logs and tests). */
  stats(host: string): { active: number; waiting: number };
}

interface HostState {
  active: number;
  lastStart: number;
  waiting: (() => void)[];
  timer?: NodeJS.Timeout;
}

/** Per-host limits used when none are given: gentle enough for small news sites. */
export const DEFAULT_POLITENESS: Required<PolitenessOptions> = Object.freeze({ maxConcurrentPerHost: 2, minDelayMs: 1000 });

/** Creates a per-host concurrency and pacing gate. */
export function createHostGate(options: PolitenessOptions = {}): HostGate {
  const maxConcurrent = Math.max(1, options.maxConcurrentPerHost ?? DEFAULT_POLITENESS.maxConcurrentPerHost);
  const minDelayMs = Math.max(0, options.minDelayMs ?? DEFAULT_POLITENESS.minDelayMs);
  const hosts = new Map<string, HostState>();

  const stateOf = (host: string): HostState => {
    let state = hosts.get(host);
    if (!state) {
      state = { active: 0, lastStart: -Infinity, waiting: [] };
      hosts.set(host, state);
    }
    return state;
  };

  const pump = (host: string, state: HostState): void => {
    if (state.timer) return;
    while (state.waiting.length > 0 && state.active < maxConcurrent) {
      const wait = state.lastStart + minDelayMs - Date.now();
      if (wait > 0) {
        state.timer = setTimeout(() => {
          state.timer = undefined;
          pump(host, state);
        }, wait);
        return;
      }
      state.active += 1;
      state.lastStart = Date.now();
      state.waiting.shift()!();
    }
    // Forget idle hosts whose delay has passed, so the map holds only hosts we talk to now.
    if (state.active === 0 && state.waiting.length === 0 && Date.now() - state.lastStart >= minDelayMs) hosts.delete(host);
  };

  return {
    async run<T>(url: string, task: () => Promise<T>): Promise<T> {
      const host = hostOf(url);
      const state = stateOf(host);
      await new Promise<void>((resolve) => {
        state.waiting.push(resolve);
        pump(host, state);
      });
      try {
        return await task();
      } finally {
        state.active -= 1;
        pump(host, state);
      }
    },
    stats(host: string) {
      const state = hosts.get(host.toLowerCase());
      return { active: state?.active ?? 0, waiting: state?.waiting.length ?? 0 };
    },
  };
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return url;
  }
}
