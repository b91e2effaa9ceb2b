import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadGazetteer, lookupOutlet } from '../../../src/text/gazetteer';

// Disambiguation, model versions and the outlet registry. Sentences marked "real" are quoted
// from test/fixtures/extract/benchmark-articles.json; the others are written to isolate one rule.
const articles = JSON.parse(readFileSync(new URL('../../fixtures/extract/benchmark-articles.json', import.meta.url), 'utf8')).articles as Record<string, { articleBody: string }>;
const body = (prefix: string) => Object.entries(articles).find(([id]) => id.startsWith(prefix))![1].articleBody;
const g = loadGazetteer();
const linked = (text: string) => g.findEntityMentions(text).mentions.map((m) => m.key);
const refusal = (text: string, key: string) => g.findEntityMentions(text).refused.find((r) => r.key === key)?.reason;

describe('registry', () => {
  it('holds at least 2,000 entries of every kind, with sourced ids', () => {
    const count = (kind: string) => g.entities.filter((e) => e.kind === kind).length;
    expect(g.entities.length).toBeGreaterThanOrEqual(2000);
    expect(count('company')).toBeGreaterThanOrEqual(800);
    expect(count('outlet')).toBeGreaterThanOrEqual(300);
    expect(count('agency')).toBeGreaterThanOrEqual(200);
    expect(count('person')).toBeGreaterThanOrEqual(300);
    expect(g.get('boeing')?.ids).toMatchObject({ ticker: 'BA', cik: '12927' });
    expect(g.get('apple')?.ids.cik).toBe('320193');
  });

  it('names a studio by its full name (real, dev-b of eval/entities-labels.json, 098bb3e9…)', () => {
    const pixar = g.findEntityMentions('Disney’s $6.99-a-month service is stocked with movies and TV shows from Pixar Animation, “Star Wars,” Marvel Studios and classic Disney fare.').mentions.find((m) => m.key === 'pixar');
    expect(pixar?.text).toBe('Pixar Animation');
  });

  it('finds the companies and people the old gazetteer missed (real)', () => {
    expect(linked(body('291a8bf3'))).toEqual(expect.arrayContaining(['apple', 'tim-cook', 'salesforce', 'marc-benioff']));
    expect(linked(body('06e5123e'))).toEqual(expect.arrayContaining(['letitia-james', 'wework']));
    expect(linked('Shares of construction goods giant Home Depot are dropping in premarket trading.')).toEqual(['home-depot']);
  });
  it('knows the companies, brands, outlet and person the dev-b windows named that it lacked (real, dev-b of eval/entities-labels.json)', () => {
    expect(linked('Wistron and Global Lighting Technologies are said to be among the suppliers of the keyboards for the smaller notebook.')).toEqual(['wistron']);
    expect(linked('This year we saw Samsung almost fold the Fold, the Motorola Razr make a comeback.')).toEqual(['samsung', 'motorola']);
    expect(linked('A doctor on the scene told Ruptly that he tried to save one of the wounded demonstrators.')).toEqual(['ruptly']);
    expect(linked('Now they’re starting to get attention here in the US, with names like Chime, Varo, SoFi, Current, GoBank.')).toEqual(['united-states', 'varo', 'sofi', 'gobank']);
    expect(linked('Bids came from Turkish-based carrier SunExpress, Kazakhstan’s Air Astana and a third undisclosed buyer.')).toEqual(['kazakhstan', 'air-astana']);
    expect(linked('This partnership further expands the existing global relationship between GE and Ascom.')).toContain('ascom');
    expect(linked('Accelerated cord-cutting has eroded revenue from Disney’s flagship ESPN channels, Disney Channel and other cable networks.')).toEqual(['walt-disney', 'espn', 'disney-channel']);
    // The We Company is WeWork under the name it took in 2019.
    expect(linked('WeWork is now engaging in major cost-cutting measures, including layoffs at Meetup, which it acquired for $200 million in 2017, after the company rebranded itself The We Company.')).toEqual(['wework', 'meetup', 'wework']);
    expect(linked('Taylor Swift might not be able to perform all of her hits due to a legal dispute with Scooter Braun.')).toEqual(['scooter-braun']);
  });
});

describe('disambiguation by context', () => {
  it('PaLM is the model, not West Palm Beach', () => {
    expect(linked('Google announced PaLM 2 at its developer conference.')).toEqual(['google', 'palm']);
    expect(linked('The retiree moved to West Palm Beach last year.')).toEqual([]);
  });

  it('Claude inside a hyphenated first name is not the model', () => {
    expect(linked('Jean-Claude Van Damme starred in the film.')).not.toContain('claude');
    expect(refusal('Jean-Claude Van Damme starred in the film.', 'claude')).toBe('inside a hyphenated name');
    expect(linked('Anthropic said Claude now writes code.')).toEqual(['anthropic', 'claude']);
  });

  it('FT after a number is a unit, FT with a reporting verb is the paper', () => {
    expect(refusal('The wall is 30 FT high.', 'ft')).toBe('unit after a number');
    expect(linked('The wall is 30 FT high, the FT reported.')).toEqual(['ft']);
  });

  it('the Fed Cup is not the Federal Reserve', () => {
    expect(linked('The US team won the Fed Cup.')).not.toContain('us-federal-reserve');
    expect(linked('The Fed raised rates.')).toContain('us-federal-reserve');
  });

  it("Britain's Treasury is not the US Treasury", () => {
    expect(refusal("Britain's Treasury said borrowing rose.", 'us-treasury')).toMatch(/another country/);
    expect(linked('The Treasury said borrowing rose.')).toContain('us-treasury');
  });

  it('Amazon the river, Apple the fruit and Meta the word are not the companies', () => {
    expect(linked('Deforestation along the Amazon river accelerated.')).toEqual([]);
    expect(refusal('She ate an Apple and a pear.', 'apple')).toMatch(/contrary/);
    expect(linked('Meta-analysis of the trials showed no effect.')).toEqual([]);
    expect(linked('Amazon said its Prime subscribers grew.')).toEqual(['amazon']);
    expect(linked('Meta-owned WhatsApp added a feature.')).toEqual(['meta', 'whatsapp']);
  });

  it('a car word near a maker’s name is a cue for the company (real, 2c46804d…)', () => {
    expect(linked("It was ultimately the efforts of a family friend who spotted Webb's Ford sedan and called 911.")).toEqual(['ford-motor']);
  });

  it('a capitalised word after an ambiguous name starts a longer name, unless it is the entity’s cue or another registry name', () => {
    expect(refusal('Apple Hospitality REIT shares rose.', 'apple')).toBe('start of a longer name ("Hospitality")');
    expect(linked('New Price Drop: Apple Watch Series 3 for $169.99.')).toContain('apple');
    expect(linked('King of Monitors: 35% Off Dell Alienware AW3418DW.')).toEqual(['dell-technologies', 'alienware']);
  });

  it('a maker named in a product’s name is the company (real, dev-b of eval/entities-labels.json, 3cb5e2f4…)', () => {
    expect(linked('It comes standard with Apple CarPlay and Android Auto, as well as Nissan Connect.')).toContain('apple');
  });

  it("a team's short name links beside its league or near sports words, not as a common word", () => {
    expect(linked('Anthony Davis scored 34 points in the Lakers’ win over the Thunder. The NBA said so.')).toEqual(['los-angeles-lakers', 'oklahoma-city-thunder', 'nba']);
    expect(linked('Thunder rolled over the hills before dawn.')).toEqual([]);
  });

  it('a cue counts only in the sentence of the mention (real, c50845a7…)', () => {
    expect(linked('NASA wants to advance our goal of sending humans to explore Mars." The five companies join nine others.')).toEqual(['us-nasa']);
    expect(linked('Mars said the company would cut jobs.')).toEqual(['mars']);
  });

  it('a team’s short name after another capitalised word ends a longer name (real, 65ce3a45…)', () => {
    expect(refusal('Threats followed the Nittany Lions’ loss at Minnesota.', 'detroit-lions')).toBe('end of a longer name ("Nittany")');
    expect(linked('The Lions won the game.')).toEqual(['detroit-lions']);
  });

  it('Dow and Nasdaq near index words are the stock indexes, not the companies (real, dev-b of eval/entities-labels.json)', () => {
    // 51374560… and 57d46c9d…
    expect(refusal('Dow component Home Depot reported third-quarter earnings that topped estimates as revenue fell short, sending shares lower ahead of the opening bell.', 'dow')).toBe('contrary context "component"');
    expect(linked('The U.S. benchmark S&P 500 index was little changed, the blue-chip Dow Jones Industrial Average fell and the Nasdaq rose.')).toEqual(['united-states']);
    expect(linked('Dow said it would cut 2,000 jobs.')).toEqual(['dow']);
    expect(linked('Nasdaq said its quarterly revenue rose.')).toEqual(['nasdaq']);
  });

  it('a region or city whose name holds a country’s is a place, not the country (real, dev-b of eval/entities-labels.json, 432362af…)', () => {
    expect(linked('The person, who was not identified, was hospitalized in the county of Huade in north China’s Inner Mongolia Autonomous Region, the news agency said.')).toEqual(['china']);
    expect(linked('Flights from Mexico City to New Mexico and New South Wales.')).toEqual([]);
    expect(linked('Mongolia and Mexico signed the deal.')).toEqual(['mongolia', 'mexico']);
  });

  it('a country opening an institution’s name is part of that name (real, dev-b of eval/entities-labels.json)', () => {
    // 16c30add… and 374ac9a5…
    expect(refusal('The US Embassy in New Delhi maintains its own air quality monitor.', 'united-states')).toBe('part of an institution’s name');
    expect(linked('It comes in addition to five 787 Dreamliner sales earlier this week: two to Biman Bangladesh Airlines and three to the Ghanaian government.')).toEqual([]);
    // Not before a registry name, nor before a capitalised word that ends no institution.
    expect(linked('The US Army said the US Open would go ahead.')).toEqual(['us-army', 'united-states']);
  });

  it('an acronym after a full stop glued to it is a market data code, not the company (real, dev-b of eval/entities-labels.json, 57d46c9d…)', () => {
    expect(refusal('On Wall Street, the Dow Jones Industrial Average .DJI fell 102.2 points, or 0.36%, to 27,934.02.', 'dji')).toBe('market data code');
    expect(linked('DJI makes most of the world’s consumer drones.')).toEqual(['dji']);
  });

  it('a network’s name before a channel number or a market code is a local station (real, dev-b of eval/entities-labels.json)', () => {
    // 51d066b0… and 2c46804d…
    expect(refusal('NBC 5 has edited the video to exclude graphic content and protect the identity of the victim.', 'nbc-news')).toBe('local station');
    expect(refusal('CBS DFW reports the man who kidnapped the child, Michael Webb, was sentenced to life in federal prison.', 'cbs-news')).toBe('local station');
    expect(linked('CBS and NBC aired the debate; CBS News said 9 million watched.')).toEqual(['cbs-news', 'nbc-news', 'cbs-news']);
  });

  it('a country whose name is also a word is the country in a list beside another country (real, dev of eval/entities-labels.json, 9a440270…)', () => {
    expect(linked('Path C: Scotland, Norway, Serbia, Bulgaria/Israel/Hungary/Romania* Path D: Georgia, North Macedonia, Kosovo, Belarus')).toContain('georgia-country');
    // Not beside a US state, nor beside another name that is also a word.
    expect(linked('Flights from Atlanta, Georgia and Florida were cancelled.')).toEqual([]);
    expect(linked('Chad and Jordan went to school together.')).toEqual([]);
  });

  it('a dateline in capitals names its country in capitals (real, dev-b of eval/entities-labels.json, 5ae11e58…)', () => {
    expect(linked('BAAR, SWITZERLAND Based on Ascom’s connectivity, clinical workflow and mobility expertise, the solution provides clinicians with data.')).toEqual(['switzerland', 'ascom']);
    expect(linked('The word CHINA was printed on the plate.')).toEqual([]);
  });

  it('a later bare surname is the person named in full before (real)', () => {
    const text = body('291a8bf3');
    const cook = g.findEntityMentions(text).mentions.filter((m) => m.key === 'tim-cook');
    expect(cook.length).toBeGreaterThanOrEqual(3);
    expect(cook.some((m) => m.text === 'Cook' && m.reason === 'later mention of Tim Cook')).toBe(true);
    // Without "Tim Cook" first, "Cook" alone links to nobody.
    expect(linked('Cook said the company would adapt.')).toEqual([]);
  });
});

describe('AI models with versions', () => {
  const models = (text: string) => g.findEntityMentions(text).mentions.filter((m) => m.entity.kind === 'model').map((m) => [m.entity.name, m.entity.parent]);

  it('recognises versioned names by pattern and links the developer', () => {
    expect(models('Anthropic released Claude Opus 4.7 and Claude 3.5 Sonnet.')).toEqual([
      ['Claude Opus 4.7', 'anthropic'],
      ['Claude 3.5 Sonnet', 'anthropic'],
    ]);
    expect(models('GPT-4o and GPT-4o mini beat GPT-4.')).toEqual([
      ['GPT-4o', 'openai'],
      ['GPT-4o mini', 'openai'],
      ['GPT-4', 'openai'],
    ]);
    expect(models('Google shipped Gemini 2.5 Pro; Meta released Llama 3.1 405B; DeepSeek-R1 followed.')).toEqual([
      ['Gemini 2.5 Pro', 'google'],
      ['Llama 3.1 405B', 'meta'],
      ['DeepSeek-R1', 'deepseek'],
    ]);
  });

  it('takes a bare o3 only with OpenAI in the text', () => {
    expect(models('OpenAI said o3 beats o1 on the benchmark.').map(([name]) => name)).toEqual(['o3', 'o1']);
    expect(models('Press o3 on the remote.')).toEqual([]);
  });

  it('knows a pattern model by key afterwards, with its developer as parent', () => {
    g.findEntities('Claude Opus 4.7 was released.');
    expect(g.get('claude-opus-4-7')).toMatchObject({ kind: 'model', parent: 'anthropic', source: 'pattern' });
  });
});

describe('outlet registry with its own trust', () => {
  it('resolves outlets by alias and short name with owner, trust and reasons', () => {
    const wsj = lookupOutlet('WSJ');
    expect(wsj).toMatchObject({ entity: { key: 'wsj' }, owner: 'News Corp', trust: 100 });
    expect(lookupOutlet('the Journal')?.entity.key).toBe('wsj');
    const rt = lookupOutlet('RT')!;
    expect(rt.trust).toBeLessThan(40);
    expect(rt.reasons.join(' ')).toMatch(/false content/);
    expect(lookupOutlet('PR Newswire')).toMatchObject({ trust: 40, reasons: [expect.stringMatching(/press releases/)] });
    expect(lookupOutlet('Apple')).toBeUndefined();
  });

  it('holds at least 300 outlets, each with an owner', () => {
    const outlets = g.entities.filter((e) => e.kind === 'outlet');
    expect(outlets.length).toBeGreaterThanOrEqual(300);
    expect(outlets.filter((o) => !o.owner)).toEqual([]);
  });
});

describe('first names without parsing each word', () => {
  it('reads a word as compromise would, by lexicon or by one remembered parse', async () => {
    const { default: nlp } = await import('compromise');
    const { isFirstName } = await import('../../../src/text/entities/tagger');
    for (const word of ['Marcelo', 'Kylie', 'Will', 'Swift', 'Houston', 'André', 'Jean-Julien', 'James.', 'Rudolph’s', 'Olá', 'Nadal']) {
      expect(isFirstName(word), word).toBe(nlp(word).has('#FirstName'));
      expect(isFirstName(word), word).toBe(nlp(word).has('#FirstName'));
    }
  });
});
