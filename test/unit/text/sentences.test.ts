import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../../src/text/sentences';

const articles = JSON.parse(readFileSync(new URL('../../fixtures/extract/benchmark-articles.json', import.meta.url), 'utf8')).articles as Record<
  string,
  { articleBody: string }
>;
const paragraph = (prefix: string, needle: string) =>
  Object.entries(articles)
    .find(([id]) => id.startsWith(prefix))![1]
    .articleBody.split('\n')
    .find((p) => p.includes(needle))!;

describe('splitSentences on real news paragraphs', () => {
  it('keeps "Mr." with its name (The New York Times)', () => {
    expect(splitSentences(paragraph('702d1da6', 'Mr. Trump wasn’t satisfied'))).toEqual([
      'When President Trump’s advisers suggested that Beijing resume buying around $20 billion in American farm products as part of a trade deal, Mr. Trump wasn’t satisfied.',
      'In a dramatic public retelling in the Cabinet Room, he said he pressed his team to more than triple that figure, then trimmed that a little and asked for up to $50 billion in annual purchases.',
    ]);
  });

  it('splits inside and after quotations, and keeps "Oct. 21" together', () => {
    expect(splitSentences(paragraph('702d1da6', 'My people had $20 billion done'))).toEqual([
      '“My people had $20 billion done,” Mr. Trump recounted in an Oct. 21 cabinet meeting.',
      '“And I said, ‘I want more.’',
      'They said, ‘The farmers can’t handle it.’',
      'I said, ‘Tell them to buy larger tractors.',
      'It’s very simple.’”',
      'The cabinet members gathered around Mr. Trump laughed.',
    ]);
  });

  it('keeps "U.S. Securities and Exchange Commission" and "U.S. Attorney" inside their sentences', () => {
    const reuters = splitSentences(paragraph('06e5123e', 'Bloomberg News reported on Friday'));
    expect(reuters[0]).toBe(
      'Bloomberg News reported on Friday that WeWork is facing scrutiny from the U.S. Securities and Exchange Commission over whether it violated financial rules as it sought its public listing.',
    );
    expect(splitSentences(paragraph('2c46804d', 'said U.S. Attorney')).at(-1)).toBe(
      'My hope is that this family and this community will find solace in knowing that he will never be able to harm another little child again," said U.S. Attorney Nealy Cox.',
    );
  });

  it('keeps initials and month abbreviations (Science Alert, LA Times)', () => {
    expect(splitSentences(paragraph('14cc2a0c', 'W. M. Keck'))).toHaveLength(1);
    expect(splitSentences(paragraph('8634d121', 'Sept. 29'))).toEqual([
      'Sacramento-based McClatchy, a chain of 30 newspapers including the Sacramento Bee, Miami Herald and Kansas City Star, may be another canary in the news industry’s coal mine.',
      'McClatchy reported a loss of $304.7 million on revenue of $167.4 million in the third quarter ended Sept. 29.',
      'Most of the loss reflected a write-down of the company’s news assets.',
    ]);
  });

  it('splits a whole article into its sentences (VentureBeat/Reuters, 25 sentences in 24 paragraphs)', () => {
    const text = Object.entries(articles).find(([id]) => id.startsWith('06e5123e'))![1].articleBody;
    const sentences = splitSentences(text);
    expect(sentences).toHaveLength(25);
    expect(sentences[3]).toBe('A spokesperson for the NYAG declined to comment.');
  });
});

describe('splitSentences rules (constructed)', () => {
  it('ends a sentence at an abbreviation only before a typical sentence opener', () => {
    expect(splitSentences('It was sold to Apple Inc. The deal closed. Apple Inc. said it would.')).toEqual([
      'It was sold to Apple Inc.',
      'The deal closed.',
      'Apple Inc. said it would.',
    ]);
    expect(splitSentences('He lives in the U.S. The end.')).toEqual(['He lives in the U.S.', 'The end.']);
  });

  it('does not split before a lower-case continuation', () => {
    expect(splitSentences('"Is it true?" she asked. Yes.')).toEqual(['"Is it true?" she asked.', 'Yes.']);
  });

  it('treats blank lines as boundaries and joins wrapped lines', () => {
    expect(splitSentences('Headline without a stop\n\nFirst line\nwraps here. Next one!')).toEqual([
      'Headline without a stop',
      'First line wraps here.',
      'Next one!',
    ]);
  });

  it('returns nothing for blank text', () => {
    expect(splitSentences('  \n\n ')).toEqual([]);
  });
});
