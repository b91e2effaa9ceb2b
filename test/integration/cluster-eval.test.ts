import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestDatabase } from '../../harness/postgres-server';
import { scoreCopies, scoreLabelled } from '../../eval/clustering';
import { copyItems } from '../../eval/copy-set';
import { secItems, uciItems } from '../../eval/datasets';
import { closeEvalDatabase, runPipelinePath } from '../../eval/pipeline-path';

// The cluster stage as the pipeline runs it: articles stored with the fetch stage's query,
// extracted and clustered by the stage functions on a real PostgreSQL, one at a time. Data:
// the tuning halves of the UCI headlines and SEC press releases (test/fixtures, corpus) and
// copies made from WikiRef220 (read in place). Floors are the figures measured on these
// slices (npm run eval --part tune) less a margin; the test halves are only in npm run eval.
let url: string;
beforeAll(async () => {
  url = await createTestDatabase(inject('postgresUrl'));
});
afterAll(() => closeEvalDatabase());

describe('clustering through the stage', () => {
  it('keeps the tuning half of the SEC press releases apart: every release its own story', async () => {
    const scores = await scoreLabelled(secItems('tune'), undefined, url);
    expect(scores.articles).toBeGreaterThanOrEqual(12);
    expect(scores.precision).toBeGreaterThanOrEqual(0.95);
  });

  it('folds 200 shuffled UCI headlines of the tuning half into their stories', async () => {
    const scores = await scoreLabelled(uciItems('tune', 1).slice(0, 200), undefined, url);
    expect(scores.precision).toBeGreaterThanOrEqual(UCI_SLICE_FLOOR.precision);
    expect(scores.recall).toBeGreaterThanOrEqual(UCI_SLICE_FLOOR.recall);
  });
});

describe('copies through the stage', () => {
  it('finds each kind of copy and never marks an original', async () => {
    const scores = await scoreCopies('tune', 1, undefined, url, 6);
    expect(scores.copies).toBe(30);
    expect(scores.copyRecall).toBeGreaterThanOrEqual(0.9);
    expect(scores.originalsMarkedAsCopy).toBe(0);
    expect(scores.pointedElsewhere).toBe(0);
  });

  it('re-points the copies to an original that arrives after them', async () => {
    const items = copyItems('tune', 7, 1);
    const original = items.find((i) => i.kind === null)!;
    const arrival = [...items.filter((i) => i.kind !== null), original];
    const outcomes = await runPipelinePath(arrival, undefined, url);
    const originalRow = outcomes.find((o) => o.key === original.key)!;
    expect(originalRow.duplicateOf).toBeNull();
    const copies = outcomes.filter((o) => o.key !== original.key);
    expect(copies.filter((c) => c.duplicateOf === originalRow.articleId).length).toBeGreaterThanOrEqual(4);
    expect(new Set(outcomes.map((o) => o.eventId)).size).toBe(1);
  });
});

// Measured on this slice with the shipped tuning: B-cubed precision 0.926, recall 0.771 (17 events;
// 0.925 / 0.779 before members moved: the whole tuning half gains, this first 200 does not).
const UCI_SLICE_FLOOR = { precision: 0.9, recall: 0.68 };
