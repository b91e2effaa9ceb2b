// Unknown entities: people and organisations the tagger finds that the registry does not
// know become candidates for an analyst, never registry entries by themselves.
import type { CandidateInput } from '../../db/queries/entity-candidates';
import { slugify } from '../../text/entities/tokens';
import { tagNames } from '../../text/entities/tagger';
import type { Gazetteer } from '../../text/gazetteer';
import { splitSentences } from '../../text/sentences';

const MAX_EXAMPLE_LENGTH = 400;

/** "The Carlyle Group's" -> "carlyle group": one candidate per spelling, whatever its case. */
export function normalizeCandidateName(name: string): string {
  return slugify(name.replace(/[’']s$/u, '').replace(/^the\s+/i, '')).replace(/-/g, ' ');
}

/** Candidate entities in an article's text: tagged names not covered by a registry mention. */
export function proposeCandidates(text: string, gazetteer: Gazetteer): CandidateInput[] {
  const known = gazetteer.findEntityMentions(text).mentions;
  const sentences = splitSentences(text);
  const found = new Map<string, CandidateInput>();
  for (const tagged of tagNames(text)) {
    if (known.some((m) => m.start < tagged.end && tagged.start < m.end)) continue;
    if (gazetteer.resolve(tagged.text)) continue;
    const normalized = normalizeCandidateName(tagged.text);
    if (normalized.length < 2) continue;
    const id = `${tagged.kind}|${normalized}`;
    const seen = found.get(id);
    if (seen) {
      seen.mentions++;
      continue;
    }
    const example = sentences.find((s) => s.includes(tagged.text)) ?? tagged.text;
    found.set(id, { kind: tagged.kind, name: tagged.text, normalized, mentions: 1, example: example.slice(0, MAX_EXAMPLE_LENGTH) });
  }
  // Every tagged name is kept: the mention count across articles tells analysts what matters.
  return [...found.values()];
}
