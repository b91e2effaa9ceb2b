import { describe, expect, it } from 'vitest';
import { SourceSchema } from '../../../../src/config/sources';
import { fetchSource } from '../../../../src/pipeline/fetch/fetch-source';
import type { HostGate } from '../../../../src/pipeline/fetch/politeness';

const source = SourceSchema.parse({
  id: 'defect',
  name: 'Defect',
  kind: 'rss',
  url: 'http://127.0.0.1:9/feed.xml',
  trust: 50,
  category: 'blog',
  owner: 'Nobody',
});

describe('fetchSource', () => {
  it('records a defect in the fetch path as internal, not as a network failure of the source', async () => {
    // A gate with a bug in it: the fetch never reaches the network.
    const gate: HostGate = {
      run: async () => (undefined as unknown as { host: string }).host as never,
      stats: () => ({ active: 0, waiting: 0 }),
    };
    const outcome = await fetchSource(source, {}, { gate });
    expect(outcome).toMatchObject({ kind: 'failure', errorClass: 'internal', transient: false });
    expect(outcome.kind === 'failure' && outcome.message).toMatch(/^internal error fetching http:\/\/127\.0\.0\.1:9\/feed\.xml: TypeError: /);
  });
});
