// Candidate entities from real sentences of the article-extraction benchmark
// (articles/article-extraction-benchmark/ground-truth.json, MIT; item 51374560…, a report of Home
// Depot's third-quarter results), quoted here.
import { describe, expect, it } from 'vitest';
import { proposeCandidates } from '../../../../src/pipeline/extract/candidates';
import { loadGazetteer } from '../../../../src/text/gazetteer';

const text =
  '“Our third quarter results reflected broad-based growth across our business, yet sales were below our expectations driven by the timing of certain benefits associated with our One Home Depot strategic investments," chairman, CEO and president Craig Menear said in the earnings release. ' +
  '"We are largely on track with these investments and have seen positive results, but some of the benefits anticipated for fiscal 2019 will take longer to realize than our initial assumptions," Menear continued.';

describe('proposeCandidates', () => {
  it('proposes the person without the title before the name, and counts the later surname as the same person', () => {
    const people = proposeCandidates(text, loadGazetteer()).filter((c) => c.kind === 'person');
    expect(people.map((c) => c.name)).toEqual(['Craig Menear']);
    expect(people[0]).toMatchObject({ normalized: 'craig menear', mentions: 2 });
  });

  it('proposes no units, formats or job titles written in capitals', () => {
    const names = proposeCandidates('The laptop has a USB port and an HD screen. The CEO said the SUV ships in March.', loadGazetteer()).map((c) => c.normalized);
    expect(names.filter((n) => ['usb', 'hd', 'ceo', 'suv'].includes(n))).toEqual([]);
  });
});
