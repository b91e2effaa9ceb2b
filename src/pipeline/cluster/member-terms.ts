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
  // Taken from the memo first: counting the texts read below may fill it and forget them.
  const remembered = new Map<number, TermCounts>();
  for (const member of members) {
    const terms = termsMemo.get(keyOf(member, leadWords));
    if (terms) remembered.set(member.id, terms);
  }
  const texts = new Map((await memberTexts(db, members.filter((m) => !remembered.has(m.id)).map((m) => m.id))).map((read) => [read.id, read.text]));
  const out = new Map<number, TermCounts>();
  for (const member of members) {
    const text = texts.get(member.id);
    const terms = remembered.get(member.id) ?? (text === undefined ? undefined : termsMemo(keyOf(member, leadWords), () => articleTerms(member.title, text, leadWords)));
    // A member whose text is gone meanwhile has no terms to weigh.
    if (terms) out.set(member.id, terms);
  }
  return out;
}
