import { afterEach, describe, expect, it, vi } from 'vitest';
import { JobBus, redisConnection } from '../../src/jobs/queues';
import { freePort } from '../../src/services/redis-server';

// While Redis is down (restarting, say) every queue of the bus hears each failed reconnect as an
// 'error' event. A BullMQ queue with no listener of its own prints each one as a stack trace on
// stderr, outside the JSON log, once per queue and attempt. The failures that matter surface
// through the operations that fail; the events themselves must stay quiet.
describe('the job bus while Redis is unreachable', () => {
  let bus: JobBus | undefined;
  afterEach(async () => {
    bus?.connection.disconnect();
    vi.restoreAllMocks();
  });

  it('prints nothing outside the log', async () => {
    const printed = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    // Nothing listens on a port just handed out and released: every connect is refused.
    const connection = redisConnection(`redis://127.0.0.1:${await freePort()}`, { retryStrategy: () => 50 });
    bus = new JobBus(connection, 'test-redis-down');
    // Several refused reconnects, each heard by every queue.
    let refused = 0;
    await new Promise<void>((resolve) => connection.on('error', () => ++refused >= 3 && resolve()));
    expect(refused).toBeGreaterThanOrEqual(3);
    expect(printed.mock.calls.map((args) => String(args[0]))).toEqual([]);
  });
});
