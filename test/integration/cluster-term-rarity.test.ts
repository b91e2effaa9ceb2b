import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { countTerms } from '../../src/db/queries/cluster-index';
import { addProfileRarity, ownTermRarity } from '../../src/pipeline/cluster/term-rarity';
import { openStageDatabase, type StageDatabase } from '../support/stage';

// Term rarity as the cluster stage reads it from cluster_terms: the article's own terms fresh,
// candidate profiles' other terms cached until the archive grows by a tenth or shrinks.

describe('term rarity for scoring', () => {
  let stage: StageDatabase;
  beforeAll(async () => {
    stage = await openStageDatabase('postgres', inject('postgresUrl'));
  });
  afterAll(async () => stage?.close());
  beforeEach(async () => stage.reset());

  const documents = async (n: number, terms: string[]) => {
    for (let i = 0; i < n; i++) await countTerms(stage.database.db, terms);
  };
  const rarity = async (own: string[], others: string[]) => {
    const stats = await ownTermRarity(stage.database.db, own);
    return addProfileRarity(stage.database.db, stats, new Set(own), others);
  };

  it('gives the frequencies of the article\'s terms and of its candidates\' other terms', async () => {
    await documents(20, ['gox']);
    await documents(10, ['bitcoin']);
    const stats = await rarity(['gox'], ['bitcoin', 'gox', 'unseen']);
    expect(stats.docs).toBe(30);
    expect(Object.fromEntries(stats.df)).toEqual({ gox: 20, bitcoin: 10, unseen: 0 });
  });

  it('reads the article\'s own terms fresh, and profile terms again once the archive has grown by more than a tenth', async () => {
    await documents(100, ['bitcoin', 'gox']);
    expect((await rarity(['gox'], ['bitcoin'])).df.get('bitcoin')).toBe(100);
    await documents(5, ['bitcoin', 'gox']);
    const soon = await rarity(['gox'], ['bitcoin']);
    expect(soon.df.get('gox')).toBe(105);
    expect(soon.df.get('bitcoin')).toBe(100);
    await documents(10, ['bitcoin']);
    expect((await rarity(['gox'], ['bitcoin'])).df.get('bitcoin')).toBe(115);
  });

  it('forgets cached frequencies when the archive is smaller than when they were read', async () => {
    await documents(50, ['bitcoin']);
    expect((await rarity([], ['bitcoin'])).df.get('bitcoin')).toBe(50);
    await stage.reset();
    await documents(3, ['bitcoin']);
    expect((await rarity([], ['bitcoin'])).df.get('bitcoin')).toBe(3);
  });
});
