// Members that fit another event better move there. An article that arrived early in a story's
// life joined the closest event then (or started one); once the event an article joins has grown
// into the story it belongs to, it moves, and a start of an event that nothing else joined merges.
import type { Db } from '../../db/client';
import { articleForCluster, eventCandidate, joinEvent, type EventToJoin } from '../../db/queries/event-clusters';
import { eventMembers, keptApart, moveArticles, setEventProfile } from '../../db/queries/event-decisions';
import { eventsToScore, looseMembers, recordMove, type LooseMember } from '../../db/queries/event-members';
import { mergeEvents } from '../../db/queries/event-merges';
import { profileOf } from './analyst-control';
import { explainMatch, prepare, scoreWeighed, weighProfile, type ClusterTuning, type TermStats, type WeighedProfile } from './event-score';
import { eventTitle } from './event-title';
import { addProfileRarity } from './term-rarity';
import { memberTerms } from './member-terms';

type ChangedEvent = { id: number; revision: number };

/**
 * Moves loose members of the events `fromIds` (tuning.moveBelow; looseMembers says which may
 * move at all) into `intoEvent` (as it stands, or its id to read it) where they score better there than in their own event without
 * them, by tuning.moveMargin, and at least the match threshold. The article being clustered
 * (`articleId`, joined to it) is never moved. Runs inside the article's transaction under
 * the clustering lock; returns the events whose contents changed.
 */
export async function moveBetterFits(
  db: Db,
  intoEvent: number | EventToJoin,
  fromIds: number[],
  articleId: number,
  own: ReadonlyMap<string, unknown>,
  stats: TermStats,
  tuning: ClusterTuning,
): Promise<ChangedEvent[]> {
  if (tuning.moveBelow <= 0) return [];
  const intoId = typeof intoEvent === 'number' ? intoEvent : intoEvent.id;
  const loose = await looseMembers(db, [...new Set(fromIds)].filter((id) => id !== intoId), tuning.moveBelow, articleId);
  if (loose.length === 0) return [];
  let into = typeof intoEvent === 'number' ? await eventCandidate(db, intoId) : intoEvent;
  if (!into) return [];
  const homes = new Map((await eventsToScore(db, [...new Set(loose.map((m) => m.eventId))])).map((e) => [e.id, e]));
  const termsOf = await memberTerms(db, loose, tuning.leadWords);
  await addProfileRarity(db, stats, own, allTerms(into, homes.values(), termsOf.values()));

  // Each profile is weighed once for all the members compared with it (stats stay as they are
  // until the article is done); a profile read again after a move is weighed again.
  const weighed = new WeakMap<Record<string, number>, WeighedProfile>();
  const weigh = (event: EventToJoin) => {
    let found = weighed.get(event.terms);
    if (!found) weighed.set(event.terms, (found = weighProfile(event.terms, stats, tuning.profilePower)));
    return found;
  };
  const changed: ChangedEvent[] = [];
  const apart = new Map<number, boolean>();
  for (const member of loose) {
    const home = homes.get(member.eventId);
    const terms = termsOf.get(member.id);
    if (!home || !terms || terms.size === 0) continue;
    const prepared = prepare({ sourceId: member.sourceId, terms, entityKeys: member.entityKeys, at: member.seenAt }, stats, tuning);
    const there = scoreWeighed(prepared, into, weigh(into), stats, tuning);
    if (!there || there.score < tuning.matchThreshold) continue;
    // Its own event without it (null when it is the only member there).
    const here = scoreWeighed(prepared, home, weigh(home), stats, tuning, terms);
    if (here && there.score < here.score + tuning.moveMargin) continue;
    // An analyst split one of the two off the other: nothing automatic brings them together.
    if (!apart.has(home.id)) apart.set(home.id, await keptApart(db, home.id, into.id));
    if (apart.get(home.id)) continue;
    changed.push(...(await moveMember(db, member, terms, home, into)));
    await recordMove(db, member.id, into.id, { ...explainMatch(prepared, into, there, stats, tuning), movedFrom: home.id, ...(here ? { scoreBefore: here.score } : {}) });
    into = (await eventCandidate(db, into.id)) ?? into;
    const after = await eventCandidate(db, home.id);
    if (after) homes.set(home.id, after);
    else homes.delete(home.id);
  }
  return changed;
}

function* allTerms(into: EventToJoin, homes: Iterable<EventToJoin>, members: Iterable<Map<string, number>>): Iterable<string> {
  for (const term in into.terms) yield term;
  for (const home of homes) for (const term in home.terms) yield term;
  for (const terms of members) yield* terms.keys();
}

// One member out of its event and into the other; an event left with nobody merges into it.
async function moveMember(db: Db, member: LooseMember, terms: Map<string, number>, home: EventToJoin, into: EventToJoin): Promise<ChangedEvent[]> {
  const rest = (await eventMembers(db, home.id)).filter((m) => m.id !== member.id);
  if (rest.length === 0) {
    const merged = await mergeEvents(db, home.id, into.id);
    return merged ? [merged] : [];
  }
  const article = await articleForCluster(db, member.id);
  if (!article) return [];
  await moveArticles(db, [member.id], home.id, into.id);
  const left = await setEventProfile(db, home.id, profileOf(rest));
  const { id, revision } = await joinEvent(db, into, article, eventTitle([...into.titles, member.title]), terms);
  return [left, { id, revision }];
}
