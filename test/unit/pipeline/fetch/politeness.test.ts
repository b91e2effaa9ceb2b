import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHostGate } from '../../../../src/pipeline/fetch/politeness';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('createHostGate', () => {
  it('never runs more than maxConcurrentPerHost tasks for one host', async () => {
    const gate = createHostGate({ maxConcurrentPerHost: 2, minDelayMs: 0 });
    let active = 0;
    let peak = 0;
    const task = async () => {
      active += 1;
      peak = Math.max(peak, active);
      await sleep(20);
      active -= 1;
    };
    await Promise.all(Array.from({ length: 7 }, (_, i) => gate.run(`https://example.com/feed/${i}`, task)));
    expect(peak).toBe(2);
    expect(gate.stats('example.com')).toEqual({ active: 0, waiting: 0 });
  });

  it('keeps hosts independent', async () => {
    const gate = createHostGate({ maxConcurrentPerHost: 1, minDelayMs: 0 });
    let active = 0;
    let peak = 0;
    const task = async () => {
      active += 1;
      peak = Math.max(peak, active);
      await sleep(20);
      active -= 1;
    };
    await Promise.all(['a.example', 'b.example', 'c.example'].map((host) => gate.run(`https://${host}/`, task)));
    expect(peak).toBe(3);
  });

  // Pacing is checked on a fake clock: each start is seen at the moment it is due, never earlier.
  describe('on a fake clock', () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    it('spaces request starts to one host by minDelayMs', async () => {
      vi.useFakeTimers({ now: 1_000_000 });
      const gate = createHostGate({ maxConcurrentPerHost: 5, minDelayMs: 60 });
      const starts: number[] = [];
      const all = Promise.all(Array.from({ length: 3 }, () => gate.run('https://slow.example/x', async () => void starts.push(Date.now() - 1_000_000))));
      await vi.advanceTimersByTimeAsync(0);
      expect(starts).toEqual([0]);
      await vi.advanceTimersByTimeAsync(59);
      expect(starts).toEqual([0]);
      await vi.advanceTimersByTimeAsync(1);
      expect(starts).toEqual([0, 60]);
      await vi.advanceTimersByTimeAsync(60);
      expect(starts).toEqual([0, 60, 120]);
      await all;
    });

    it('does not delay a different host', async () => {
      vi.useFakeTimers();
      const gate = createHostGate({ maxConcurrentPerHost: 1, minDelayMs: 10_000 });
      await gate.run('https://one.example/', async () => undefined);
      const ran: string[] = [];
      const sameHost = gate.run('https://one.example/again', async () => void ran.push('one'));
      const otherHost = gate.run('https://two.example/', async () => void ran.push('two'));
      // No time passes: the other host starts at once, the same host waits out its delay.
      await vi.advanceTimersByTimeAsync(0);
      expect(ran).toEqual(['two']);
      await vi.advanceTimersByTimeAsync(10_000);
      expect(ran).toEqual(['two', 'one']);
      await Promise.all([sameHost, otherHost]);
    });
  });

  it('frees the slot when a task fails', async () => {
    const gate = createHostGate({ maxConcurrentPerHost: 1, minDelayMs: 0 });
    await expect(gate.run('https://example.com/', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(gate.run('https://example.com/', async () => 'next')).resolves.toBe('next');
  });
});
