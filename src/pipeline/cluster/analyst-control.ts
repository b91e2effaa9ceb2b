import type { Db } from '../../db/client';
import { currentEventId, mergeEvents } from '../../db/queries/event-merges';
import {
  copiesInEvent,
  cutCopyLinks,
  createEmptyEvent,
  eventMembers,
  lockClustering,
  moveArticles,
  recordEventDecision,
  setEventProfile,
  type EventDecisionRow,
  type EventMember,
} from '../../db/queries/event-decisions';
import { queryRows } from '../../db/client';
import { sql } from 'drizzle-orm';
import { articleTerms } from './event-score';
import { eventTitle } from './event-title';

// An analyst's merge and split of events: the same functions behind the API and the workspace
// forms. Each runs in one transaction under the clustering lock, so it never interleaves with
// the cluster stage, and is recorded (who, why, when, which articles) so the stage never undoes it.

type ChangedEvent = { id: number; revision: number };

/** Bad input to a decision, with the HTTP status and code it answers with. */
export class EventDecisionError extends Error {
  constructor(
    readonly statusCode: 400 | 404,
    readonly code: 'bad_request' | 'not_found',
    message: string,
  ) {
    super(message);
    this.name = 'EventDecisionError';
  }
}

export interface DecisionOutcome {
  decision: EventDecisionRow;
  /** Events whose contents changed, at their new revision: each is verified again. */
  changed: ChangedEvent[];
}

export interface Decider {
  /** The write key's reviewer id. */
  reviewer: string;
  reason: string;
}

const MAX_TITLES = 50;
const MAX_PROFILE_TERMS = 300;

async function liveEvent(db: Db, id: number): Promise<number> {
  const current = await currentEventId(db, id);
  if (current === undefined) throw new EventDecisionError(404, 'not_found', `event ${id} does not exist`);
  return current;
}

/** Merges the other events into `eventId`; their ids then answer with it. */
export async function mergeEventsByAnalyst(db: Db, eventId: number, otherIds: number[], by: Decider): Promise<DecisionOutcome> {
  return db.transaction(async (tx) => {
    await lockClustering(tx);
    const survivor = await liveEvent(tx, eventId);
    const others: number[] = [];
    for (const id of [...new Set(otherIds)]) {
      const current = await liveEvent(tx, id);
      if (current === survivor) {
        throw new EventDecisionError(400, 'bad_request', id === survivor ? `event ${id} cannot be merged into itself` : `event ${id} is already part of event ${survivor}`);
      }
      if (!others.includes(current)) others.push(current);
    }
    let last: ChangedEvent | undefined;
    for (const other of others) last = (await mergeEvents(tx, other, survivor)) ?? last;
    const members = await queryRows<{ id: number }>(tx, sql`select id from articles where event_id = ${survivor} order by id`);
    const articleIds = members.map((m) => Number(m.id));
    const decision = await recordEventDecision(
      tx,
      { kind: 'merge', eventId: survivor, mergedEventIds: others, articleIds, reviewer: by.reviewer, reason: by.reason },
      // Every article of the merged event is placed: automatic work never takes one out again.
      articleIds.map((articleId) => ({ articleId, fromEventId: null })),
    );
    return { decision, changed: last ? [last] : [] };
  });
}

/** Moves the given articles of `eventId`, and the copies of them in it, into a new event; both are verified again. */
export async function splitEventByAnalyst(db: Db, eventId: number, articleIds: number[], by: Decider): Promise<DecisionOutcome> {
  return db.transaction(async (tx) => {
    await lockClustering(tx);
    const from = await liveEvent(tx, eventId);
    const members = await eventMembers(tx, from);
    const inEvent = new Set(members.map((m) => m.id));
    const requested = [...new Set(articleIds)];
    const stranger = requested.find((id) => !inEvent.has(id));
    if (stranger !== undefined) throw new EventDecisionError(400, 'bad_request', `article ${stranger} is not in event ${from}`);
    // A copy is its original's text: it goes where its original goes, or the old event would
    // still count it (and the new one would lack it) although the analyst moved the story.
    const followers = (await copiesInEvent(tx, from, requested)).filter((id) => !requested.includes(id));
    const leaving = [...requested, ...followers];
    if (leaving.length === members.length) {
      const what = followers.length ? `these articles with their copies (${followers.join(', ')})` : 'every article';
      throw new EventDecisionError(400, 'bad_request', `splitting off ${what} of event ${from} would leave it empty; leave at least one`);
    }
    const leavers = members.filter((m) => leaving.includes(m.id));
    const into = await createEmptyEvent(tx, leavers[0].seenAt);
    await moveArticles(tx, leaving, from, into);
    // A copy split off while its original stays is another story: it stops counting as a copy
    // (and becomes an origin of its own), and the cluster stage never links the two again.
    await cutCopyLinks(tx, leaving);
    const changed = [
      await setEventProfile(tx, from, profileOf(members.filter((m) => !leaving.includes(m.id)))),
      await setEventProfile(tx, into, profileOf(leavers)),
    ];
    const decision = await recordEventDecision(
      tx,
      { kind: 'split', eventId: from, newEventId: into, articleIds: requested, reviewer: by.reviewer, reason: by.reason },
      // The copies moved with their originals are placed by the decision too.
      leaving.map((articleId) => ({ articleId, fromEventId: from })),
    );
    return { decision, changed };
  });
}

/** An event's profile as the cluster stage would have built it from these members. */
export function profileOf(members: EventMember[]) {
  const terms: Record<string, number> = {};
  for (const m of members) for (const [term, count] of articleTerms(m.title, m.text)) terms[term] = (terms[term] ?? 0) + count;
  const titles = members.map((m) => m.title).slice(-MAX_TITLES);
  return {
    title: eventTitle(titles),
    titles,
    terms: Object.fromEntries(Object.entries(terms).sort((a, b) => b[1] - a[1]).slice(0, MAX_PROFILE_TERMS)),
    sourceIds: [...new Set(members.map((m) => m.sourceId))],
    entityKeys: [...new Set(members.flatMap((m) => m.entityKeys))],
    firstSeenAt: new Date(Math.min(...members.map((m) => m.seenAt.getTime()))),
    lastSeenAt: new Date(Math.max(...members.map((m) => m.seenAt.getTime()))),
    articleCount: members.length,
  };
}
