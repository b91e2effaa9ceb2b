import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { acceptedCandidateEntities, recordCandidates } from '../../src/db/queries/entity-candidates';
import { proposeCandidates } from '../../src/pipeline/extract/candidates';
import { entityFromStore, loadGazetteer } from '../../src/text/gazetteer';
import { buildTestApi, databaseKinds, TEST_KEY, type TestApi } from '../support/api';

// Unknown entities: tagged names become candidates (counted once per article), listed by
// GET /api/entities?candidates=true, and accepted or rejected with the write key; an accepted
// candidate is an entity that matching finds.

const articles = JSON.parse(readFileSync(new URL('../fixtures/extract/benchmark-articles.json', import.meta.url), 'utf8')).articles as Record<string, { articleBody: string }>;
const body = (prefix: string) => Object.entries(articles).find(([id]) => id.startsWith(prefix))![1].articleBody;
const bearer = { authorization: `Bearer ${TEST_KEY}` };

describe.each(databaseKinds(inject('postgresUrl')))('entity candidates on $kind', ({ postgresServerUrl }) => {
  let t: TestApi;
  // The Real Deal's WeWork story: its chairman Marcelo Claure is not in the registry.
  const text = body('bc13ff87');
  const gazetteer = loadGazetteer();
  const proposed = proposeCandidates(text, gazetteer);

  beforeAll(async () => {
    t = await buildTestApi({ postgresServerUrl });
    await recordCandidates(t.db, 1, proposed);
    await recordCandidates(t.db, 1, proposed); // re-extraction of the same article
    await recordCandidates(t.db, 2, proposed.filter((c) => c.name === 'Marcelo Claure'));
  });
  afterAll(async () => {
    await t?.close();
  });

  const list = async (query = 'candidates=true') => (await t.app.inject({ url: `/api/entities?${query}` })).json().items as { id: number; name: string; kind: string; mentionCount: number; examples: string[]; status: string }[];

  it('proposes names the registry lacks, never the ones it knows', () => {
    const names = proposed.map((c) => c.name);
    expect(names).toContain('Marcelo Claure');
    expect(names).not.toContain('Adam Neumann');
    expect(names).not.toContain('SoftBank');
  });

  it('lists pending candidates with kind, mention count and example sentences, counted once per article', async () => {
    const claure = (await list()).find((c) => c.name === 'Marcelo Claure')!;
    const once = proposed.find((c) => c.name === 'Marcelo Claure')!.mentions;
    expect(claure).toMatchObject({ kind: 'person', status: 'pending', mentionCount: once * 2 });
    expect(claure.examples[0]).toContain('Marcelo Claure');
  });

  it('refuses decisions without the write key and on unknown candidates', async () => {
    const [first] = await list();
    expect((await t.app.inject({ method: 'POST', url: `/api/entities/candidates/${first.id}/accept` })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: '/api/entities/candidates/999999/accept', headers: bearer })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/api/entities?candidates=true&kind=company' })).statusCode).toBe(400);
  });

  it('accepting makes an entity (source candidate) that matching then finds; a second decision conflicts', async () => {
    const claure = (await list()).find((c) => c.name === 'Marcelo Claure')!;
    const res = await t.app.inject({ method: 'POST', url: `/api/entities/candidates/${claure.id}/accept`, headers: bearer });
    expect(res.statusCode).toBe(200);
    const decided = res.json();
    expect(decided).toMatchObject({ status: 'accepted', decidedBy: expect.any(String), entityId: expect.any(Number) });
    const entity = (await t.app.inject({ url: `/api/entities/${decided.entityId}` })).json();
    expect(entity).toMatchObject({ name: 'Marcelo Claure', kind: 'person', source: 'candidate' });
    expect((await t.app.inject({ method: 'POST', url: `/api/entities/candidates/${claure.id}/reject`, headers: bearer })).statusCode).toBe(409);

    const withAccepted = gazetteer.withEntities((await acceptedCandidateEntities(t.db)).map(entityFromStore));
    expect(withAccepted.findEntities(text).map((m) => m.name)).toContain('Marcelo Claure');
    expect(gazetteer.findEntities(text).map((m) => m.name)).not.toContain('Marcelo Claure');
    expect((await list()).map((c) => c.name)).not.toContain('Marcelo Claure');
  });

  it('rejecting keeps the candidate out of the pending list and out of matching', async () => {
    const other = (await list())[0];
    const res = await t.app.inject({ method: 'POST', url: `/api/entities/candidates/${other.id}/reject`, headers: bearer });
    expect(res.json()).toMatchObject({ status: 'rejected', entityId: null });
    expect((await list('candidates=true&status=rejected')).map((c) => c.id)).toEqual([other.id]);
    expect((await acceptedCandidateEntities(t.db)).map((e) => e.name)).not.toContain(other.name);
  });
});
