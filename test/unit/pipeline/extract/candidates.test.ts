// Candidate entities from real sentences of the article-extraction benchmark
// (articles/article-extraction-benchmark/ground-truth.json, MIT; item 51374560…, a report of Home
// Depot's third-quarter results), quoted here.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { proposeCandidates } from '../../../../src/pipeline/extract/candidates';
import { loadGazetteer } from '../../../../src/text/gazetteer';

/** The kind and name of each candidate proposed for a text. */
const kindsAndNames = (text: string) => proposeCandidates(text, loadGazetteer()).map((c) => [c.kind, c.name]);

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

// Real sentences of the same benchmark: a Madrid-datelined Davis Cup report (0d461229…), an
// Assange report (c7e39ac4…), a Columbus, Indiana police report (961bd85c…), a Houston car-sales
// report (9ebb3af6…) and a James Van Der Beek report (7dfc3e35…), quoted here.
describe('proposeCandidates on names the tagger cuts or places it takes for names', () => {
  const names = (text: string) => proposeCandidates(text, loadGazetteer()).map((c) => c.name);

  it('drops datelines, places read by their context and events', () => {
    // Rafael Nadal is in the registry, so no candidate.
    expect(names('MADRID — Rafael Nadal kept Spain’s hopes alive, then Marcel Granollers and Feliciano Lopez teamed up to give the hosts a 2-1 win over Russia in the inaugural Davis Cup Finals.')).toEqual(['Marcel Granollers', 'Feliciano Lopez']);
    expect(names('New vehicle sales in the Houston area plunged 10 percent last month.')).toEqual([]);
    expect(names('Officers also arrested Christopher L. Tays, 32, of Franklin, on several charges.')).toEqual(['Christopher L. Tays']);
  });

  it('drops streets but keeps an organisation named after a city (constructed sentences)', () => {
    expect(names('Witnesses near the Comptoir on Boulevard Voltaire saw Bernard Cazeneuve arrive.')).toEqual(['Bernard Cazeneuve']);
    expect(names('Officers of the Fort Worth Police Department arrived.')).toEqual(['Fort Worth Police Department']);
  });

  it('keeps hyphenated names whole and joins a possessive organisation name', () => {
    expect(names('The decision was taken by Deputy Director of Public Prosecution Eva-Marie Persson.')).toContain('Eva-Marie Persson');
    expect(names('Granollers and Lopez defeated Karen Khachanov and Roberto Bautista-Agut.')).toContain('Roberto Bautista-Agut');
    expect(names('A Bartholomew County Sheriff’s Department canine later alerted to the odor of narcotics.')).toEqual(['Bartholomew County Sheriff’s Department']);
  });

  it('strips listing words run into a name and counts a later multi-word surname as the same person', () => {
    expect(names('Caroline Hawley Timeline')).toEqual(['Caroline Hawley']);
    const proposed = proposeCandidates('James Van Der Beek has been eliminated. Van Der Beek said the news was hard.', loadGazetteer());
    expect(proposed.map((c) => [c.name, c.mentions])).toEqual([['James Van Der Beek', 2]]);
  });

  it('counts a name cut off at the end of a truncated text for the person it starts', () => {
    // The Columbus police report (961bd85c…) as the benchmark window cuts it.
    const proposed = proposeCandidates('Officers later arrested Elizabeth A. Burton, 32. Police are seeking holds on the following preliminary charges: Elizabeth A. Bu', loadGazetteer());
    expect(proposed.map((c) => [c.name, c.mentions])).toEqual([['Elizabeth A. Burton', 2]]);
  });
});

// Real sentences of the same benchmark's other articles: a Browns–Steelers report (08f79376…), a
// Kabul kidnapping report (a1fca19b…), a Louisiana election report (04a6711c…) and a Florida
// study (3c5bf8db…), quoted here.
describe('proposeCandidates on qualifiers before a name and organisations named "… of …"', () => {
  const names = (text: string) => proposeCandidates(text, loadGazetteer()).map((c) => c.name);

  it('strips a party, a courtesy title, a demonym and a team position before a person', () => {
    expect(names('Browns DL Sheldon Richardson was flagged.')).toEqual(['Sheldon Richardson']);
    expect(names('American Kevin King was released with Australian Timothy Weeks.')).toEqual(['Kevin King', 'Timothy Weeks']);
    expect(names('Republican Phil Bryant is term-limited. Mr. Phil Bryant did not run.')).toEqual(['Phil Bryant']);
  });

  it('keeps "of" and what follows in an organisation name, and drops common words in capitals', () => {
    expect(names('Paul Torrey of the University of Florida led the study.')).toContain('University of Florida');
    expect(names('VOTE for the team. CLICK here.')).toEqual([]);
  });
});

// Real sentences of the same benchmark: a hockey round-up (ecb46e3e…), a coronavirus report
// (ea25dd7e…), a New Jersey dressage report (e1cd54e5…) and a Coty report (ffc109d4…), quoted here.
describe('proposeCandidates on places run into names', () => {
  const names = (text: string) => proposeCandidates(text, loadGazetteer()).map((c) => c.name);

  it('strips a city before a person, reads state codes as places and keeps "for … and …" in a name', () => {
    expect(names('Pittsburgh Brock Nelson scored twice.')).toEqual(['Brock Nelson']);
    expect(names('GLADSTONE, NJ - Steffen Peters rode first.')).toEqual(['Steffen Peters']);
    expect(names('The Chinese Center for Disease Control and Prevention said it had conducted investigations.')).toEqual(['Chinese Center for Disease Control and Prevention']);
  });

  it('joins a first name and a surname the tagger reads as a common word', () => {
    // The NASCAR standings of the same benchmark (11ea381a…), quoted here: "Drew" reads as a verb.
    expect(names('36 Andy Seuss 9 0 0 0 0 37 Drew Herring 8 0 0 0 0 38 Blake Jones 6 0 0 0 0')).toEqual(['Andy Seuss', 'Drew Herring', 'Blake Jones']);
  });

  it('joins a hyphenated first name only when both parts are first names', () => {
    expect(names('The Coty-Kylie Jenner deal closed. Kylie Jenner said so.')).toEqual(['Kylie Jenner']);
  });
});

describe('proposeCandidates on an employer named before a role', () => {
  it('reads a name before "analyst" as an organisation', () => {
    // Real sentence of the same benchmark's Home Depot report (f8ff621a…), quoted here.
    const proposed = proposeCandidates('In a research report early Tuesday, Jefferies analyst Jonathan Matuszewski said the market is mispricing the stock.', loadGazetteer());
    expect(proposed.map((c) => [c.kind, c.name])).toEqual([
      ['organization', 'Jefferies'],
      ['person', 'Jonathan Matuszewski'],
    ]);
  });
});

// Real sentences of the same benchmark: a Taylor Swift report (70cb2d5b…), a Lexus report
// (aadb38e5…), a Stadia report (8267acac…), a Davis Cup report (0d461229…), a Europa report
// (f344ca5f…), a Coty report (ffc109d4…) and a migrant-camp report (abd9d629…), quoted here.
describe('proposeCandidates on what the words around a name say it is', () => {
  it('reads a name after a role or a title, or before a role, as a person', () => {
    // Scooter Braun is in the bundled registry now: a registry without him shows the tagger's reading.
    const path = join(mkdtempSync(join(tmpdir(), 'candidates-')), 'r.yaml');
    writeFileSync(path, 'entities:\n  - { key: big-machine, name: Big Machine Records, kind: company, aliases: [Big Machine] }\n');
    expect(proposeCandidates('Big Machine was bought out by a company owned by talent manager Scooter Braun earlier this year.', loadGazetteer(path)).map((c) => [c.kind, c.name])).toContainEqual(['person', 'Scooter Braun']);
    expect(kindsAndNames('In order to make up for the lack of a roof, Lexus Project Manager Fumihiko Hazama shared with AutoIndustriya.com that they have improved the cabin.')).toEqual([
      ['person', 'Fumihiko Hazama'],
      ['organization', 'AutoIndustriya.com'],
    ]);
    expect(kindsAndNames('"This is how epidemics begin," Dr. Luz Contreras Arroyo, a member of the group, said.')).toEqual([['person', 'Luz Contreras Arroyo']]);
  });

  it('reads a name that the text calls a journal, a developer, a group or an employer as an organisation', () => {
    expect(kindsAndNames('The discovery was announced in an article published Monday in the journal Icarus.')).toEqual([['organization', 'Icarus']]);
    expect(kindsAndNames("Only one title at launch is exclusive to the service, indie developer Tequila Works' Gylt.")).toEqual([['organization', 'Tequila Works']]);
    expect(kindsAndNames('It is the result of a 25-year partnership with Kosmos, a group co-founded by a soccer player.')).toEqual([['organization', 'Kosmos']]);
    expect(kindsAndNames('The doctors, members of a recently formed group Doctors for Camp Closure, have offered to help.')).toEqual([['organization', 'Doctors for Camp Closure']]);
    expect(kindsAndNames('Matt Maley, equity strategist at Miller Tabak, says the stock could be a risky bet.')).toEqual([
      ['person', 'Matt Maley'],
      ['organization', 'Miller Tabak'],
    ]);
  });

  it('keeps the words that make an organisation’s name and a credit’s owner in full', () => {
    expect(kindsAndNames('It will house the local police force’s offices, the Interior Ministry said in a statement.')).toEqual([['organization', 'Interior Ministry']]);
    expect(kindsAndNames('Copyright 2019 Hawaii News Now. All rights reserved.')).toEqual([['organization', 'Hawaii News Now']]);
  });
});

// Real sentences of the same benchmark: an eating-disorder article (e593d7fe…), a markets report
// (d605bdef…, 57d46c9d…), a debate preview (aec5deea…), a South Dakota report (776a1c04…), a
// threat-case report (6ebac05f…) and a lunar-lander report (c50845a7…), quoted here.
describe('proposeCandidates on acronyms, capitals and a name written more than one way', () => {
  const names = (text: string) => proposeCandidates(text, loadGazetteer()).map((c) => [c.name, c.mentions]);

  it('counts an acronym the text defines as the organisation it stands for, and drops one that stands for no organisation', () => {
    // Constructed from the Columbus police report (961bd85c…).
    expect(names('Investigators from the Joint Narcotics Enforcement Team (JNET) executed a search warrant. JNET officers found 30 grams.')).toEqual([['Joint Narcotics Enforcement Team', 3]]);
    expect(names('Binge eating disorder (BED) is considered the most common eating disorder. BED is about more than food.')).toEqual([]);
    expect(names("Japan's Nikkei 225 (N225) declined 0.3%, while South Korea's Kospi Index (KOSPI) fell 0.5%.")).toEqual([]);
  });

  it('drops tickers, a line written in capitals and a dateline of several words', () => {
    expect(names('The Dow Jones Industrial Average .DJI fell 102.2 points and the S&P 500 .SPX lost 1.85 points.')).toEqual([]);
    expect(names('Here are some questions heading into the debate: WHO IS THE FRONT-RUNNER? Turbulent polling across the early voting states.')).toEqual([]);
    expect(names('SIOUX FALLS, S.D. – People across the nation are talking.')).toEqual([]);
  });

  it('counts a person or an organisation written another way as the one already proposed', () => {
    expect(names('Patrick Carlineo Jr. was charged. Pat Carlineo said he loved his country.')).toEqual([['Patrick Carlineo Jr.', 2]]);
    expect(names('The five are Sierra Nevada Corp., Ceres Robotics and others: Kent, Washington Ceres Robotics, Palo Alto, California Sierra Nevada Corporation, Louisville.')).toEqual([
      ['Sierra Nevada Corp.', 2],
      ['Ceres Robotics', 2],
    ]);
  });
});

// Real sentences of the same benchmark: a PG&E report (d0382c0d…), a football stats sheet
// (6a72de37…), a Nigerian court report (e7301133…), a Swiss press release (c69e539d…), a markets
// report (57d46c9d…), a design report (33fe2471…) and a Kansas schools report (3ce1c8fd…), quoted here.
describe('proposeCandidates on codes, counts and the words that end a company’s name', () => {
  it('names a company after two things in full', () => {
    expect(kindsAndNames('SAN FRANCISCO (AP) — Pacific Gas & Electric Co. was set to begin shutting off power Wednesday.')).toEqual([['organization', 'Pacific Gas & Electric Co.']]);
  });

  it('drops a count’s unit, a code, a dateline with its country and a code after a name', () => {
    expect(kindsAndNames('DL Myles Garrett 57 77% 1 tackle (1 combined). 3 QH.')).toEqual([['person', 'Myles Garrett']]);
    expect(kindsAndNames('The suit, with Number FHC/ABJ/03/095/2018, was filed on Monday.')).toEqual([]);
    expect(kindsAndNames('BAAR, SWITZERLAND Based on its connectivity, the clinic said.')).toEqual([]);
    expect(kindsAndNames('Brent LCOc1 was last at $60.73, down 2.74% on the day.')).toEqual([]);
  });

  it('reads a name ending in a company word as an organisation, and a place with a compass word as no person', () => {
    expect(kindsAndNames('The collection was made by Peter Koros Design for the hotel.')).toEqual([['organization', 'Peter Koros Design']]);
    expect(kindsAndNames('Ben Patton scored for Wichita North against Wichita East on Friday.')).toEqual([['person', 'Ben Patton']]);
  });
});

// Real sentences of the same benchmark: a debate preview (aec5deea…), a Browns snap-count report
// (6a72de37…), an Indiana teachers report (7de52419…), a markets report (57d46c9d…), an
// advertising report (dfd43bc0…), a newspaper-merger report (8634d121…) and a solar report
// (b0cf2bbf…), quoted here.
describe('proposeCandidates on titles inside a name, market codes and owners before a name', () => {
  it('takes the person after a title or a position written inside the run of capitalised words', () => {
    expect(kindsAndNames('Former Massachusetts Gov. Deval Patrick joined the race.')).toEqual([['person', 'Deval Patrick']]);
    expect(kindsAndNames('Stats S Damarious Randall 74 100% 4 tackles.')).toEqual([['person', 'Damarious Randall']]);
    expect(kindsAndNames('House Speaker Brian Bosma said the session would be short.')).toEqual([['person', 'Brian Bosma']]);
  });

  it('leaves an interview’s question mark out of the name before it (a Q&A of 4648a420…)', () => {
    expect(kindsAndNames('A: Bob Marley, Bruno Mars, Drake, The Eagles, Jay Z, Frank Sinatra Q: Favorite books?')).toEqual([
      ['person', 'Bob Marley'],
      ['person', 'Bruno Mars'],
      ['person', 'Jay Z'],
      ['person', 'Frank Sinatra'],
    ]);
  });

  it('drops market codes, plural abbreviations and an organisation word standing alone', () => {
    expect(kindsAndNames('MSCI’s gauge of stocks across the globe .MIWD00000PUS gained 0.02%. Spot gold XAU= added 0.1%.')).toEqual([]);
    expect(kindsAndNames('The ratio was similar when comparing effective CPMs for paid ad items.')).toEqual([]);
    expect(kindsAndNames('Alden Capital once bid for the Tribune, and the Times followed.')).toEqual([['organization', 'Alden Capital']]);
  });

  it('leaves a known owner out of an organisation’s name and counts its acronym as the organisation', () => {
    const candidates = proposeCandidates('South Korea’s Ministry of Trade, Industry and Energy (MOTIE) has unveiled a plan. MOTIE said the plan would help.', loadGazetteer());
    expect(candidates.map((c) => [c.name, c.mentions])).toEqual([['Ministry of Trade, Industry and Energy', 3]]);
  });
});


describe('proposeCandidates on titles written with a capital and organisations compromise knows', () => {
  it('reads a capitalised role before a name as a title (real, 0dd13570…)', () => {
    expect(kindsAndNames('Senate President Bukola Saraki adjourned plenary on Tuesday.')).toEqual([['person', 'Bukola Saraki']]);
  });

  it('takes an organisation from compromise when nothing else names the kind, but no league division', () => {
    expect(kindsAndNames('The Doobie Brothers will reunite with Michael McDonald for a show.')).toEqual([
      ['organization', 'Doobie Brothers'],
      ['person', 'Michael McDonald'],
    ]);
    expect(kindsAndNames('The Wild moved into first place in the Central Division.')).toEqual([]);
  });

  it('takes an organisation compromise runs into the clause before it (real, 35b15891…)', () => {
    expect(kindsAndNames('CLEVELAND, Ohio – The Doobie Brothers will look to ride a potential Rock and Roll Hall of Fame Induction into a 50th anniversary tour in 2020. And the band will do it with singer Michael McDonald.')).toEqual([
      ['organization', 'Doobie Brothers'],
      ['person', 'Michael McDonald'],
    ]);
  });
});

describe('proposeCandidates on long organisation names', () => {
  it('goes on through "on" and "to" and more than one "of", but not into a date', () => {
    expect(kindsAndNames('The National Institute on Drug Abuse said meth use rose.')).toEqual([['organization', 'National Institute on Drug Abuse']]);
    expect(kindsAndNames('The National Society for the Prevention of Cruelty to Children said so.')).toEqual([['organization', 'National Society for the Prevention of Cruelty to Children']]);
    expect(kindsAndNames('The tour stops at Blossom Music Center on July 22.')).toEqual([['organization', 'Blossom Music Center']]);
  });

  it('takes a shorter later mention of a registry name (as written or as named) for that name', () => {
    expect(kindsAndNames('The Metropolitan Police Service said so. The Police Service then named Kurt Volker.')).toEqual([['person', 'Kurt Volker']]);
  });
});

describe('proposeCandidates on a text cut inside a name', () => {
  it('counts a surname cut at the end for the person it starts (real, 6ebac05f…)', () => {
    const proposed = proposeCandidates('Patrick Carlineo Jr., 55, could face up to 10 years in prison. Sharing my full letter on the sentencing of Patrick W. Carline', loadGazetteer());
    expect(proposed.map((c) => [c.name, c.mentions])).toEqual([['Patrick Carlineo Jr.', 2]]);
  });
});

describe('proposeCandidates on the words after a name', () => {
  const proposed = (text: string) => proposeCandidates(text, loadGazetteer()).map((c) => [c.kind, c.name, c.mentions]);

  it('reads a name before "hospital" or "schools" as an institution, and keeps one candidate for it (real, ef4e67b6…, 7de52419…)', () => {
    expect(proposed('Trump made an unscheduled trip to Walter Reed hospital on Saturday. Now consider his visit to Walter Reed on Saturday.')).toEqual([['organization', 'Walter Reed', 2]]);
    expect(proposed('More than 40 fellow teachers from the Gibson Southern schools near Evansville left early.')).toEqual([['organization', 'Gibson Southern', 1]]);
  });

  it('reads a name before "counties" and a region\'s part as places (real, c467d507…, d0382c0d…)', () => {
    expect(proposed('The virus has been reported in Barry, Berrien, Calhoun, Cass, Kalamazoo and Van Buren counties.')).toEqual([]);
    expect(proposed('The northern Sierra Nevada has seen a fraction of an inch of rain.')).toEqual([]);
  });
});

describe('proposeCandidates on offices, nationalities and roles in apposition', () => {
  it('reads the person after an office named with "of", a nationality or a role and a comma (real, a1fca19b…)', () => {
    expect(kindsAndNames('The report was sent by Director of National Intelligence Dan Coats on Monday.')).toEqual([['person', 'Dan Coats']]);
    expect(kindsAndNames('American Kevin King and Australian Timothy Weeks, both professors, were freed.')).toEqual([
      ['person', 'Kevin King'],
      ['person', 'Timothy Weeks'],
    ]);
    expect(kindsAndNames('The insurgents included the younger brother of the deputy leader, Sirajuddin Haqqani, who heads the network.')).toEqual([['person', 'Sirajuddin Haqqani']]);
  });

  it('reads an office after a title and a bare "of" as part of the title (real, 5ae11e58…)', () => {
    expect(kindsAndNames('“It has the potential to change their practice and improve workflow efficiency” says André Neu, Head of Platform Solutions for Ascom.')).toEqual([['person', 'André Neu']]);
  });

  it('leaves an organisation after a capitalised role and a comma alone (real, 65408257…)', () => {
    expect(kindsAndNames('"Now, we expect broader markets to outperform," said Sanjiv Bhasin, Director, IIFL Securities.')).toContainEqual(['organization', 'IIFL Securities']);
  });
});

// Real sentences of dev-b articles of the entities eval: a Steelers-Browns report (08f79376…),
// Kansas swimming results (3ce1c8fd…), a Nollywood report (34a73285…) and a Bolivia report (4a44ab3e…).
describe('proposeCandidates on positions and titles before a name', () => {
  it('reads a name after a position written in lower case, with or without a comma, as a person', () => {
    expect(kindsAndNames("The Steelers spent Monday trying to distance themselves from Thursday night's fight that led to multi-game suspensions for Browns pass rusher Myles Garrett and Pittsburgh center Maurkice Pouncey.")).toEqual([
      ['person', 'Myles Garrett'],
      ['person', 'Maurkice Pouncey'],
    ]);
    expect(kindsAndNames('5-1A: Salina South diver Keetan Munsell (junior) won the state championship in the event with a score of 409.30.')).toEqual([['person', 'Keetan Munsell']]);
    expect(kindsAndNames('The 47 year old was one of the guests invited to an event by media mogul, Debola Lagos.')).toEqual([['person', 'Debola Lagos']]);
  });

  it('takes the person after an ombudsman or an insider written as a title inside the run', () => {
    expect(kindsAndNames('Public Ombudsman Nadia Cruz’s office said the deaths were caused by gunshot wounds.')).toEqual([['person', 'Nadia Cruz']]);
    expect(kindsAndNames('CBS Sports NFL Insider Jason La Canfora has reported that the NFL will fine Rudolph for his role in the fight.')).toEqual([['person', 'Jason La Canfora']]);
  });
});

// Real sentences of dev-b articles of the entities eval: an Emirates-Boeing report (374ac9a5…), a
// Hong Kong editorial (5fa3154e…) and a Nissan Sentra report (3cb5e2f4…).
describe('proposeCandidates on registry names inside a longer organisation name', () => {
  it('proposes the organisation whose name holds a known country, place or company', () => {
    expect(kindsAndNames('It comes in addition to five 787 Dreamliner sales earlier this week: two to Biman Bangladesh Airlines and three to the Ghanaian government.')).toEqual([['organization', 'Biman Bangladesh Airlines']]);
    expect(kindsAndNames('As the newspaper commentary was published, Hong Kong Polytechnic University was besieged by police.')).toEqual([['organization', 'Hong Kong Polytechnic University']]);
    expect(kindsAndNames('“The lower stance gives Sentra a sexy new look,” said David Kershaw, division vice president, Nissan Sales & Regional Operations at Nissan North America Inc.')).toEqual([
      ['person', 'David Kershaw'],
      ['organization', 'Nissan North America Inc.'],
    ]);
  });

  it('proposes nothing where the rest of the name is only a legal form', () => {
    expect(kindsAndNames('Shares of Apple Inc. rose after Walt Disney Co. said so.')).toEqual([]);
  });
});

// Real sentences of dev-b articles of the entities eval: a MacBook report (232a43fb…), a Delhi
// air report (076f4f33…) and a markets report (57d46c9d…).
describe('proposeCandidates on hyphens', () => {
  it('joins a hyphenated given name after a role', () => {
    expect(kindsAndNames('Apple analyst Ming-Chi Kuo has previously predicted that Apple will transition its entire notebook lineup to scissor switch keyboards in 2020.')).toEqual([['person', 'Ming-Chi Kuo']]);
  });

  it('drops a word a hyphen joins to a place', () => {
    expect(kindsAndNames('In case you are living in Delhi-NCR, chances are you have an app or two to find out the latest air quality index in your area.')).toEqual([]);
    expect(kindsAndNames('MSCI’s broadest index of Asia-Pacific shares outside Japan fell.')).toEqual([]);
  });
});

// Real sentences of a dev-b article of the entities eval: a Disney+ launch report (098bb3e9…).
describe('proposeCandidates on titles in quotes and events', () => {
  it('drops a person’s name alone in double quotes, a title', () => {
    expect(kindsAndNames('Disney’s $6.99-a-month service is stocked with movies and TV shows from Pixar Animation, “Star Wars,” Marvel Studios and classic Disney fare, including “Mary Poppins” and “Bambi.”')).toEqual([]);
  });

  it('drops an acronym alone in double quotes, a show’s title (real, dev of eval/entities-labels.json, 7dfc3e35…)', () => {
    expect(kindsAndNames('The news of the miscarriage came a month after Van Der Beek announced that Kimberly was expecting on a previous episode of “DWTS.”')).not.toContainEqual(['organization', 'DWTS']);
  });

  it('drops a name before "conference"', () => {
    expect(kindsAndNames('“We had some issues,” Mayer, Disney’s chairman of direct-to-consumer and international, said Tuesday at the Vox Media’s Code Media conference in Hollywood.')).toEqual([]);
  });
});

// Real sentences of dev-b articles of the entities eval: a Nigerian Senate report (0dd13570…), a
// Delhi air report (16c30add…) and a NASA lunar landers report (42aad16b…).
describe('proposeCandidates on the words that end the name of a legislature or an office', () => {
  it('reads a name ending in Assembly, Senate, Embassy or Directorate as an organisation', () => {
    expect(kindsAndNames('The National Assembly resumed from its annual recess on Tuesday . Senate resolves to: Observe a minute silence in honour of the departed souls. — The Nigerian Senate (@NGRSenate) October 9, 2018')).toEqual([
      ['organization', 'National Assembly'],
      ['organization', 'Nigerian Senate'],
    ]);
    expect(kindsAndNames('The US Embassy in New Delhi maintains its own air quality monitor.')).toEqual([['organization', 'US Embassy']]);
    expect(kindsAndNames('Steve Clarke, deputy associate administrator for exploration in NASA’s Science Mission Directorate, said in a conference call with media.')).toEqual([
      ['person', 'Steve Clarke'],
      ['organization', 'Science Mission Directorate'],
    ]);
  });
});

describe('proposeCandidates on sites named by their domain', () => {
  it('reads a name with a .info domain as an organisation (real, 1ee91d1f…)', () => {
    expect(kindsAndNames('The Pentagon rejected these accusations as “patently false,” and both independent analysts and sources in the Rukban camp told Polygraph.info the Russian and Syrian claims are false.')).toEqual([['organization', 'Polygraph.info']]);
  });
});

describe('proposeCandidates on a party named with "party" in lower case', () => {
  it('reads an adjective before "party" as a party’s name, a holiday not (real, 5fa3154e…)', () => {
    expect(kindsAndNames('On Monday, the People’s Daily, the mouthpiece of the Communist party, warned that there is “absolutely no room for compromise”.')).toEqual([['organization', 'Communist party']]);
    expect(kindsAndNames('They met at the Christmas party.')).toEqual([]);
  });
});
