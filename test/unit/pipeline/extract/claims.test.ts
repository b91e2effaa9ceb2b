import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findEntities } from '../../../../src/text/gazetteer';
import { assessSentences, extractClaims, isQuoteTail, MAX_CLAIMS_PER_ARTICLE, notCheckWorthy } from '../../../../src/pipeline/extract/claims';
import { relateClaims } from '../../../../src/pipeline/verify/claim-matching';

const articles = JSON.parse(readFileSync(new URL('../../../fixtures/extract/benchmark-articles.json', import.meta.url), 'utf8')).articles as Record<
  string,
  { articleBody: string }
>;
const body = (prefix: string) => Object.entries(articles).find(([id]) => id.startsWith(prefix))![1].articleBody;
const claimsOf = (prefix: string, title?: string) => {
  const text = body(prefix);
  return extractClaims(text, { title, entityNames: findEntities(text).map((m) => m.name) });
};

describe('extractClaims on real articles', () => {
  it('leads with the Reuters scoop, hedged and attributed (VentureBeat copy of Reuters)', () => {
    const claims = claimsOf('06e5123e');
    expect(claims[0].text.startsWith('The New York State Attorney General (NYAG) is investigating WeWork')).toBe(true);
    expect(claims[0]).toMatchObject({ hedged: true, stance: 'supports', attribution: { origin: 'Reuters', cue: 'dateline' } });
    expect(claims[0].entityKeys).toEqual(expect.arrayContaining(['us-nyag', 'wework']));
    expect(claims[0].sentence.startsWith('(Reuters) —')).toBe(true);
    expect(claims[0].normalized).toMatch(/^the new york state attorney general nyag is investigating wework/);
  });

  it('keeps to the cap, skips non-answers and never counts an outlet as the subject', () => {
    const claims = claimsOf('06e5123e');
    // Claims with a subject and facts naming no one are capped apart: the second never crowd out the first.
    expect(claims.filter((c) => c.subject).length).toBeLessThanOrEqual(MAX_CLAIMS_PER_ARTICLE);
    expect(claims.filter((c) => !c.subject).length).toBeLessThanOrEqual(MAX_CLAIMS_PER_ARTICLE);
    expect(claims.map((c) => c.text)).not.toContain('A spokesperson for the NYAG declined to comment.');
    for (const c of claims) expect(c.entityKeys).not.toContain('reuters');
    // A fact that names no entity ("The company itself had 12,500 employees on June 30") is a claim all the same.
    expect(claims.some((c) => c.entityKeys.length === 0 && c.subject === undefined)).toBe(true);
  });

  it('prefers the lead to the headline that states the same claim (TechCrunch)', () => {
    const title = 'New York State Attorney General reportedly investigating WeWork';
    const claims = claimsOf('1ace8c85', title);
    // The headline and the first sentence make one claim: the lead's sentence is kept, once.
    expect(claims[0]).toMatchObject({
      sentence: 'WeWork is reportedly being investigated by the New York State Attorney General.',
      subject: { key: 'us-nyag' },
      predicate: 'investigated',
      objects: [{ key: 'wework', name: 'WeWork' }],
      polarity: 'affirmed',
      hedge: { cues: ['reportedly'], strength: 'strong' },
    });
    expect(claims.some((c) => c.sentence === title)).toBe(false);
    // With no lead restating it, the headline stands.
    expect(extractClaims('Unrelated text follows here.', { title, entityNames: ['WeWork'] })[0]).toMatchObject({ sentence: title, predicate: 'investigated' });
  });

  it('requires one of the given entity names, or a subject the registry lacks, of a claim that names any', () => {
    const claims = extractClaims(body('06e5123e'), { entityNames: ['SoftBank'] });
    expect(claims.length).toBeGreaterThan(0);
    expect(claims.every((c) => c.entityKeys.length === 0 || c.entityKeys.includes('softbank') || c.subject?.candidate)).toBe(true);
    expect(claims.some((c) => c.entityKeys.includes('us-nyag') && !c.entityKeys.includes('softbank'))).toBe(false);
  });
});

describe('extractClaims filters (constructed)', () => {
  const opts = { entityNames: ['OpenAI', 'Acme Robotics'] };
  it('skips questions, boilerplate and fragments', () => {
    expect(extractClaims('Will OpenAI release GPT-5 this year at its developer event?', opts)).toEqual([]);
    expect(extractClaims('Subscribe to our newsletter for more OpenAI news every single day.', opts)).toEqual([]);
    expect(extractClaims('OpenAI did.', opts)).toEqual([]);
  });

  it('matches names the gazetteer does not know and keys them by slug', () => {
    const [claim] = extractClaims('Acme Robotics announced a $20 million funding round on Tuesday.', opts);
    expect(claim.entityKeys).toEqual(['acme-robotics']);
  });
});

describe('check-worthiness (sentences quoted in the report of real output)', () => {
  it('refuses opinion, imperatives, speculation, background, headings and advertising', () => {
    expect(notCheckWorthy('Whether Jassy intended that outcome is a genuinely open question.')).toBe('speculation');
    expect(notCheckWorthy('Watch whether Anthropic publicly distances itself from Amazon.')).toBe('imperative');
    expect(notCheckWorthy('Regulators should look hard at this deal.')).toBe('opinion');
    expect(notCheckWorthy('Security concerns may have been raised in discussions.')).toBe('speculation');
    expect(notCheckWorthy('Amazon is one of the largest cloud providers in the world.')).toBe('background');
    expect(notCheckWorthy('What the deal means for cloud customers')).toBe('heading');
    expect(notCheckWorthy('Use promo code AI20 for a free trial of our newsletter.')).toBe('advertising or call to action');
  });

  it('keeps reported facts, including a company’s quoted statement', () => {
    expect(notCheckWorthy('Amazon invested $4 billion in Anthropic, according to a filing.')).toBeUndefined();
    expect(notCheckWorthy('“We received an inquiry from the office of the New York State Attorney General and are cooperating in the matter,” said a WeWork spokesperson.')).toBeUndefined();
  });

  it('gives a claim its structure, amounts in base units, and an object the registry lacks', () => {
    const [claim] = extractClaims('Home Depot agreed to acquire SRS Distribution for $18.25 billion on March 28, 2024.', { entityNames: [] });
    expect(claim).toMatchObject({
      // Home Depot is in the registry (S&P 500 list); SRS Distribution is not, so it is proposed.
      subject: { key: 'home-depot', name: 'The Home Depot' },
      predicate: 'acquired',
      objects: [{ key: 'srs-distribution', candidate: true }],
      amounts: [{ value: 18.25e9, unit: 'USD', text: '$18.25 billion' }],
      dates: [{ value: '2024-03-28' }],
      polarity: 'affirmed',
    });
    const [softbank] = extractClaims('SoftBank agreed to inject $6.5 billion in debt and equity into WeWork.', { entityNames: [] });
    expect(softbank).toMatchObject({ subject: { key: 'softbank' }, predicate: 'invested', amounts: [{ value: 6.5e9, unit: 'USD' }] });
  });
});

describe('facts outside the action vocabulary', () => {
  // "Croatia secured its spot with a 3-1 victory against Slovakia." is a sentence of the
  // article-extraction benchmark (item 9a440270…, MIT); the other sentences are constructed variations.
  const croatia = 'Croatia secured its spot with a 3-1 victory against Slovakia.';
  it('keeps a stated fact with a number, a date or a second party, and refuses plans and quotes', () => {
    const [fact] = extractClaims(croatia, { entityNames: [] });
    expect(fact).toMatchObject({ subject: { name: 'Croatia' }, objects: [{ name: 'Slovakia' }], polarity: 'affirmed' });
    expect(fact.predicate).toBeUndefined();
    expect(extractClaims('Croatia will face Slovakia in a qualifier on Tuesday.', { entityNames: [] })).toEqual([]);
    expect(extractClaims('“We were the better side for 90 minutes and we deserved it,” Croatia’s coach said on Tuesday.', { entityNames: [] })).toEqual([]);
  });

  it('matches the same fact by subject, wording and agreeing numbers; disagreeing numbers contradict', () => {
    expect(relateClaims(croatia, 'Croatia secured its spot at Euro 2020 with a 3-1 victory against Slovakia on Saturday.')).toBe('same');
    expect(relateClaims('Croatia secured its spot with 20 percent of the votes against Slovakia.', 'Croatia secured its spot with 30 percent of the votes against Slovakia.')).toBe('contradicts');
    expect(relateClaims(croatia, 'Croatia lost to Wales in a friendly in Cardiff in 2019.')).toBe('unrelated');
  });
});

describe('a claim that names no one is about the article’s main entity', () => {
  it('takes the entity the article’s claims name most, and only one named more than once', async () => {
    const { claimTopics } = await import('../../../../src/pipeline/verify/verify-event');
    const text =
      'Boeing said on Monday it had lost contact with a test aircraft over the Pacific. ' +
      'Boeing confirmed on Tuesday that 12 people were on board the 777X test aircraft. ' +
      'A search of the area yielded debris from 3 ships on March 9. ' +
      'Vietnam sent 12 ships to the area on Monday.';
    const claims = extractClaims(text, { entityNames: [] });
    const unnamed = claims.find((c) => c.text.startsWith('A search of the area'));
    expect(unnamed?.subject).toBeUndefined();
    expect(unnamed?.about?.key).toBe('boeing');
    expect(claimTopics(unnamed!)).toEqual(['boeing']);
    const named = claims.find((c) => c.text.startsWith('Vietnam'));
    expect(named?.about).toBeUndefined();
    expect(extractClaims('A search of the area yielded debris from 3 ships on March 9.', { entityNames: [] })[0]?.about).toBeUndefined();
  });
});

describe('demonyms', () => {
  it('name their country in a claim’s structure, so "Chinese" and "China" are one party', async () => {
    const { claimStructure } = await import('../../../../src/pipeline/extract/claim-structure');
    expect(claimStructure('There were 227 passengers on flight MH370, many of them Chinese.').objects.concat(claimStructure('There were 227 passengers on flight MH370, many of them Chinese.').subject ?? []).map((e) => e.key)).toContain('china');
    expect(relateClaims('There were 227 passengers on flight MH370, many of them Chinese.', 'Flight MH370 vanished en route from Kuala Lumpur to Beijing on 8 March with 239 passengers on board.')).toBe('contradicts');
  });
});

describe('who a claim is about, read in the article', () => {
  it('takes a bare surname for the person the article named in full, also opening a sentence', async () => {
    const { claimStructure } = await import('../../../../src/pipeline/extract/claim-structure');
    expect(claimStructure('The top-ranked Nadal earlier defeated Khachanov 6-3, 7-6 (7) to level the series.', [], ['Rafael Nadal']).subject).toMatchObject({ key: 'rafael-nadal', name: 'Rafael Nadal' });
    expect(claimStructure('Garrett hit Rudolph in the head with the helmet on Thursday.', [], ['Myles Garrett', 'Mason Rudolph']).subject?.key).toBe('myles-garrett');
    expect(claimStructure('Garrett hit Rudolph in the head with the helmet on Thursday.').subject?.key).not.toBe('myles-garrett');
    expect(claimStructure('Yet Sondland has already amended his testimony once.', [], ['Gordon Sondland']).subject?.name).toBe('Gordon Sondland');
  });
  it('takes a bare surname for the registry person the article named in full, before a proposed name', async () => {
    const { claimStructure } = await import('../../../../src/pipeline/extract/claim-structure');
    const sentence = 'The top-ranked Nadal earlier defeated Khachanov 6-3, 7-6 (7) to level the series.';
    expect(claimStructure(sentence, ['Rafael Nadal'], ['Karen Khachanov']).subject).toMatchObject({ key: 'rafael-nadal', name: 'Rafael Nadal' });
    expect(claimStructure(sentence, [], ['Karen Khachanov']).subject?.name).toBe('Karen Khachanov');
    expect(claimStructure('The news came a month after Van Der Beek announced that Kimberly was expecting.', [], ['James Van Der Beek']).subject?.name).toBe('James Van Der Beek');
    expect(claimStructure('James became the first player in NBA history to record a triple-double against every team.', ['LeBron James', 'National Basketball Association']).subject?.name).toBe('LeBron James');
  });
  it('prefers a name the tagger proposed over a registry entity later in the clause', async () => {
    const { claimStructure } = await import('../../../../src/pipeline/extract/claim-structure');
    const sentence = 'Then, last week, Taylor Swift posted on Twitter accusing Big Machine of trying to stop her performing her old songs.';
    expect(claimStructure(sentence, [], ['Taylor Swift']).subject?.name).toBe('Taylor Swift');
    // A capitalised run nobody proposed is weaker than the registry's entity.
    expect(claimStructure(sentence).subject?.name).not.toBe('Taylor Swift');
  });
  it('takes the person, not the organisation describing them ("State Department official David Holmes")', async () => {
    const { claimStructure } = await import('../../../../src/pipeline/extract/claim-structure');
    expect(claimStructure('Last week State Department official David Holmes revealed one of those interactions to impeachment investigators.', [], ['David Holmes']).subject?.name).toBe('David Holmes');
    // Names joined by other words both act: the first stays the subject.
    expect(claimStructure('Granollers and Lopez defeated Karen Khachanov and Andrey Rublev 6-4, 7-6 (5) to seal the victory for the hosts in the deciding doubles match.', [], ['Marcel Granollers', 'Feliciano Lopez', 'Karen Khachanov', 'Andrey Rublev']).subject?.name).toBe('Marcel Granollers');
  });
  it('reads an action named as a noun as no verb: the clause opens with its subject', async () => {
    const { claimStructure } = await import('../../../../src/pipeline/extract/claim-structure');
    const structure = claimStructure("Separately, the US is seeking Assange's extradition from the UK over his alleged role in the release of classified documents.");
    expect(structure.subject?.key).toBe('united-states');
    expect(structure.objects.map((o) => o.key)).toContain('united-kingdom');
  });
  it('finds the action outside a relative clause that describes the subject', async () => {
    const { predicateOf } = await import('../../../../src/pipeline/extract/claim-structure');
    expect(predicateOf('Assange, who denies the accusation, has avoided extradition to Sweden for seven years.')).toBeUndefined();
    expect(predicateOf('Assange, who lives in London, denied the accusation.')?.predicate).toBe('denied');
  });
});

describe('sentences refused before any weighing', () => {
  const refusal = (text: string) => assessSentences(text, { entityNames: [] }).map((a) => a.refused);

  it('refuses the tail of a quotation opened in an earlier sentence, not a quote that opens in the sentence', () => {
    // The rescue video report of the claims set's dev-b part (NBC DFW) and a Hill report on South Dakota's slogan (dev-b).
    const rescue = '"Hey, here she is. Got her!" an officer said.';
    expect(refusal(rescue)).toEqual(['length', 'quote tail']);
    expect(isQuoteTail('OUT,” Noem tweeted Monday night.')).toBe(true);
    // A trade-talks report (dev-b): a straight quote mark closing after a word.
    expect(isQuoteTail('Bigger than just the little deal" announced in October, said Derek Scissors, a China scholar.')).toBe(true);
    expect(isQuoteTail('Apple was "pulled into the enterprise," CEO Tim Cook said Tuesday in a fireside chat.')).toBe(false);
    expect(isQuoteTail('“We received an inquiry from the office of the New York State Attorney General,” said a WeWork spokesperson.')).toBe(false);
  });

  it('refuses what the writer says is not known, a row of figures and a copyright line', () => {
    // A MacRumors report and an LA Times report on the Disney+ launch (the claims set's dev-b part).
    expect(notCheckWorthy('It is unclear if the 13-inch MacBook Pro will follow suit.')).toBe('open question');
    expect(notCheckWorthy('An undisclosed number of customers signed up for the free weeklong trial, although it is not clear how many have converted to paid subscribers.')).toBe('open question');
    // A Fox Business report's stock table (dev-b) and a Hawaii News Now report's footer (dev).
    expect(notCheckWorthy("225.86 -12.99 -5.44% LOW LOWE'S COMPANIES INC.")).toBe('table');
    expect(notCheckWorthy('Copyright 2019 Hawaii News Now.')).toBe('advertising or call to action');
    // A headline in capitals is judged on its words.
    expect(notCheckWorthy('WEWORK TO CUT 2,400 JOBS', { heading: true })).toBeUndefined();
  });

  it('refuses a call to sign up, not a report of a company signing up customers', () => {
    expect(notCheckWorthy('Sign up for our newsletter to get the latest deals every week.')).toBe('advertising or call to action');
    // An LA Times report on the Disney+ launch (the claims set's dev-b part).
    expect(notCheckWorthy('Disney’s tech teams isolated the problem, Mayer said, and “patched” the software as the company continued to sign up additional subscribers throughout the week.')).toBeUndefined();
  });

  it('refuses a modal guess or hypothetical in the writer’s voice, not one a source is reported to have made', () => {
    // A MacRumors report on the 13-inch MacBook Pro and a City A.M. report on Alibaba's listing (dev-b).
    const [guess] = refusal('Given the tried-and-tested design, the keyboard should prove far more reliable than the troublesome butterfly keyboards used across the MacBook lineup in recent years.');
    expect(guess).toBe('guess or condition');
    expect(refusal('It would be hardly surprising if Apple completely moves past its butterfly keyboards, which have suffered from sticky keys since 2016.')).toEqual(['guess or condition']);
    // MH370 reports (the claims set's pairs): a source's stated intention, and a guess added to a stated fact.
    expect(refusal("Prime Minister Tony Abbott told Parliament on Monday afternoon that Australia would co-ordinate operations in the search area.")).toEqual([undefined]);
    expect(refusal('Still, Mr. Garrett has been suspended without pay by the league for the rest of the season and may receive further discipline.')).toEqual([undefined]);
    // "May" is a month.
    expect(refusal('The entry-level 13-inch MacBook Pro was last updated in July, while higher-end models were refreshed in May.')).toEqual([undefined]);
  });

  it('weighs what a rule, bill or deal would do, which its text states, instead of refusing it as a guess (constructed)', () => {
    expect(refusal('The proposed rule would require public companies to disclose their greenhouse gas emissions.')).toEqual([undefined]);
    expect(refusal('Under the settlement, Boeing would pay $2.5 billion to airlines and families.')).toEqual([undefined]);
    expect(refusal('The bill would ban TikTok from government devices.')).toEqual([undefined]);
    expect(refusal('The new keyboard would feel better than the old one.')).toEqual(['guess or condition']);
  });
});
