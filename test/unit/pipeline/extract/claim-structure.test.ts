import { describe, expect, it } from 'vitest';
import { candidateKey, claimStructure, predicateOf } from '../../../../src/pipeline/extract/claim-structure';

describe('polarity of a sentence without an action', () => {
  // Sentences of the feather-duvet case reports (dev pairs of eval/claims-labels.json).
  it('is read from the first clause: a negation after "but" belongs to its own clause', () => {
    const s = 'His doctor initially thought that the man had a lower respiratory tract infection but contrary to the Howard Jones song, things didn’t get better afterwards.';
    expect(claimStructure(s).polarity).toBe('affirmed');
  });
  it('takes "not only … but" as affirming', () => {
    const s = 'However, it was this type of fluffy bedding that left a man not only breathless but with a serious lung condition, according to a case report published in the journal BMJ Case Reports.';
    expect(claimStructure(s).polarity).toBe('affirmed');
  });
  it('is denied by a negation in the first clause', () => {
    expect(claimStructure('The man did not feel better, but he went back to work.').polarity).toBe('denied');
    expect(claimStructure('The chest X-ray showed nothing unusual; the doctor was not worried.').polarity).toBe('affirmed');
  });
});

describe('predicate cues', () => {
  it('reads "ships" as shipping only as a verb with an object, not the noun in a list', () => {
    // A sentence of the MH370 reports (dev pairs of eval/claims-labels.json).
    expect(predicateOf('The hunt for missing Malaysian Airlines Flight MH370 is on track to cost hundreds of millions of dollars, with 26 countries contributing planes, ships, submarines and satellites.')).toBeUndefined();
    expect(predicateOf('Apple ships the new iPhone on Friday.')?.predicate).toBe('released');
    expect(predicateOf('Apple shipped 10 million phones.')?.predicate).toBe('released');
  });
});

describe('names the registry lacks', () => {
  it('leave out a weekday or month that dates them (constructed)', () => {
    const s = claimStructure('Kurt Volker testified before the House Intelligence Committee Tuesday.');
    expect(s.objects.map((o) => o.name)).toEqual(['House Intelligence Committee']);
    expect(claimStructure('Kurt Volker testified before the House Intelligence Committee.').objects.map((o) => o.key)).toEqual(s.objects.map((o) => o.key));
  });

  it('are one person with or without a middle name or initial, keeping the name as written (constructed)', () => {
    const full = claimStructure('Owen John Dempsey treated the patient for two years.', [], ['Owen John Dempsey']);
    const short = claimStructure('Owen Dempsey treated the patient for two years.', [], ['Owen Dempsey']);
    expect(full.subject).toMatchObject({ key: 'owen-dempsey', name: 'Owen John Dempsey', candidate: true });
    expect(short.subject?.key).toBe(full.subject?.key);
    expect(claimStructure('Michael J. Fox founded the charity.', [], ['Michael J. Fox']).subject?.key).toBe('michael-fox');
    // Connecting words make an organisation's name, kept whole.
    expect(candidateKey('Bank of Nova Scotia')).toBe('bank-of-nova-scotia');
  });
});
