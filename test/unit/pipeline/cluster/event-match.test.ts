import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { clusterGreedily, clusteringScores, loadUciHeadlines } from '../../../../bench/cluster-quality';
import { eventTitle, matchEvent, type EventCandidate } from '../../../../src/pipeline/cluster/event-match';

const UCI_CSV = fileURLToPath(new URL('../../../fixtures/cluster/uci-news-aggregator-first-999.csv', import.meta.url));
const at = (iso: string) => new Date(iso);

describe('clustering the UCI News Aggregator headlines with matchEvent', () => {
  // Measured at the shipped threshold: pairwise precision 0.873, recall 0.483;
  // B-cubed precision 0.856, recall 0.541. Floors leave a margin of about 0.05.
  it('keeps precision and recall above the measured floors', () => {
    const headlines = loadUciHeadlines(UCI_CSV);
    expect(headlines).toHaveLength(999);
    const scores = clusteringScores(
      clusterGreedily(headlines.map((h) => h.title)),
      headlines.map((h) => h.story),
    );
    expect(scores.precision).toBeGreaterThanOrEqual(0.82);
    expect(scores.recall).toBeGreaterThanOrEqual(0.43);
    expect(scores.bcubedPrecision).toBeGreaterThanOrEqual(0.8);
    expect(scores.bcubedRecall).toBeGreaterThanOrEqual(0.49);
  });
});

describe('matchEvent rules', () => {
  const sbarro: EventCandidate = {
    id: 'sbarro',
    title: 'Pizza chain Sbarro files for bankruptcy',
    titles: ['Pizza chain Sbarro files for bankruptcy', 'Sbarro files for bankruptcy protection for the second time'],
    entityKeys: [],
    lastSeenAt: at('2014-03-10T12:00:00Z'),
  };
  const ofAge = (hours: number) => at(new Date(sbarro.lastSeenAt.getTime() + hours * 3_600_000).toISOString());
  const article = (title: string, hours: number, entityKeys: string[] = []) => ({ title, text: '', entityKeys, publishedAt: ofAge(hours) });

  it('joins a headline on the same story within 72 hours and says why', () => {
    const match = matchEvent(article('Sbarro Files For Second Bankruptcy Protection', 30), [sbarro]);
    expect(match?.eventId).toBe('sbarro');
    expect(match?.reasons.join(' ')).toMatch(/headline similarity .*30 h/);
  });

  it('starts a new event outside the 72-hour window', () => {
    expect(matchEvent(article('Sbarro Files For Second Bankruptcy Protection', 80), [sbarro])).toBeNull();
    expect(matchEvent(article('Sbarro Files For Second Bankruptcy Protection', -80), [sbarro])).toBeNull();
  });

  it('does not join an unrelated headline', () => {
    expect(matchEvent(article('Metro-North worker killed by train', 1), [sbarro])).toBeNull();
  });

  it('picks the best of several candidates', () => {
    const gox: EventCandidate = { ...sbarro, id: 'gox', title: 'Mt. Gox files for US bankruptcy', titles: ['Mt. Gox files for US bankruptcy'] };
    expect(matchEvent(article('Bitcoin exchange Mt. Gox files for US bankruptcy protection', 2), [sbarro, gox])?.eventId).toBe('gox');
  });

  it('adds a bonus for shared specific entities, none for a shared country (constructed)', () => {
    const ftc: EventCandidate = {
      id: 'ftc',
      title: 'FTC opens inquiry into OpenAI over ChatGPT',
      titles: ['FTC opens inquiry into OpenAI over ChatGPT'],
      entityKeys: ['us-ftc', 'openai', 'chatgpt', 'united-states'],
      lastSeenAt: ofAge(0),
    };
    const plain = matchEvent(article('Regulators open ChatGPT inquiry', 1), [ftc]);
    const withEntities = matchEvent(article('Regulators open ChatGPT inquiry', 1, ['openai', 'chatgpt']), [ftc]);
    const withCountry = matchEvent(article('Regulators open ChatGPT inquiry', 1, ['united-states']), [ftc]);
    expect(withEntities!.score).toBeGreaterThan(plain!.score);
    expect(withEntities!.reasons.join(' ')).toContain('shares openai, chatgpt');
    expect(withCountry!.score).toBeCloseTo(plain!.score, 12);
  });

  it('penalises similar wording about different specific entities (constructed)', () => {
    const anthropic: EventCandidate = {
      id: 'a',
      title: 'Anthropic raises $4 billion in new funding round',
      titles: ['Anthropic raises $4 billion in new funding round'],
      entityKeys: ['anthropic'],
      lastSeenAt: ofAge(0),
    };
    const plain = matchEvent(article('Mistral raises new funding round', 1), [anthropic]);
    const other = matchEvent(article('Mistral raises new funding round', 1, ['mistral-ai']), [anthropic]);
    expect(other?.score ?? 0).toBeLessThan(plain!.score);
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
