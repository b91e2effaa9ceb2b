import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../../../src/text/sentences';
import { denialCues, hedgeCues, hedgeOf, isHedged, stanceOf } from '../../../../src/pipeline/extract/hedging';
import { corpusPath } from '../../../../harness/corpus';

const articles = JSON.parse(readFileSync(new URL('../../../fixtures/extract/benchmark-articles.json', import.meta.url), 'utf8')).articles as Record<
  string,
  { articleBody: string }
>;
const sentence = (prefix: string, needle: string) =>
  splitSentences(Object.entries(articles).find(([id]) => id.startsWith(prefix))![1].articleBody).find((s) => s.includes(needle))!;

describe('isHedged on real sentences', () => {
  it.each([
    ['1ace8c85', 'WeWork is reportedly being investigated', 'reportedly'],
    ['06e5123e', 'according to two people familiar with the matter', 'people familiar with'],
    ['06e5123e', 'which is expected to lay off thousands', 'is expected to'],
    ['8634d121', 'may be another canary', 'may'],
  ])('%s "%s" is hedged (%s)', (prefix, needle, cue) => {
    expect(isHedged(sentence(prefix, needle))).toBe(true);
    expect(hedgeCues(sentence(prefix, needle))).toContain(cue);
  });

  it.each([
    ['06e5123e', 'SoftBank agreed to inject $6.5 billion'],
    ['06e5123e', 'Neumann had resigned as CEO'],
    ['d1c57d78', 'In May, NASA awarded task orders'],
  ])('%s "%s" is stated flatly', (prefix, needle) => {
    expect(isHedged(sentence(prefix, needle))).toBe(false);
  });
});

describe('stanceOf on real sentences', () => {
  it('reads denials (BBC, Dealbreaker on Taylor Swift and Big Machine)', () => {
    expect(stanceOf(sentence('70cb2d5b', 'consistently denied'))).toBe('denies');
    const bigMachine = sentence('55bb6340', 'Big Machine has denied');
    expect(stanceOf(bigMachine)).toBe('denies');
    expect(denialCues(bigMachine)).toEqual(expect.arrayContaining(['denied', 'false']));
  });

  it('does not count "declined to comment" as a denial', () => {
    expect(stanceOf(sentence('06e5123e', 'WeWork declined to comment on the report'))).toBe('supports');
  });

  it('reads plain reports as support', () => {
    expect(stanceOf(sentence('06e5123e', 'The New York Times reported on Sunday'))).toBe('supports');
  });
});

describe('stance rules (constructed)', () => {
  it.each([
    ['OpenAI denied the report.', 'denies'],
    ['Google disputed the account.', 'denies'],
    ['Microsoft called the claims false and misleading.', 'denies'],
    ['A spokesperson said the report was not true.', 'denies'],
    ['The newspaper retracted the story on Friday.', 'denies'],
    ['Apple has no plans to enter the market.', 'denies'],
    ['Meta rejected the report as speculation.', 'denies'],
    ['The company did not deny the report.', 'supports'],
    ['Nvidia neither confirmed nor denied the talks.', 'supports'],
    ['The filter produced false positives.', 'supports'],
    ['Amazon declined to confirm the figure.', 'supports'],
  ] as const)('%s -> %s', (text, stance) => {
    expect(stanceOf(text)).toBe(stance);
  });

  it('treats capitalised "May" as the month, not a hedge', () => {
    expect(isHedged('The rules take effect in May.')).toBe(false);
    expect(isHedged('The rules may take effect in June.')).toBe(true);
  });
});

// Sentences from the article-extraction benchmark's ground truth (real articles, read in place).
const benchmark = JSON.parse(readFileSync(corpusPath('articles/article-extraction-benchmark/ground-truth.json'), 'utf8')) as Record<
  string,
  { articleBody: string }
>;
const benchmarkSentence = (prefix: string, needle: string) =>
  splitSentences(Object.entries(benchmark).find(([id]) => id.startsWith(prefix))![1].articleBody).find((s) => s.includes(needle))!;

describe('hedge scope: speculation, not ability, negation or time (real sentences)', () => {
  it.each([
    ['fde930b0', 'could now access ad-supported music'],
    ['9eef8162', 'I could only manage two stairs'],
    ['70cb2d5b', 'Taylor could not perform on the AMAs'],
  ])('%s "%s" is not hedged', (prefix, needle) => {
    const s = benchmarkSentence(prefix, needle);
    expect(s).toBeDefined();
    expect(hedgeCues(s)).not.toContain('could');
    expect(hedgeOf(s)).toBeUndefined();
  });

  it.each([
    ['39d5c43b', 'could now be pushed into next year', 'could', 'weak'],
    ['7916ecca', 'It was not possible to independently verify', 'not verified', 'strong'],
    ['5fa3154e', 'apparently by a protester', 'apparently', 'strong'],
  ] as const)('%s "%s" is hedged by %s (%s)', (prefix, needle, label, strength) => {
    const hedge = hedgeOf(benchmarkSentence(prefix, needle));
    expect(hedge?.cues).toContain(label);
    expect(hedge?.strength).toBe(strength);
  });
});

describe('hedge scope (constructed)', () => {
  it.each([
    ['Few could have anticipated the ruling.', undefined],
    ['Nobody could have predicted the outage.', undefined],
    ['Users couldn’t log in for hours.', undefined],
    ['Security concerns may have been raised in discussions.', 'weak'],
    ['The claim could not be independently verified.', 'strong'],
    ['If the Journal’s reporting is accurate, the deal values the company at $10 billion.', 'strong'],
    ['The bank is likely to cut rates in March.', 'weak'],
    ['The executive presumably knew of the plan.', 'strong'],
  ] as const)('%s -> %s', (text, strength) => {
    expect(hedgeOf(text)?.strength).toBe(strength);
  });
});

describe('epistemic cues beyond modals, and modals that are not doubt', () => {
  // Sentences from the article-extraction benchmark (bc13ff87, f344ca5f, 14cc2a0c, 9ebb3af6, 06ee193d, 0d461229, aadb38e5).
  it.each([
    ['More than a third of WeWork’s 12,000 employees will likely receive notice this week that they no longer have a job.', 'probably'],
    ['In fact, scientists believe that there’s a liquid water ocean on Europa beneath a miles-thick ice shell.', 'believed'],
    ['"We suggest that the outgassing of water vapour on Europa occurs at lower levels than previously estimated," the team wrote.', 'suggests'],
    ['Industry experts expect interest rates to remain low as automakers sweeten deals.', 'expects'],
    ['However, it seems the more stylish wheels on the Concept appear to have been ditched.', 'seems'],
    // An estimate, and reports no one is named for (dev-b: 1ee91d1f, 432362af, 076f4f33).
    ['The population in the Rukban camp has fluctuated and currently is estimated at around 40,000.', 'estimates'],
    ['Both diseases are associated with the Black Death pandemic that killed an estimated 25 million people in Europe alone.', 'estimates'],
    ['According to reports, this bar is offering oxygen to anyone who is ready to pay Rs 300 for fresh air.', 'according to sources'],
  ])('%s is hedged (%s)', (text, label) => {
    expect(hedgeCues(text)).toContain(label);
  });

  it('does not take a figure estimated before, or reports by a named outlet, for a hedge', () => {
    expect(hedgeCues('The outgassing occurs at lower levels than previously estimated.')).toEqual([]);
    expect(hedgeCues('According to reports by The Wall Street Journal, the deal closed on Friday.')).toEqual([]);
  });

  it.each([
    'You could think of it as a futuristic wagon, or of a condensed SUV, or even a well-stretched sedan.',
    'However, some might find it’s roofline a bit strange with the soft-top roof up.',
    '"We needed this win, otherwise we could be close to being out of the tournament.',
    'Classic rock may seem something of a cliché for bikers.',
  ])('%s is not hedged', (text) => {
    expect(isHedged(text)).toBe(false);
  });
});

describe('ability, questions and emphasis are not doubt; more ways to doubt are (constructed)', () => {
  it.each([
    'Even a small bit of dust could disable a key.',
    'Such missions could begin in 2022, the company said.',
    'How could something so soft make you sick?',
    'Save as much as you possibly can before you retire.',
    'He appeared in court on Monday.',
    'They appeared together on stage in 2019.',
  ])('%s is not hedged', (text) => {
    expect(isHedged(text)).toBe(false);
  });

  it.each([
    ['The delay could have been avoided.', 'could'],
    ['The Democrats are alleging that the call was irregular.', 'allegedly'],
    ['That likely won’t be a reason to upgrade.', 'likely'],
    ['It’s possible the studio will pick another script.', 'it is possible'],
    ['We are not certain when the company last did this.', 'it is possible'],
    ['Every day the party appears weaker.', 'seems'],
    ['Der Konzern will angeblich 500 Stellen streichen.', 'foreign hedge'],
    ['Возможно, это правда.', 'foreign hedge'],
  ])('%s is hedged (%s)', (text, label) => {
    expect(hedgeCues(text)).toContain(label);
  });
});

describe('typographic apostrophes, the reader, comparisons, disclosures and plans (constructed)', () => {
  it.each([
    ['The first car isn’t expected until next year.', 'expects'],
    ['The claim couldn’t be independently verified.', 'not verified'],
    ['Audi is suggesting that the car should charge to 80% in 30 minutes.', 'suggests'],
  ])('%s is hedged (%s)', (text, label) => {
    expect(hedgeCues(text)).toContain(label);
  });

  it.each([
    'When you think of Colorado you probably think of the mountains.',
    'It is the least likely of your controllers to look grimy after hours of use.',
    'Disclosure: the site may earn a commission from some of the products on this page.',
    'Whether you’re out exploring or just hanging around the house, water is a must.',
    'The automaker is weighing a production version for North America.',
    'Trump has tried to suggest that he barely knows the ambassador.',
  ])('%s is not hedged', (text) => {
    expect(isHedged(text)).toBe(false);
  });

  it('reads a denial written with a typographic apostrophe', () => {
    expect(stanceOf('The company said the report isn’t true.')).toBe('denies');
  });
});

describe('hedges of the labelled claims set', () => {
  // Sentences from its dev parts (55bb6340, 1ee91d1f, 232a43fb, 3cb5e2f4, 3f65af7b, 4648a420, bd673bd7).
  it.each([
    ['LOOK WHAT YOU MADE ME DO Brace yourself, Swifties: Taylor Swift might not be able to perform all of her hits due to a legal dispute with Scooter Braun.', 'might'],
    ['The Pentagon rejected these accusations as “patently false,” and both independent analysts and sources in the Rukban camp told Polygraph.info the Russian and Syrian claims are false.', 'sources say'],
    ['The report claims the display size will remain 13.3 inches, although given the source is DigiTimes, we would not completely rule out hopes of a larger 14-inch display.', 'not ruled out'],
    ['With more than 6 million Sentra vehicles sold, we believe the all-new Sentra will reach new heights offering refinement and quality.', 'believed'],
    ['In fact, scientists believe that there’s a liquid water ocean on Europa beneath a miles-thick ice shell.', 'believed'],
  ])('%s is hedged (%s)', (text, label) => {
    expect(hedgeCues(text)).toContain(label);
  });

  it.each([
    '“So I think that’s working.”',
    'A: I think the importance of empathetic listening to truly understand where a person is coming from is the biggest lesson I’ve learned.',
    'A soothing pillow and warm duvet might not always lead to better rest.',
    // dev-b 3d8f3404: "to think that" is an infinitive, no one is said to believe.
    '“If your mom comes to you after surgery and says that her head is now full of music, I think it’s totally fair to think that she’s gone crazy and has major psychological problems,” he said.',
  ])('%s is not hedged', (text) => {
    expect(isHedged(text)).toBe(false);
  });
});

describe('modals in embedded questions and clauses of time', () => {
  // Sentences from the article-extraction benchmark (7916ecca, e1c7023e), outside the labelled set.
  it.each([
    'It did not reveal the crash location and said it was withholding the names of those killed until next of kin could be told.',
    '"We looked at how an astronaut team could be best put into hibernation, what to do in case of emergencies, how to handle human safety."',
  ])('%s is not hedged', (text) => {
    expect(isHedged(text)).toBe(false);
  });

  it('still reads a modal hedge outside that clause', () => {
    expect(hedgeCues('The plant may close next year, and it is not clear when workers could be moved.')).toContain('may');
  });
});
