import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { queryRows } from '../../src/db/client';
import { candidateEvents, createEvent, eventCandidate, joinEvent, type ArticleForCluster } from '../../src/db/queries/event-clusters';
import { openStageDatabase, type StageDatabase } from '../support/stage';

// Candidate events as the cluster stage reads them: profiles parsed once are kept by their
// content's digest, and an event's title index grows by each joining title.

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

  it('finds an event by a joining title\'s words, and no longer by those of titles past the last 50', async () => {
    const { id } = await createEvent(db(), article('Sbarro files for bankruptcy'), new Map());
    await join(id, 'Pizza chain seeks court protection');
    expect((await candidates(['pizza'])).map((e) => e.id)).toEqual([id]);
    for (let i = 0; i < 49; i++) await join(id, `Creditors meet on day ${i + 1}`);
    expect((await candidates(['sbarro'])).map((e) => e.id)).toEqual([]);
    expect((await candidates(['pizza', 'creditors'])).map((e) => e.id)).toEqual([id]);
    // The index holds exactly the words of the titles kept.
    const [row] = await queryRows<{ same: boolean }>(
      db(),
      sql`select strip(search) = strip(to_tsvector('english', (select string_agg(t, ' ') from jsonb_array_elements_text(titles) as t))) as same from events where id = ${id}`,
    );
    expect(row.same).toBe(true);
  });
});
