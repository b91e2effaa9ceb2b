// Everything extraction computes from an article's stored text, as plain data in and out: the
// CPU-bound part of the stage, kept apart from its reads and writes so that it can run on a
// reading thread (reading-threads.ts) while the process's own thread serves the queue and the
// database.
import type { ArticleType, EntityKind, SourceCategory } from '../../vocabulary';
import type { CandidateInput } from '../../db/queries/entity-candidates';
import type { EntityInput, ExtractionRecord } from '../../db/queries/entity-links';
import { entityFromStore, loadGazetteer } from '../../text/gazetteer';
import { shingleSignature } from '../../text/similarity';
import { plainText } from '../fetch/feed-text';
import { understandText } from './understand-text';

export interface ArticleToRead {
  title: string;
  contentHtml: string | null;
  summary: string | null;
  /** The article page's main text, where the source asks for full text. */
  pageText?: string;
  sourceName?: string;
  sourceCategory?: SourceCategory;
  officialRegister: boolean;
  /** Accepted candidates, matched like registry entries. */
  accepted: { key: string; name: string; kind: EntityKind; aliases: string[] }[];
}

export interface ArticleReading {
  text: string;
  origin: string | null;
  shingles: number[];
  claimCandidates: ExtractionRecord['claimCandidates'];
  articleType: ArticleType;
  ownSourcing: boolean;
  /** The entities named, each with the parents it links to (parents after their children). */
  entities: EntityInput[];
  mentions: { key: string; mentions: number }[];
  candidates: CandidateInput[];
}

/** Reads one article version's text: the longest of feed content, summary and page text, and what it says. */
export function readArticle(input: ArticleToRead): ArticleReading {
  const texts = [input.contentHtml, input.summary].map((html) => (html ? plainText(html) : ''));
  if (input.pageText) texts.push(input.pageText);
  const text = texts.sort((a, b) => b.length - a.length)[0];
  const gazetteer = loadGazetteer().withEntities(input.accepted.map(entityFromStore));
  const understood = understandText({
    title: input.title,
    text,
    sourceName: input.sourceName,
    sourceCategory: input.sourceCategory,
    officialRegister: input.officialRegister,
    gazetteer,
  });
  const entities: EntityInput[] = [];
  const addWithParents = (key: string, depth = 0) => {
    const entity = gazetteer.get(key);
    if (!entity || entities.some((e) => e.key === key) || depth > 5) return;
    entities.push({ key: entity.key, name: entity.name, kind: entity.kind, aliases: entity.aliases, parentKey: entity.parent });
    if (entity.parent) addWithParents(entity.parent, depth + 1);
  };
  for (const mention of understood.mentions) addWithParents(mention.key);
  return {
    text,
    origin: understood.origin ?? null,
    shingles: shingleSignature(`${input.title} ${text}`),
    claimCandidates: understood.claims.map((c) => ({
      text: c.text,
      sentence: c.sentence,
      hedged: c.hedged,
      hedge: c.hedge,
      stance: c.stance,
      attribution: c.attribution,
      entityKeys: c.entityKeys,
      subject: c.subject,
      predicate: c.predicate,
      objects: c.objects,
      amounts: c.amounts,
      dates: c.dates,
      polarity: c.polarity,
      about: c.about,
    })),
    articleType: understood.articleType,
    ownSourcing: understood.ownSourcing,
    entities,
    mentions: understood.mentions.map((m) => ({ key: m.key, mentions: m.mentions })),
    candidates: understood.candidates,
  };
}
