import { describe, expect, it } from 'vitest';
import { HANDLERS } from '../../../workers';
import { JOBS, QUEUES } from '../../../src/jobs/catalogue';
import { assertHandlers } from '../../../src/jobs/run-workers';

// Start-up refuses a queue with a job nobody handles: such a job would wait forever.

describe('assertHandlers', () => {
  it('accepts the shipped handlers for every queue, one per job of the catalogue', () => {
    expect(() => assertHandlers(HANDLERS, QUEUES)).not.toThrow();
    expect(Object.keys(HANDLERS).sort()).toEqual(Object.keys(JOBS).sort());
  });

  it('names the jobs without a handler on the queues asked for, and ignores queues not asked for', () => {
    const { ClusterArticle: _cluster, NotifyEvent: _notify, ...partial } = HANDLERS;
    expect(() => assertHandlers(partial, QUEUES)).toThrow('no handler for job(s): ClusterArticle, NotifyEvent');
    expect(() => assertHandlers(partial, ['cluster'])).toThrow('no handler for job(s): ClusterArticle');
    expect(() => assertHandlers(partial, ['fetch', 'extract', 'verify'])).not.toThrow();
  });

  it('does not take something that is not a function for a handler', () => {
    const broken = { ...HANDLERS, VerifyEvent: 'verifyEventJob' } as unknown as typeof HANDLERS;
    expect(() => assertHandlers(broken, ['verify'])).toThrow('no handler for job(s): VerifyEvent');
  });
});
