import { describe, expect, it } from 'vitest';
import { USER_AGENT } from '../../../../src/pipeline/fetch/http-client';
import { isAllowedByRobots, RobotsCache, type RobotsFetchResult } from '../../../../src/pipeline/fetch/robots';

const ROBOTS = 'User-agent: *\nDisallow: /private/\n\nUser-agent: Crosscheck\nDisallow: /members/\nAllow: /members/public\n';

/** A robots.txt source that counts how often it was asked. */
function counting(result: RobotsFetchResult) {
  const calls: string[] = [];
  return { calls, fetcher: async (url: string) => (calls.push(url), result) };
}

describe('isAllowedByRobots', () => {
  it('applies the group for our product token, not the catch-all', async () => {
    const { fetcher } = counting({ kind: 'ok', text: ROBOTS });
    const cache = new RobotsCache();
    expect(await isAllowedByRobots('https://site.example/members/list', USER_AGENT, fetcher, cache)).toMatchObject({ allowed: false, basis: 'rules' });
    expect(await isAllowedByRobots('https://site.example/members/public', USER_AGENT, fetcher, cache)).toMatchObject({ allowed: true });
    // Our group replaces "*", so /private/ is not ours to avoid by these rules.
    expect(await isAllowedByRobots('https://site.example/private/x', USER_AGENT, fetcher, cache)).toMatchObject({ allowed: true });
  });

  it('allows everything when robots.txt is missing, and says why', async () => {
    const { fetcher } = counting({ kind: 'missing', status: 404 });
    expect(await isAllowedByRobots('https://site.example/a', USER_AGENT, fetcher, new RobotsCache())).toEqual({
      allowed: true,
      basis: 'missing',
      robotsUrl: 'https://site.example/robots.txt',
      detail: 'HTTP 404',
    });
  });

  it('allows when robots.txt is unreachable, marking the verdict for the caller to log', async () => {
    const verdict = await isAllowedByRobots('https://site.example/a', USER_AGENT, async () => Promise.reject(new Error('ECONNRESET')), new RobotsCache());
    expect(verdict).toMatchObject({ allowed: true, basis: 'unavailable', detail: 'ECONNRESET' });
  });

  it('fetches robots.txt once per origin within the TTL, and again after it', async () => {
    let now = 0;
    const cache = new RobotsCache(60 * 60 * 1000, () => now);
    const { calls, fetcher } = counting({ kind: 'ok', text: ROBOTS });
    await Promise.all([
      isAllowedByRobots('https://site.example/a', USER_AGENT, fetcher, cache),
      isAllowedByRobots('https://site.example/b', USER_AGENT, fetcher, cache),
    ]);
    await isAllowedByRobots('https://other.example/a', USER_AGENT, fetcher, cache);
    expect(calls).toEqual(['https://site.example/robots.txt', 'https://other.example/robots.txt']);
    now += 60 * 60 * 1000 + 1;
    await isAllowedByRobots('https://site.example/a', USER_AGENT, fetcher, cache);
    expect(calls).toHaveLength(3);
  });
});
