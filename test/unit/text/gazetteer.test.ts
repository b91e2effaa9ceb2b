import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findEntities, loadGazetteer } from '../../../src/text/gazetteer';

const articles = JSON.parse(readFileSync(new URL('../../fixtures/extract/benchmark-articles.json', import.meta.url), 'utf8')).articles as Record<
  string,
  { url: string; articleBody: string }
>;
const body = (prefix: string) => Object.entries(articles).find(([id]) => id.startsWith(prefix))![1].articleBody;
const keys = (text: string) => findEntities(text).map((m) => m.key);

describe('bundled gazetteer', () => {
  it('covers the AI and tech-policy landscape', () => {
    const count = (kind: string) => loadGazetteer().entities.filter((e) => e.kind === kind).length;
    expect(count('company')).toBeGreaterThanOrEqual(60);
    expect(count('model')).toBeGreaterThanOrEqual(40);
    expect(count('agency')).toBeGreaterThanOrEqual(30);
    expect(count('outlet')).toBeGreaterThanOrEqual(17);
    expect(count('person')).toBeGreaterThanOrEqual(10);
  });

  it('records who owns each outlet', () => {
    const owner = (name: string) => loadGazetteer().resolve(name)?.owner;
    expect(['WSJ', "Barron's", 'MarketWatch'].map(owner)).toEqual(['News Corp', 'News Corp', 'News Corp']);
    expect(['TechCrunch', 'Engadget'].map(owner)).toEqual(['Yahoo', 'Yahoo']);
    expect(['The Verge', 'Vox'].map(owner)).toEqual(['Vox Media', 'Vox Media']);
    expect(['Wired', 'Ars Technica'].map(owner)).toEqual(['Condé Nast', 'Condé Nast']);
  });

  it('resolves aliases and prose forms to canonical entities', () => {
    const g = loadGazetteer();
    expect(g.resolve('WSJ')?.name).toBe('The Wall Street Journal');
    expect(g.resolve("the Wall Street Journal's")?.name).toBe('The Wall Street Journal');
    expect(g.resolve('The Information')?.key).toBe('the-information');
    expect(g.resolve('REUTERS')?.key).toBe('reuters');
    expect(g.resolve('the company')).toBeUndefined();
  });
});

describe('findEntities on real articles', () => {
  it('finds the companies, agency, people and outlets of the WeWork/NYAG story (VentureBeat, via Reuters)', () => {
    const mentions = findEntities(body('06e5123e'));
    const byKey = Object.fromEntries(mentions.map((m) => [m.key, m]));
    expect(Object.keys(byKey)).toEqual(expect.arrayContaining(['reuters', 'us-nyag', 'wework', 'adam-neumann', 'softbank', 'nyt', 'bloomberg', 'us-sec']));
    // "New York State Attorney General" and "NYAG" are one entity; WeWork is the subject.
    expect(byKey['us-nyag'].mentions).toBeGreaterThanOrEqual(5);
    expect(byKey.wework.mentions).toBeGreaterThanOrEqual(10);
    // "The New York Times" is the outlet, not the state in "New York State Attorney General".
    expect(byKey.nyt.mentions).toBe(1);
    expect(mentions.map((m) => m.firstOffset)).toEqual([...mentions.map((m) => m.firstOffset)].sort((a, b) => a - b));
  });

  it('finds Apple, Tim Cook and Salesforce in the CRN interview', () => {
    expect(keys(body('291a8bf3'))).toEqual(expect.arrayContaining(['apple', 'tim-cook', 'salesforce']));
  });

  it('reports parent companies', () => {
    const deepmind = findEntities('Google DeepMind released AlphaFold 3.').find((m) => m.key === 'deepmind');
    expect(deepmind?.parentKey).toBe('google');
  });
});

describe('matching rules (constructed)', () => {
  it('prefers the longest alias', () => {
    expect(keys('Google DeepMind unveiled a model.')).toEqual(['deepmind']);
    expect(keys('GPT-4 Turbo and GPT-4o beat GPT-4.')).toEqual(['gpt-4-turbo', 'gpt-4o', 'gpt-4']);
    expect(keys('Michael Bloomberg spoke to Bloomberg News.')).toEqual(['michael-bloomberg', 'bloomberg']);
  });

  it('matches possessives and hyphenated compounds', () => {
    expect(keys("OpenAI's board and the Nvidia-backed startup")).toEqual(['openai', 'nvidia']);
    expect(keys('OpenAI’s chief')).toEqual(['openai']);
  });

  it('matches whole words only', () => {
    expect(keys('Metadata and Applebee’s and Intelligence agencies')).toEqual([]);
  });

  it('matches ambiguous names and acronyms only when written as given', () => {
    expect(keys('an apple a day, meta commentary, grok the idea, 30 sec')).toEqual([]);
    expect(keys('Apple and Meta spoke to the SEC about Grok.')).toEqual(['apple', 'meta', 'us-sec', 'grok']);
    expect(keys('musk and china')).toEqual([]);
    expect(keys('Musk visited China.')).toEqual(['elon-musk', 'china']);
  });

  it('ignores phrases that only contain an alias', () => {
    expect(keys('Fortune 500 firms watched Treasury yields.')).toEqual([]);
    expect(keys('Fortune reported that the Treasury objected.')).toEqual(['fortune', 'us-treasury']);
  });

  it('counts mentions and the first offset', () => {
    const [m] = findEntities('Anthropic said... Later, Anthropic added.');
    expect(m).toMatchObject({ key: 'anthropic', mentions: 2, firstOffset: 0 });
  });

  // Speed is measured by `npm run bench` (text-throughput), not asserted here.
  it('reads 3 MB of news text, giving every copy of a text the same matches', () => {
    const text = Object.values(articles).map((a) => a.articleBody).join('\n\n');
    const batch = Array.from({ length: Math.ceil(3_000_000 / text.length) }, () => text);
    const first = findEntities(text);
    expect(first.length).toBeGreaterThan(10);
    for (const t of batch) expect(findEntities(t)).toEqual(first);
  });
});

describe('loadGazetteer validation', () => {
  const write = (yaml: string) => {
    const path = join(mkdtempSync(join(tmpdir(), 'gazetteer-')), 'g.yaml');
    writeFileSync(path, yaml);
    return path;
  };

  it('refuses a bad kind and names the line', () => {
    const path = write('entities:\n  - { key: a, name: A, kind: company }\n  - { key: b, name: B, kind: planet }\n');
    expect(() => loadGazetteer(path)).toThrow(/g\.yaml:3:.*kind/s);
  });

  it('refuses an alias claimed by two entities and an unknown parent', () => {
    const path = write('entities:\n  - { key: a, name: Acme, kind: company }\n  - { key: b, name: B, kind: company, aliases: [ACME], parent: zz }\n');
    expect(() => loadGazetteer(path)).toThrow(/both a and b.*unknown parent "zz"|unknown parent "zz".*both a and b/s);
  });

  it('shares cue lists and fields through anchors and merge keys, however often they are used', () => {
    const teams = Array.from({ length: 150 }, (_, i) => `  - { <<: *team, name: Team ${i} }`).join('\n');
    const path = write(`entities:\n  - { key: league, name: League, kind: other, cues: &cues [game, season] }\n  - &team { name: Team X, kind: other, parent: league, cues: *cues }\n${teams}\n`);
    const team = loadGazetteer(path).get('team-149');
    expect(team?.parent).toBe('league');
    expect(team?.cues).toEqual(['game', 'season']);
  });

  it('adds an amendment’s context rules to the entry it names, and refuses one for an unknown key', () => {
    const path = write('entities:\n  - { key: acme, name: Acme, kind: company }\namend:\n  - { key: acme, ambiguous: [Acme], notNear: [index] }\n');
    expect(loadGazetteer(path).findEntities('Acme said it would cut jobs.')).toHaveLength(1);
    expect(loadGazetteer(path).findEntities('The Acme index fell.')).toHaveLength(0);
    expect(() => loadGazetteer(write('entities:\n  - { key: a, name: A, kind: company }\namend:\n  - { key: zz, notNear: [index] }\n'))).toThrow(/g\.yaml:4:.*unknown key "zz"/s);
  });

  it('caches the matcher per file', () => {
    const path = write('entities:\n  - { key: acme, name: Acme, kind: company }\n');
    expect(loadGazetteer(path)).toBe(loadGazetteer(path));
    expect(loadGazetteer(path).findEntities('Acme rose')).toHaveLength(1);
  });
});
