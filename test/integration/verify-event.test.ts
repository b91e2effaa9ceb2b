import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { queryRows } from '../../src/db/client';
import { clusterArticle } from '../../src/pipeline/cluster/cluster-article';
import { extractArticle } from '../../src/pipeline/extract/extract-article';
import { parseFeed } from '../../src/pipeline/fetch/parse-feed';
import { parseFederalRegister } from '../../src/pipeline/fetch/parse-federal-register';
import { verifyEvent } from '../../src/pipeline/verify/verify-event';
import { saveAssessments } from '../../src/db/queries/claim-assessments';
import { seedArticle, seedSource } from '../support/api';
import { openStageDatabase, snapshotTables, type StageDatabase } from '../support/stage';

// The verify stage called directly, fed by the real extract and cluster stages: an SEC press
// release (test/fixtures/e2e/pressreleases.rss, origin in its MANIFEST) carried by one news
// outlet, then copied by a second, then published by the regulator itself.

const feed = parseFeed(readFileSync(new URL('../fixtures/e2e/pressreleases.rss', import.meta.url), 'utf8'), {
  baseUrl: 'https://www.sec.gov/news/pressreleases.rss',
});
const release = feed.items.find((item) => item.title.startsWith('Vanguard to Pay'))!;

describe.each(['pglite', 'postgres'] as const)('verifyEvent on %s', (kind) => {
  let stage: StageDatabase;
  beforeAll(async () => {
    stage = await openStageDatabase(kind, inject('postgresUrl'));
  });
  afterAll(async () => stage?.close());
  beforeEach(async () => {
    await stage.reset();
    await seedSource(stage.database.db, { id: 'sec', category: 'regulator', trust: 95, owner: 'U.S. Securities and Exchange Commission', name: 'SEC press releases' });
    await seedSource(stage.database.db, { id: 'paper', category: 'news', trust: 70, owner: 'Paper Co', name: 'The Paper' });
    await seedSource(stage.database.db, { id: 'wire', category: 'wire', trust: 75, owner: 'Wire Co', name: 'The Wire' });
  });

  // An article of `sourceId` carrying the release, taken through extract and cluster.
  async function publish(sourceId: string) {
    const article = await seedArticle(stage.database.db, {
      sourceId,
      title: release.title,
      summary: release.summary,
      url: `https://${sourceId}.example/vanguard`,
      publishedAt: release.publishedAt,
    });
    await extractArticle(stage.ctx, article.id, article.version);
    const [event] = await clusterArticle(stage.ctx, article.id, article.version);
    return event;
  }
  const eventRow = async (id: number) =>
    (await queryRows<{ status: string; revision: number; verified_revision: number; origin_count: number }>(
      stage.database.db,
      sql`select status, revision, verified_revision, origin_count from events where id = ${id}`,
    ))[0];
  const claimsOf = (id: number) =>
    queryRows<{ text: string; status: string }>(stage.database.db, sql`select text, status from claims where event_id = ${id} order by id`);

  it('assesses one report as unverified, its copy as one origin, and the regulator\'s own release as confirmed', async () => {
    const reported = await publish('paper');
    expect(await verifyEvent(stage.ctx, reported.id)).toEqual({ revision: reported.revision });
    // One article stating it without naming an origin.
    expect(await eventRow(reported.id)).toMatchObject({ status: 'unverified', verified_revision: reported.revision, origin_count: 1 });
    const claims = await claimsOf(reported.id);
    expect(claims.length).toBeGreaterThan(0);
    expect(claims.map((c) => c.text).join(' ')).toMatch(/Vanguard/);
    expect(new Set(claims.map((c) => c.status))).toEqual(new Set(['unverified']));

    // A second outlet carrying the same text is a syndicated copy: still one origin.
    const copied = await publish('wire');
    expect(copied).toEqual({ id: reported.id, revision: reported.revision + 1 });
    await verifyEvent(stage.ctx, copied.id);
    expect(await eventRow(copied.id)).toMatchObject({ status: 'single_origin', verified_revision: copied.revision, origin_count: 1 });

    const published = await publish('sec');
    expect(published).toEqual({ id: reported.id, revision: copied.revision + 1 });
    expect(await verifyEvent(stage.ctx, published.id)).toEqual({ revision: published.revision });
    expect(await eventRow(published.id)).toMatchObject({ status: 'confirmed', verified_revision: published.revision });
    expect((await claimsOf(published.id)).map((c) => c.status)).toContain('confirmed');
  });

  // A news report of CMS's final rule, then the rule itself in the Federal Register a month later
  // (the real document of test/fixtures/regulatory/federal-register/fr_term_0938-AV34.json; the
  // news text is constructed): the document's arrival re-verifies the news, which it confirms.
  it('confirms a news claim when the Federal Register document it is about arrives later, once', async () => {
    const register = parseFederalRegister(readFileSync(new URL('../fixtures/regulatory/federal-register/fr_term_0938-AV34.json', import.meta.url), 'utf8'), 'https://www.federalregister.gov/api/v1/documents.json');
    const rule = register.items.find((item) => item.guid === '2024-17021')!;
    await seedSource(stage.database.db, { id: 'fr', category: 'regulator', trust: 95, owner: 'Office of the Federal Register', name: 'Federal Register: CMS' });
    const report = await seedArticle(stage.database.db, {
      sourceId: 'paper',
      title: 'CMS sets next year’s hospital pay',
      summary: 'The Centers for Medicare & Medicaid Services finalized its fiscal year 2025 hospital inpatient prospective payment system rates and policy changes for acute care hospitals.',
      url: 'https://paper.example/cms-hospital-pay',
      publishedAt: new Date('2024-08-01T20:00:00Z'),
    });
    await extractArticle(stage.ctx, report.id, report.version);
    const [newsEvent] = await clusterArticle(stage.ctx, report.id, report.version);
    expect(await verifyEvent(stage.ctx, newsEvent.id)).toEqual({ revision: newsEvent.revision });
    const ruleClaim = async () => (await queryRows<{ id: number; status: string }>(stage.database.db, sql`select id, status from claims where event_id = ${newsEvent.id} and predicate = 'approved'`))[0];
    expect((await ruleClaim()).status).not.toBe('confirmed');

    const document = await seedArticle(stage.database.db, { sourceId: 'fr', title: rule.title, summary: rule.summary, url: rule.url, publishedAt: rule.publishedAt, extra: rule.extra });
    await extractArticle(stage.ctx, document.id, document.version);
    const [documentEvent] = await clusterArticle(stage.ctx, document.id, document.version);
    expect(documentEvent.id).not.toBe(newsEvent.id);
    const verified = await verifyEvent(stage.ctx, documentEvent.id);
    expect(verified?.touched).toEqual([{ id: newsEvent.id, revision: newsEvent.revision + 1 }]);
    // The document's event again: verified already, it touches nothing a second time.
    expect(await verifyEvent(stage.ctx, documentEvent.id)).toEqual({ revision: documentEvent.revision });

    await verifyEvent(stage.ctx, newsEvent.id);
    const claim = await ruleClaim();
    expect(claim.status).toBe('confirmed');
    const evidence = await queryRows<{ article_id: number; is_primary: boolean }>(stage.database.db, sql`select article_id::int as article_id, is_primary from claim_evidence where claim_id = ${claim.id}`);
    expect(evidence).toContainEqual({ article_id: document.id, is_primary: true });
    const history = await queryRows<{ status: string; reason: string }>(stage.database.db, sql`select status, reason from status_changes where claim_id = ${claim.id} order by id`);
    expect(history.at(-1)).toMatchObject({ status: 'confirmed' });
    expect(history.at(-1)!.reason).toMatch(/primary source/);
    // Verified since the document arrived: a news event is not touched again by it.
    await stage.database.db.execute(sql`update events set revision = revision + 1 where id = ${documentEvent.id}`);
    expect((await verifyEvent(stage.ctx, documentEvent.id))?.touched).toBeUndefined();
  });

  it('changes nothing when the revision is verified already, and answers undefined for an event that is gone', async () => {
    const event = await publish('paper');
    await verifyEvent(stage.ctx, event.id);
    const before = await snapshotTables(stage.database, ['events', 'claims', 'claim_evidence']);
    // A job for an older revision, or a retry of this one, after the verification.
    expect(await verifyEvent(stage.ctx, event.id)).toEqual({ revision: event.revision });
    expect(await snapshotTables(stage.database, ['events', 'claims', 'claim_evidence'])).toEqual(before);
    expect(await verifyEvent(stage.ctx, event.id + 1000)).toBeUndefined();
  });

  // The claims and evidence as the API shows them, without row ids and times.
  const content = async (eventId: number) => ({
    claims: await queryRows<{ status: string }>(
      stage.database.db,
      sql`select claim_key, text, status, confidence, origins, explanation, entity_keys, subject, predicate, objects, amounts, dates, polarity
          from claims where event_id = ${eventId} order by claim_key`,
    ),
    evidence: await queryRows(
      stage.database.db,
      sql`select c.claim_key, e.article_id, e.sentence, e.stance, e.hedged, e.origin, e.is_primary
          from claim_evidence e join claims c on c.id = e.claim_id where c.event_id = ${eventId} order by c.claim_key, e.article_id`,
    ),
  });
  const bumpRevision = async (eventId: number) =>
    Number((await queryRows<{ revision: number }>(stage.database.db, sql`update events set revision = revision + 1 where id = ${eventId} returning revision`))[0].revision);

  it('with a pace, waits before verifying an event again that was verified a moment ago, and verifies once the pause is over', async () => {
    const pace = { perArticleMs: 60_000, maxMs: 90_000 };
    const event = await publish('paper');
    // Never verified: no pause.
    expect(await verifyEvent(stage.ctx, event.id, pace)).toEqual({ revision: event.revision });
    const revision = await bumpRevision(event.id);
    const before = await snapshotTables(stage.database, ['events', 'claims', 'claim_evidence']);
    // One article: a minute's pause, counted from the verification just made.
    const waiting = await verifyEvent(stage.ctx, event.id, pace);
    expect(waiting).toMatchObject({ revision });
    expect(waiting?.waitMs).toBeGreaterThan(50_000);
    expect(waiting?.waitMs).toBeLessThanOrEqual(60_000);
    expect(await snapshotTables(stage.database, ['events', 'claims', 'claim_evidence'])).toEqual(before);
    // The pause is capped, and a revision already verified never waits.
    expect((await verifyEvent(stage.ctx, event.id, { perArticleMs: 60_000, maxMs: 5_000 }))?.waitMs).toBeLessThanOrEqual(5_000);
    // The pause over (the verification an hour back), it verifies.
    await stage.database.db.execute(sql`update events set verified_at = now() - interval '1 hour' where id = ${event.id}`);
    expect(await verifyEvent(stage.ctx, event.id, pace)).toEqual({ revision });
    expect((await eventRow(event.id)).verified_revision).toBe(revision);
    expect(await verifyEvent(stage.ctx, event.id, pace)).toEqual({ revision });
  });

  it('writes only what changed: a new revision with the same evidence keeps every row, and the result is what a fresh assessment stores', async () => {
    await publish('paper');
    const event = await publish('wire');
    await verifyEvent(stage.ctx, event.id);
    const rows = await snapshotTables(stage.database, ['claims', 'claim_evidence']);
    expect(rows.claim_evidence.length).toBeGreaterThan(0);

    // Verified again with nothing new (a review, a document elsewhere): every claim and evidence row stays as it was, assessedAt too.
    const again = await bumpRevision(event.id);
    expect(await verifyEvent(stage.ctx, event.id)).toEqual({ revision: again });
    expect(await snapshotTables(stage.database, ['claims', 'claim_evidence'])).toEqual(rows);

    // The regulator's own release joins: what changed is written, and it is what a fresh assessment stores.
    const published = await publish('sec');
    await verifyEvent(stage.ctx, published.id);
    const incremental = await content(published.id);
    expect(incremental.claims.map((c) => c.status)).toContain('confirmed');
    await queryRows(stage.database.db, sql`delete from claims where event_id = ${published.id}`);
    await bumpRevision(published.id);
    await verifyEvent(stage.ctx, published.id);
    expect(await content(published.id)).toEqual(incremental);
  });

  it('lets an assessment of an older revision, finishing after a newer one, change nothing', async () => {
    const event = await publish('paper');
    await verifyEvent(stage.ctx, event.id);
    const before = await snapshotTables(stage.database, ['events', 'claims', 'claim_evidence']);
    const summary = { status: 'disputed' as const, confidence: 0.1, originCount: 9, actor: 'rule', reason: 'an older revision' };
    expect(await saveAssessments(stage.database.db, event.id, event.revision - 1, [], summary)).toEqual({ touched: [] });
    expect(await snapshotTables(stage.database, ['events', 'claims', 'claim_evidence'])).toEqual(before);
  });
});
