import { describe, expect, it } from 'vitest';
import { meaningSimilarity } from '../../../src/text/meaning';

describe('meaningSimilarity', () => {
  it('pairs words of like meaning that share no letters', () => {
    const a = 'The airliner vanished over the ocean.';
    expect(meaningSimilarity(a, 'The plane disappeared over the sea.')).toBeGreaterThan(meaningSimilarity(a, 'The bank raised its interest rates.') + 0.2);
  });
  it('is symmetric, 1 for the same words and 0 without content words', () => {
    const [a, b] = ['Prosecutors dropped the rape investigation.', 'Sweden has dropped its investigation into a rape allegation.'];
    expect(meaningSimilarity(a, b)).toBeCloseTo(meaningSimilarity(b, a), 10);
    expect(meaningSimilarity(a, a)).toBeCloseTo(1, 2);
    expect(meaningSimilarity('It was the one.', a)).toBe(0);
  });
  it('matches words the vectors lack (names, numbers) only to themselves', () => {
    expect(meaningSimilarity('MH370 carried 239 people.', 'MH370 carried 239 people.')).toBeCloseTo(1, 2);
    expect(meaningSimilarity('MH370 carried 239 people.', 'QZ8501 carried 162 people.')).toBeLessThan(0.75);
  });
});
