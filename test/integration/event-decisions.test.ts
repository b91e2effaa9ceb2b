import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { queryRows } from '../../src/db/client';
import { createLogger } from '../../src/logger';
import { loadSettings } from '../../src/config/env';
import { clusterArticle } from '../../src/pipeline/cluster/cluster-article';
import { shingleSignature } from '../../src/text/similarity';
import type { StageContext } from '../../src/pipeline/context';
import { buildTestApi, databaseKinds, seedArticle, seedSource, TEST_KEY, type TestApi } from '../support/api';

// An analyst merges events and splits articles off through the API with a write key; the
// decision is recorded (who, why, when) and the cluster stage, run for real on the same database,
// never undoes it. Headlines are real (UCI News Aggregator, test/fixtures/cluster/MANIFEST.md).

const uci = parse(readFileSync(new URL('../fixtures/cluster/uci-news-aggregator-first-999.csv', import.meta.url)), { columns: true }) as { ID: string; TITLE: string }[];
const headline = (id: number) => uci.find((row) => row.ID === String(id))!.TITLE;
const SBARRO = [517, 515, 518, 516].map(headline);
const PLOSSER = [6, 7].map(headline);
// McDonald's February sales: a third story.
const MCD = [94, 103].map(headline);
// A Reuters report and Readability's extraction of the same page (a copy with other
// whitespace and page furniture), and an outlet's two-paragraph teaser of it.
const wework = (JSON.parse(readFileSync(new URL('../fixtures/cluster/extraction-pairs.json', import.meta.url), 'utf8')) as { pairs: { url: string; groundTruth: string; readabilityJs: string }[] }).pairs.find((p) => p.url.includes('wework'))!;
const WEWORK_TITLE = 'New York State Attorney General investigating WeWork';
const WEWORK_TEASER = `${wework.groundTruth.split(/\n\s*\n/).slice(0, 2).join('\n\n')}\n\nRead the full story at VentureBeat.`;
const REVIEWER = createHash('sha256').update(TEST_KEY).digest('hex').slice(0, 8);
const bearer = { authorization: `Bearer ${TEST_KEY}` };

describe.each(databaseKinds(inject('postgresUrl')))('analyst merge and split on $kind', ({ postgresServerUrl }) => {
  let t: TestApi;
  let ctx: StageContext;
  const ids: Record<string, number> = {};

  const eventOf = async (articleId: number) =>
    Number((await queryRows<{ event_id: number }>(t.db, sql`select event_id from articles where id = ${articleId}`))[0].event_id);
  const cluster = async (articleId: number) => {
    const [{ version }] = await queryRows<{ version: number }>(t.db, sql`select version from articles where id = ${articleId}`);
    return clusterArticle(ctx, articleId, version);
  };
  // The source edits the article: a new version the cluster stage places again.
  const edit = async (articleId: number, title?: string) => {
    if (title) await t.db.execute(sql`update articles set title = ${title}, content_text = ${`${title}. More of the story follows.`} where id = ${articleId}`);
    await t.db.execute(sql`update articles set version = version + 1, clustered_at = null where id = ${articleId}`);
    return cluster(articleId);
  };
  const post = (url: string, payload: unknown, headers: Record<string, string> = bearer) =>
    t.app.inject({ method: 'POST', url, headers, payload: payload as object });

  beforeAll(async () => {
    t = await buildTestApi({ postgresServerUrl });
    ctx = { db: t.db, log: createLogger('silent'), settings: loadSettings({ DATA_DIR: '/tmp' }) };
    for (const id of ['wire', 'paper', 'desk', 'daily']) await seedSource(t.db, { id });
    const sources = ['wire', 'paper', 'desk', 'daily'];
    const article = (key: string, title: string, i: number) =>
      seedArticle(t.db, { sourceId: sources[i % 4], title, contentText: `${title}. More of the story follows.`, extractedAt: new Date() }).then((a) => (ids[key] = a.id));
    await article('s0', SBARRO[0], 0);
    await article('s1', SBARRO[1], 1);
    await article('s2', SBARRO[2], 2);
    await article('p0', PLOSSER[0], 3);
    await article('m0', MCD[0], 0);
    for (const key of ['s0', 's1', 's2', 'p0', 'm0']) await cluster(ids[key]);
  });
  afterAll(async () => t?.close());

  it('starts from the stage\'s own partition: the Sbarro story is one event, Plosser another', async () => {
    expect(await eventOf(ids.s1)).toBe(await eventOf(ids.s0));
    expect(await eventOf(ids.s2)).toBe(await eventOf(ids.s0));
    expect(await eventOf(ids.p0)).not.toBe(await eventOf(ids.s0));
  });

  it('refuses bad input with the error shape and a 4xx, changing nothing', async () => {
    const sbarro = await eventOf(ids.s0);
    const plosser = await eventOf(ids.p0);
    const cases: [string, unknown, number, Record<string, string>?][] = [
      [`/api/events/${sbarro}/merge`, { events: [plosser], reason: 'same story' }, 401, {}],
      [`/api/events/${sbarro}/merge`, { events: [plosser], reason: 'same story' }, 403, { authorization: 'Bearer wrong-key' }],
      [`/api/events/999999/merge`, { events: [plosser], reason: 'x' }, 404],
      [`/api/events/${sbarro}/merge`, { events: [999999], reason: 'x' }, 404],
      [`/api/events/${sbarro}/merge`, { events: [sbarro], reason: 'x' }, 400],
      [`/api/events/${sbarro}/merge`, { events: [], reason: 'x' }, 400],
      [`/api/events/${sbarro}/merge`, { events: [plosser], reason: '   ' }, 400],
      [`/api/events/${sbarro}/merge`, { reason: 'neither' }, 400],
      [`/api/events/${sbarro}/merge`, { into: plosser, events: [plosser], reason: 'both' }, 400],
      [`/api/events/${sbarro}/merge`, { into: sbarro, reason: 'itself' }, 400],
      [`/api/events/${sbarro}/split`, { articleIds: [ids.p0], reason: 'x' }, 400],
      [`/api/events/${sbarro}/split`, { articleIds: [ids.s0, ids.s1, ids.s2], reason: 'x' }, 400],
      [`/api/events/999999/split`, { articleIds: [ids.s0], reason: 'x' }, 404],
      [`/api/events/${sbarro}/split`, { articleIds: ['a'], reason: 'x' }, 400],
    ];
    for (const [url, payload, status, headers] of cases) {
      const res = await post(url, payload, headers);
      expect({ url, payload, status: res.statusCode }).toEqual({ url, payload, status });
      expect(res.json().error).toMatchObject({ code: expect.any(String), message: expect.any(String) });
    }
    expect((await post(`/api/events/${sbarro}/merge`, { events: [sbarro], reason: 'x' })).json().error.message).toMatch(/into itself/);
    expect((await post(`/api/events/${sbarro}/split`, { articleIds: [ids.p0], reason: 'x' })).json().error.message).toBe(`article ${ids.p0} is not in event ${sbarro}`);
    const [{ n }] = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from event_decisions`);
    expect(n).toBe(0);
  });

  it('splits articles off into a new event, records who and why, and re-verifies both', async () => {
    const from = await eventOf(ids.s0);
    t.fakes.reverified.length = 0;
    const res = await post(`/api/events/${from}/split`, { articleIds: [ids.s2], reason: 'the 2011 filing, not this one' });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ kind: 'split', eventId: from, articleIds: [ids.s2], reviewer: REVIEWER, reason: 'the 2011 filing, not this one' });
    expect(Date.parse(body.decidedAt)).not.toBeNaN();
    const into = body.newEventId as number;
    expect(await eventOf(ids.s2)).toBe(into);
    expect(t.fakes.reverified.map((e) => e.id).sort()).toEqual([from, into].sort());
    const [left, created] = await Promise.all([t.app.inject({ url: `/api/events/${from}` }), t.app.inject({ url: `/api/events/${into}` })]);
    expect(left.json().articles.map((a: { id: number }) => a.id).sort()).toEqual([ids.s0, ids.s1].sort());
    expect(left.json().articleCount).toBe(2);
    expect(created.json()).toMatchObject({ id: into, articleCount: 1, title: SBARRO[2] });
  });

  it('never puts a split-off article back: not when it is edited, not by a bridging merge', async () => {
    const from = await eventOf(ids.s0);
    const into = await eventOf(ids.s2);
    await edit(ids.s2);
    expect(await eventOf(ids.s2)).toBe(into);
    // Another article of the story matches both events; they stay apart.
    ids.s3 = (await seedArticle(t.db, { sourceId: 'daily', title: SBARRO[3], contentText: `${SBARRO[2]} ${SBARRO[0]}`, extractedAt: new Date() })).id;
    await cluster(ids.s3);
    expect([from, into]).toContain(await eventOf(ids.s3));
    const rows = await queryRows<{ id: number; merged_into: number | null }>(t.db, sql`select id, merged_into from events where id in (${from}, ${into}) order by id`);
    expect(rows.map((r) => r.merged_into)).toEqual([null, null]);
    expect(await eventOf(ids.s2)).toBe(into);
  });

  it('merges events: the merged id answers with the survivor, and an edit never moves a member out', async () => {
    const sbarro = await eventOf(ids.s0);
    const plosser = await eventOf(ids.p0);
    const res = await post(`/api/events/${sbarro}/merge`, { events: [plosser], reason: 'one desk item covering both' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ kind: 'merge', eventId: sbarro, mergedEventIds: [plosser], reviewer: REVIEWER });
    const answered = await t.app.inject({ url: `/api/events/${plosser}` });
    expect(answered.json().id).toBe(sbarro);
    expect(answered.json().articles.map((a: { id: number }) => a.id)).toContain(ids.p0);
    // Edited into another story's words, it would join that story's event; the analyst's merge holds it.
    await edit(ids.p0, MCD[1]);
    expect(await eventOf(ids.p0)).toBe(sbarro);
    expect(await eventOf(ids.m0)).not.toBe(sbarro);
    // The contract's original form, `{into}` without a reason: this event into another. The
    // McDonald's event goes into the merged one.
    const mcd = await eventOf(ids.m0);
    const into = await post(`/api/events/${mcd}/merge`, { into: sbarro });
    expect(into.json()).toMatchObject({ kind: 'merge', eventId: sbarro, mergedEventIds: [mcd] });
    expect((await t.app.inject({ url: `/api/events/${mcd}` })).json().id).toBe(sbarro);
    // Merging it again is merging an event into itself.
    expect((await post(`/api/events/${sbarro}/merge`, { events: [plosser], reason: 'again' })).statusCode).toBe(400);
    const decisions = await queryRows<{ kind: string; reviewer: string; reason: string }>(t.db, sql`select kind, reviewer, reason from event_decisions order by id`);
    expect(decisions).toEqual([
      { kind: 'split', reviewer: REVIEWER, reason: 'the 2011 filing, not this one' },
      { kind: 'merge', reviewer: REVIEWER, reason: 'one desk item covering both' },
      { kind: 'merge', reviewer: REVIEWER, reason: 'no reason given' },
    ]);
  });
  it('moves the copies of a split-off article with it, and keeps them there', async () => {
    const story = async (key: string, sourceId: string, text: string, hours: number) => {
      const row = await seedArticle(t.db, {
        sourceId,
        title: WEWORK_TITLE,
        contentText: text,
        shingles: shingleSignature(`${WEWORK_TITLE} ${text}`),
        publishedAt: new Date(Date.parse('2019-11-18T15:00:00Z') + hours * 3_600_000),
        extractedAt: new Date(),
      });
      ids[key] = row.id;
      await cluster(row.id);
    };
    await story('w0', 'wire', wework.groundTruth, 0);
    await story('w1', 'paper', wework.readabilityJs, 1);
    await story('w2', 'desk', WEWORK_TEASER, 2);
    const copies = await queryRows<{ id: number; duplicate_of: number | null }>(t.db, sql`select id, duplicate_of from articles where id in (${ids.w1}, ${ids.w2}) order by id`);
    expect(copies.map((c) => Number(c.duplicate_of))).toEqual([ids.w0, ids.w0]);
    const wework0 = await eventOf(ids.w0);
    expect([await eventOf(ids.w1), await eventOf(ids.w2)]).toEqual([wework0, wework0]);
    // An analyst lumps another story in, then takes the report back out of it.
    const sbarro = await eventOf(ids.s0);
    expect((await post(`/api/events/${wework0}/merge`, { events: [sbarro], reason: 'one desk item' })).statusCode).toBe(201);
    const res = await post(`/api/events/${wework0}/split`, { articleIds: [ids.w0], reason: 'WeWork is its own story' });
    expect(res.statusCode).toBe(201);
    const into = res.json().newEventId as number;
    expect(res.json().articleIds).toEqual([ids.w0]);
    expect([await eventOf(ids.w0), await eventOf(ids.w1), await eventOf(ids.w2)]).toEqual([into, into, into]);
    expect(await eventOf(ids.s0)).toBe(wework0);
    const [left, created] = await Promise.all([t.app.inject({ url: `/api/events/${wework0}` }), t.app.inject({ url: `/api/events/${into}` })]);
    expect(left.json().articles.map((a: { id: number }) => a.id)).not.toContain(ids.w1);
    expect(created.json().articleCount).toBe(3);
    // Edited, a copy stays with its original; the old event takes none of them back.
    await edit(ids.w1);
    expect(await eventOf(ids.w1)).toBe(into);
    // Splitting the report off alone with its copies would empty its event.
    const empty = await post(`/api/events/${into}/split`, { articleIds: [ids.w0], reason: 'x' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.message).toMatch(/with their copies/);
  });
  it('takes a copy split off without its original for another story: no longer a copy, never linked again', async () => {
    const home = await eventOf(ids.w0);
    const res = await post(`/api/events/${home}/split`, { articleIds: [ids.w2], reason: 'the teaser is a different desk item' });
    expect(res.statusCode).toBe(201);
    const apart = res.json().newEventId as number;
    const dup = async (id: number) => (await queryRows<{ duplicate_of: number | null }>(t.db, sql`select duplicate_of from articles where id = ${id}`))[0].duplicate_of;
    expect(await eventOf(ids.w2)).toBe(apart);
    expect(await dup(ids.w2)).toBeNull();
    // The copy that stayed keeps its link.
    expect(Number(await dup(ids.w1))).toBe(ids.w0);
    // Edited, the teaser stays where the analyst put it and is not a copy again.
    await edit(ids.w2);
    expect(await eventOf(ids.w2)).toBe(apart);
    expect(await dup(ids.w2)).toBeNull();
    // A later copy of both joins the report's group; the teaser is not re-pointed to the report.
    const row = await seedArticle(t.db, {
      sourceId: 'daily',
      title: WEWORK_TITLE,
      contentText: WEWORK_TEASER,
      shingles: shingleSignature(`${WEWORK_TITLE} ${WEWORK_TEASER}`),
      publishedAt: new Date(Date.parse('2019-11-18T15:00:00Z') + 3 * 3_600_000),
      extractedAt: new Date(),
    });
    await cluster(row.id);
    expect(Number(await dup(row.id))).toBe(ids.w0);
    expect(await eventOf(row.id)).toBe(home);
    expect(await dup(ids.w2)).toBeNull();
    expect(await eventOf(ids.w2)).toBe(apart);
  });
});
