import { describe, expect, it } from 'vitest';
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

  it('spaces request starts to one host by minDelayMs', async () => {
    const gate = createHostGate({ maxConcurrentPerHost: 5, minDelayMs: 60 });
    const starts: number[] = [];
    await Promise.all(Array.from({ length: 3 }, () => gate.run('https://slow.example/x', async () => void starts.push(performance.now()))));
    expect(starts).toHaveLength(3);
    for (let i = 1; i < starts.length; i++) expect(starts[i] - starts[i - 1]).toBeGreaterThanOrEqual(55);
  });

  it('does not delay a different host', async () => {
    const gate = createHostGate({ maxConcurrentPerHost: 1, minDelayMs: 10_000 });
    await gate.run('https://one.example/', async () => undefined);
    const started = performance.now();
    await gate.run('https://two.example/', async () => undefined);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('frees the slot when a task fails', async () => {
    const gate = createHostGate({ maxConcurrentPerHost: 1, minDelayMs: 0 });
    await expect(gate.run('https://example.com/', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(gate.run('https://example.com/', async () => 'next')).resolves.toBe('next');
  });
});
