import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { queryRows } from '../../src/db/client';
import { mergeEventsByAnalyst } from '../../src/pipeline/cluster/analyst-control';
import { clusterArticle } from '../../src/pipeline/cluster/cluster-article';
import { CLUSTER_TUNING } from '../../src/pipeline/cluster/event-score';
import { seedArticle, seedSource } from '../support/api';
import { openStageDatabase, snapshotTables, type StageDatabase } from '../support/stage';

// A member that fits the event an article joins better than its own moves there; one an analyst
// placed stays. Headlines are real (UCI News Aggregator, test/fixtures/cluster/MANIFEST.md).

const uci = parse(readFileSync(new URL('../fixtures/cluster/uci-news-aggregator-first-999.csv', import.meta.url)), { columns: true }) as {
  ID: string;
  TITLE: string;
}[];
const headline = (id: number) => uci.find((row) => row.ID === String(id))!.TITLE;
const SBARRO = [517, 515, 521].map(headline);
// Mt. Gox's US bankruptcy filing: three wordings, none a copy of another.
const GOX = [218, 219, 200].map(headline);

// Settings that force where the story's first articles land, as an early, thin event would place them.
const JOIN_ANYTHING = { ...CLUSTER_TUNING, matchThreshold: -1 };
const JOIN_NOTHING = { ...CLUSTER_TUNING, matchThreshold: 2 };
// Bridged merges off: in an archive of a few headlines every word is rare, and two bankruptcy
// events ("files for bankruptcy") would merge whole, leaving no move to see.
const MOVES_ONLY = { ...CLUSTER_TUNING, mergeThreshold: 2 };

describe.each(['pglite', 'postgres'] as const)('member moves on %s', (kind) => {
  let stage: StageDatabase;
  beforeAll(async () => {
    stage = await openStageDatabase(kind, inject('postgresUrl'));
  });
  afterAll(async () => stage?.close());
  beforeEach(async () => {
    await stage.reset();
    for (const id of ['a', 'b', 'c', 'd', 'e']) await seedSource(stage.database.db, { id });
  });

  const article = (sourceId: string, title: string) => seedArticle(stage.database.db, { sourceId, title, contentText: title, extractedAt: new Date() });
  const cluster = async (a: { id: number; version: number }, tuning = CLUSTER_TUNING) => clusterArticle(stage.ctx, a.id, a.version, tuning);
  const placement = async (id: number) =>
    (await queryRows<{ event_id: number; reason: Record<string, unknown> | null }>(stage.database.db, sql`select event_id::int as event_id, cluster_reason as reason from articles where id = ${id}`))[0];
  const eventRow = async (id: number) =>
    (
      await queryRows<{ article_count: number; titles: string[]; terms: Record<string, number> }>(
        stage.database.db,
        sql`select article_count, titles, terms from events where id = ${id}`,
      )
    )[0];

  // A Mt. Gox headline that joined the Sbarro event (both are bankruptcies) before Mt. Gox had an event of its own.
  async function strayMember() {
    const sbarro = await article('a', SBARRO[0]);
    const [sbarroEvent] = await cluster(sbarro);
    await cluster(await article('e', SBARRO[1]));
    const stray = await article('b', GOX[0]);
    await cluster(stray, JOIN_ANYTHING);
    expect((await placement(stray.id)).event_id).toBe(sbarroEvent.id);
    const first = await article('c', GOX[1]);
    const [goxEvent] = await cluster(first, JOIN_NOTHING);
    return { sbarro, sbarroEvent, stray, goxEvent };
  }

  it('moves a member into the event an article joins when it scores better there, and a re-run changes nothing', async () => {
    const { sbarro, sbarroEvent, stray, goxEvent } = await strayMember();
    const second = await article('d', GOX[2]);
    const changed = await cluster(second, MOVES_ONLY);
    expect((await placement(second.id)).event_id).toBe(goxEvent.id);

    const moved = await placement(stray.id);
    expect(moved.event_id).toBe(goxEvent.id);
    expect(moved.reason).toMatchObject({ movedFrom: sbarroEvent.id });
    // Why it moved: the words it shares with the event it moved into.
    expect((moved.reason as { sharedTerms: string[] }).sharedTerms).toEqual(expect.arrayContaining([expect.stringMatching(/^gox|^mt$/)]));
    expect((await placement(sbarro.id)).event_id).toBe(sbarroEvent.id);
    expect(changed.map((e) => e.id)).toEqual(expect.arrayContaining([sbarroEvent.id, goxEvent.id]));
    // The profiles follow the member: the Sbarro event no longer holds Mt. Gox's words.
    const left = await eventRow(sbarroEvent.id);
    expect(left.article_count).toBe(2);
    expect(left.titles).toEqual(SBARRO.slice(0, 2));
    expect(left.terms).not.toHaveProperty('gox');
    expect(await eventRow(goxEvent.id)).toMatchObject({ article_count: 3 });

    const before = await snapshotTables(stage.database, ['events', 'articles']);
    expect(await cluster(second, MOVES_ONLY)).toEqual([]);
    expect(await snapshotTables(stage.database, ['events', 'articles'])).toEqual(before);
  });

  it('merges an event whose only member moves into the event it moves to', async () => {
    const lone = await article('a', GOX[0]);
    const [loneEvent] = await cluster(lone);
    const first = await article('c', GOX[1]);
    const [goxEvent] = await cluster(first, JOIN_NOTHING);
    expect(goxEvent.id).not.toBe(loneEvent.id);
    await cluster(await article('d', GOX[2]), MOVES_ONLY);

    const moved = await placement(lone.id);
    expect(moved.event_id).toBe(goxEvent.id);
    expect(moved.reason).toMatchObject({ movedFrom: loneEvent.id });
    const [gone] = await queryRows<{ merged_into: number | null }>(stage.database.db, sql`select merged_into::int as merged_into from events where id = ${loneEvent.id}`);
    expect(gone.merged_into).toBe(goxEvent.id);
    expect(await eventRow(goxEvent.id)).toMatchObject({ article_count: 3 });
  });

  it('never moves a member an analyst placed', async () => {
    const { sbarroEvent, stray, goxEvent } = await strayMember();
    // The analyst merges another Sbarro event into the one holding the stray headline: every member is placed.
    const other = await article('e', SBARRO[2]);
    const [otherEvent] = await cluster(other, JOIN_NOTHING);
    await mergeEventsByAnalyst(stage.database.db, sbarroEvent.id, [otherEvent.id], { reviewer: 'analyst', reason: 'one story' });

    await cluster(await article('d', GOX[2]), MOVES_ONLY);
    expect((await placement(stray.id)).event_id).toBe(sbarroEvent.id);
    expect((await eventRow(goxEvent.id)).article_count).toBe(2);
  });
});
