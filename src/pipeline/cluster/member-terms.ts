// The term counts of events' members, which member moves weigh again for every article of their
// story: each text is counted once. Remembered by article id, text digest (articles.text_digest),
// lead length and title, so an edited article, or another database's article under a reused id,
// is counted afresh; a text is read only when its terms are not remembered.
import type { Db } from '../../db/client';
import { memberTexts, type LooseMember } from '../../db/queries/event-members';
import { textMemo } from '../../text/remembered';
import { articleTerms, type TermCounts } from './event-score';

const termsMemo = textMemo<TermCounts>();
const keyOf = (member: LooseMember, leadWords: number) => `${member.id}\u0000${member.textDigest}\u0000${leadWords}\u0000${member.title}`;

/** Each member's headline-and-lead terms (articleTerms), by article id in the members' order. */
export async function memberTerms(db: Db, members: LooseMember[], leadWords: number): Promise<Map<number, TermCounts>> {
  const unknown = members.filter((m) => !termsMemo.has(keyOf(m, leadWords)));
  const texts = new Map((await memberTexts(db, unknown.map((m) => m.id))).map((read) => [read.id, read.text]));
  const out = new Map<number, TermCounts>();
  for (const member of members) {
    const key = keyOf(member, leadWords);
    const text = texts.get(member.id);
    // A member whose text is gone meanwhile has no terms to weigh.
    if (text === undefined && !termsMemo.has(key)) continue;
    out.set(member.id, termsMemo(key, () => articleTerms(member.title, text!, leadWords)));
  }
  return out;
}
