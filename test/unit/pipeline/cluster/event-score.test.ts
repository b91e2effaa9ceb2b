import { describe, expect, it } from 'vitest';
import { eventTitle } from '../../../../src/pipeline/cluster/event-title';
import {
  articleTerms,
  bestEvent,
  CLUSTER_TUNING,
  profileSimilarity,
  scoreEvent,
  type ScoringEvent,
  type TermStats,
} from '../../../../src/pipeline/cluster/event-score';

// Headlines from the UCI News Aggregator sample (test/fixtures/cluster) and the SEC press
// releases feed; document frequencies as a 1,000-article archive would hold them.
const at = (hours: number) => new Date(Date.parse('2014-03-10T12:00:00Z') + hours * 3_600_000);
const stats: TermStats = { docs: 1000, df: new Map([['bankruptci', 40], ['file', 120], ['protect', 60], ['sbarro', 3], ['gox', 5], ['mt', 8]]) };
const profile = (...titles: string[]) => {
  const sum: Record<string, number> = {};
  for (const t of titles) for (const [term, n] of articleTerms(t, '')) sum[term] = (sum[term] ?? 0) + n;
  return sum;
};
const sbarro: ScoringEvent = {
  id: 1,
  terms: profile('Pizza chain Sbarro files for bankruptcy', 'Sbarro files for bankruptcy protection for the second time'),
  entityKeys: [],
  sourceIds: ['latimes', 'reuters'],
  firstSeenAt: at(0),
  lastSeenAt: at(2),
};
const gox: ScoringEvent = { ...sbarro, id: 2, terms: profile('Mt. Gox files for US bankruptcy', 'Bitcoin exchange Mt. Gox files for bankruptcy in the US') };
const article = (title: string, hours: number, extra: Partial<{ entityKeys: string[]; sourceId: string }> = {}) => ({
  sourceId: extra.sourceId ?? 'bloomberg',
  terms: articleTerms(title, ''),
  entityKeys: extra.entityKeys ?? [],
  at: at(hours),
});

describe('scoreEvent', () => {
  it('joins a headline of the same story and says why', () => {
    const match = bestEvent(article('Sbarro Files For Second Bankruptcy Protection', 30), [sbarro, gox], stats);
    expect(match?.event.id).toBe(1);
    expect(match?.signals.sharedTerms).toContain('sbarro');
    expect(match?.signals.hours).toBe(28);
  });

  it('tells two bankruptcies apart by the rare terms they do not share', () => {
    const headline = 'Bitcoin exchange Mt. Gox files for US bankruptcy protection';
    expect(bestEvent(article(headline, 1), [sbarro, gox], stats)?.event.id).toBe(2);
    const toGox = scoreEvent(article(headline, 1), gox, stats, CLUSTER_TUNING)!.score;
    const toSbarro = scoreEvent(article(headline, 1), sbarro, stats, CLUSTER_TUNING)!.score;
    expect(toGox - toSbarro).toBeGreaterThan(0.3);
  });

  it('weighs a short name by its rarity, so a headline naming only "Mt. Gox" joins its story', () => {
    // Real UCI headlines of one story that a length prior on terms kept apart.
    const hacked = { ...gox, id: 3, terms: profile('Mt. Gox hackers post Bitcoin balances on CEO own blog', 'Mt. Gox CEO blog hacked by bitcoin thieves') };
    const match = bestEvent(article('Inside Mt Gox', 1), [sbarro, hacked], stats);
    expect(match?.event.id).toBe(3);
    expect(match?.signals.sharedTerms).toEqual(expect.arrayContaining(['gox', 'mt']));
  });

  it('lets the words most members share outweigh one member\'s own words', () => {
    const story = profile('Chiquita buys Fyffes', 'Chiquita and Fyffes merge', 'Chiquita Fyffes deal creates banana giant', 'Regulators to review Chiquita takeover plan');
    const common = scoreEvent(article('Chiquita Fyffes merger approved', 1), { ...sbarro, terms: story }, stats, CLUSTER_TUNING)!;
    const oneMember = scoreEvent(article('Regulators review takeover plan', 1), { ...sbarro, terms: story }, stats, CLUSTER_TUNING)!;
    expect(common.similarity).toBeGreaterThan(oneMember.similarity);
  });

  it('starts a new event outside the 72-hour window on either side of the event', () => {
    const headline = 'Sbarro Files For Second Bankruptcy Protection';
    expect(scoreEvent(article(headline, 80), sbarro, stats, CLUSTER_TUNING)).toBeNull();
    expect(scoreEvent(article(headline, -80), sbarro, stats, CLUSTER_TUNING)).toBeNull();
    expect(scoreEvent(article(headline, 70), sbarro, stats, CLUSTER_TUNING)).not.toBeNull();
  });

  it('penalises similar wording about different specific entities (constructed)', () => {
    const anthropic: ScoringEvent = { ...sbarro, terms: profile('Anthropic raises $4 billion in new funding round'), entityKeys: ['anthropic'] };
    const plain = scoreEvent(article('Mistral raises new funding round', 1), anthropic, stats, CLUSTER_TUNING)!;
    const other = scoreEvent(article('Mistral raises new funding round', 1, { entityKeys: ['mistral-ai'] }), anthropic, stats, CLUSTER_TUNING)!;
    expect(other.score).toBeLessThan(plain.score);
    expect(other.conflictingEntities).toEqual(['mistral-ai']);
  });

  it('asks more of an event only the article’s own source has reported (SEC press releases)', () => {
    const departure: ScoringEvent = { ...sbarro, terms: profile('SEC Announces Departure of Chief Economist Jessica Wachter'), sourceIds: ['sec-press'] };
    const headline = 'SEC Announces Departure of Chief of Staff Amanda Fischer';
    const fromSec = scoreEvent(article(headline, 1, { sourceId: 'sec-press' }), departure, stats, CLUSTER_TUNING)!;
    const fromNews = scoreEvent(article(headline, 1), departure, stats, CLUSTER_TUNING)!;
    expect(fromSec.ownSourceOnly).toBe(true);
    expect(fromNews.score - fromSec.score).toBeCloseTo(CLUSTER_TUNING.sameSourcePenalty, 2);
  });

  it('counts shared names as evidence across outlets only, not the names one outlet puts in every release', () => {
    const names = ['us-sec', 'mark-uyeda'];
    const staff: ScoringEvent = { ...sbarro, terms: profile('Acting Chairman Mark T. Uyeda Names Acting Senior Staff'), entityKeys: names, sourceIds: ['sec-press'] };
    const headline = 'SEC Acting Chairman Uyeda Announces Formation of New Crypto Task Force';
    const fromSec = scoreEvent(article(headline, 1, { sourceId: 'sec-press', entityKeys: names }), staff, stats, CLUSTER_TUNING)!;
    const fromNews = scoreEvent(article(headline, 1, { entityKeys: names }), staff, stats, CLUSTER_TUNING)!;
    expect(fromNews.sharedEntities).toEqual(names);
    expect(fromNews.score - fromSec.score).toBeCloseTo(CLUSTER_TUNING.sameSourcePenalty + CLUSTER_TUNING.entityBonusMax, 2);
    expect(fromSec.score).toBeLessThan(CLUSTER_TUNING.matchThreshold);
  });

  it('weighs an event\'s terms the article lacks by their own rarity: common ones do not make a large event unlike its new member', () => {
    const story = profile(
      'Bitcoin exchange Mt. Gox files for bankruptcy',
      'Mt. Gox bankruptcy filing shows bitcoin losses',
      'Japan says bitcoin is not a currency after Mt. Gox collapse',
      'Bitcoin price falls as Mt. Gox files for bankruptcy',
    );
    const known: TermStats = { docs: 1000, df: new Map([...stats.df, ['bitcoin', 30], ['japan', 200], ['currenc', 150], ['price', 250], ['fall', 300], ['show', 300], ['loss', 200], ['collaps', 100], ['exchang', 150], ['file', 120]]) };
    const onlyShared: TermStats = { docs: 1000, df: new Map([['bitcoin', 30], ['gox', 5], ['mt', 8]]) };
    const member = article('Inside the Mt. Gox bitcoin mess', 1);
    const event = { ...gox, terms: story };
    expect(scoreEvent(member, event, known, CLUSTER_TUNING)!.similarity).toBeGreaterThan(scoreEvent(member, event, onlyShared, CLUSTER_TUNING)!.similarity);
  });

  it('finds two events of one story alike and two stories unalike', () => {
    const sbarroAgain = profile('Sbarro pizza chain files second bankruptcy in three years');
    expect(profileSimilarity(sbarro.terms, sbarroAgain, stats)).toBeGreaterThan(profileSimilarity(sbarro.terms, gox.terms, stats));
  });
});

describe('articleTerms', () => {
  it('counts headline terms twice and lead terms once, the lead standing in for a missing headline', () => {
    const terms = articleTerms('Sbarro files for bankruptcy', 'The pizza chain Sbarro filed for bankruptcy on Monday.');
    expect(terms.get('sbarro')).toBe(3);
    expect(terms.get('pizza')).toBe(1);
    expect(articleTerms('', 'The pizza chain Sbarro').get('pizza')).toBe(2);
  });
});

describe('eventTitle', () => {
  it('picks the headline closest to the rest (UCI Sbarro story)', () => {
    expect(
      eventTitle([
        'Sbarro files for bankruptcy protection for the second time',
        'Pizza chain Sbarro files for bankruptcy',
        'Sbarro Files For Second Bankruptcy Protection',
        'Pizza-maker Sbarro filing for Chapter 11',
        'Why pizza is hard',
      ]),
    ).toBe('Sbarro Files For Second Bankruptcy Protection');
  });

  it('handles few or empty titles', () => {
    expect(eventTitle([])).toBe('');
    expect(eventTitle([' ', 'Only one'])).toBe('Only one');
  });
});
