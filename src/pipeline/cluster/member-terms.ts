// The term counts of events' members, which member moves weigh again for every article of their
// story: each text is counted once. Kept by article id and checked against the text's digest
// (articles.text_digest) and the title, so an edited article, or another database's article
// under a reused id, is counted afresh; a text is read only when its digest is not known.
import type { Db } from '../../db/client';
import { memberTexts, type LooseMember } from '../../db/queries/event-members';
import { articleTerms, type TermCounts } from './event-score';

const CACHE_SIZE = 20_000;
const cache = new Map<number, { title: string; textDigest: string; leadWords: number; terms: TermCounts }>();

function cached(member: LooseMember, leadWords: number): TermCounts | undefined {
  const found = cache.get(member.id);
  return found && found.leadWords === leadWords && found.title === member.title && found.textDigest === member.textDigest ? found.terms : undefined;
}

/** Each member's headline-and-lead terms (articleTerms), by article id in the members' order. */
export async function memberTerms(db: Db, members: LooseMember[], leadWords: number): Promise<Map<number, TermCounts>> {
  const out = new Map<number, TermCounts | undefined>(members.map((m) => [m.id, cached(m, leadWords)]));
  const unknown = new Map(members.filter((m) => !out.get(m.id)).map((m) => [m.id, m]));
  for (const read of await memberTexts(db, [...unknown.keys()])) {
    const member = unknown.get(read.id)!;
    const terms = articleTerms(member.title, read.text, leadWords);
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
    cache.set(member.id, { title: member.title, textDigest: read.textDigest, leadWords, terms });
    out.set(member.id, terms);
  }
  for (const [id, terms] of out) if (!terms) out.delete(id);
  return out as Map<number, TermCounts>;
}
