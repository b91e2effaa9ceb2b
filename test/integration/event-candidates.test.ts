import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { candidateEvents, createEvent, eventCandidate, joinEvent, type ArticleForCluster } from '../../src/db/queries/event-clusters';
import { openStageDatabase, type StageDatabase } from '../support/stage';

// Candidate events as the cluster stage reads them: profiles parsed once are kept by their
// content's digest.

const AT = new Date('2026-03-01T12:00:00Z');

const article = (title: string): ArticleForCluster => ({
  id: 0,
  sourceId: 'wire',
  title,
  text: '',
  version: 1,
  eventId: null,
  seenAt: AT,
  fetchedAt: AT,
  shingles: null,
  entityKeys: [],
});

describe.each(['pglite', 'postgres'] as const)('candidate events on %s', (kind) => {
  let stage: StageDatabase;
  beforeAll(async () => {
    stage = await openStageDatabase(kind, inject('postgresUrl'));
  });
  afterAll(async () => stage?.close());
  beforeEach(async () => stage.reset());

  const db = () => stage.database.db;
  const candidates = (words: string[]) => candidateEvents(db(), words, AT, 72, 10);
  const join = async (id: number, title: string, terms: Record<string, number> = {}) => {
    const event = (await eventCandidate(db(), id))!;
    return joinEvent(db(), event, article(title), event.title, new Map(Object.entries(terms)));
  };

  it('gives each candidate its profile as it is now: after a join, and after the ids began again', async () => {
    const { id } = await createEvent(db(), article('Sbarro files for bankruptcy'), new Map([['sbarro', 2]]));
    expect((await candidates(['sbarro'])).map((e) => e.terms)).toEqual([{ sbarro: 2 }]);
    await join(id, 'Sbarro pizza chain bankrupt again', { sbarro: 1, pizza: 1 });
    expect((await candidates(['sbarro'])).map((e) => e.terms)).toEqual([{ sbarro: 3, pizza: 1 }]);

    await stage.reset();
    const again = await createEvent(db(), article('Sbarro closes stores'), new Map([['stores', 1]]));
    expect(again.id).toBe(id);
    expect((await candidates(['sbarro'])).map((e) => e.terms)).toEqual([{ stores: 1 }]);
  });
});
