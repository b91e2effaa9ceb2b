// What extraction reads in an article's text, apart from storing it: the entities it names, the
// outlet it attributes its report to, its check-worthy claims, its type and whether it has
// sourcing of its own. A plain function of the text, so the labelled evaluation (eval/claims.ts)
// scores exactly what the extract stage stores.
import type { ArticleType, SourceCategory } from '../../vocabulary';
import { loadGazetteer, type Gazetteer } from '../../text/gazetteer';
import { splitSentences } from '../../text/sentences';
import { apposedSpeakers, findAttribution, researchOf } from './attribution';
import { articleTypeOf, hasOwnSourcing } from './article-type';
import { extractClaims, type ClaimCandidate } from './claims';
import { proposeCandidates } from './candidates';

// How far into an article its attribution is looked for: reports name their origin early.
const ATTRIBUTION_SENTENCES = 6;
// Cues that name the outlet a report comes from; "the company said" names a speaker instead.
const REPORT_CUES = new Set(['dateline', 'according to', 'reported', 'reported by', 'told', 'citing']);

// "The Verge – Tech" is The Verge, also known by its registry aliases.
function outletNamesOf(sourceName: string, gazetteer: Gazetteer): string[] {
  const outlet = gazetteer.findEntities(sourceName).find((m) => m.kind === 'outlet');
  const entity = outlet && gazetteer.get(outlet.key);
  return [sourceName.split(/\s+[–—|-]\s+/)[0], ...(entity ? [entity.name, ...entity.aliases] : [])];
}

export interface TextInput {
  title: string;
  text: string;
  /** The source's name, when known: whose reporters count as the article's own sourcing. */
  sourceName?: string;
  sourceCategory?: SourceCategory;
  officialRegister?: boolean;
  /** The registry with accepted candidates (default: the registry alone). */
  gazetteer?: Gazetteer;
}

/** Who an article names: registry mentions, proposed candidates, and the names attribution and claims resolve against. */
export function namesOfText(title: string, text: string, gazetteer: Gazetteer = loadGazetteer()) {
  const mentions = gazetteer.findEntities(`${title}\n${text}`);
  const entityNames = mentions.filter((m) => m.kind !== 'outlet').map((m) => m.name);
  // Names the registry lacks, proposed as candidates, also let quoted speakers attribute claims.
  const candidates = proposeCandidates(text, gazetteer);
  const taggedNames = [...new Set([...candidates.map((c) => c.name), ...apposedSpeakers(text)])];
  const outletNames = [...new Set(mentions.filter((m) => m.kind === 'outlet').map((m) => m.name))];
  const names = { entityNames, taggedNames, outletNames };
  // The study the article reports on, if any: its authors speak for it.
  const research = researchOf(text, names);
  const attributionContext = research ? { ...names, research } : names;
  return { mentions, entityNames, candidates, attributionContext };
}

/** The understanding of one article's text (see the file comment). */
export function understandText(input: TextInput) {
  const gazetteer = input.gazetteer ?? loadGazetteer();
  const { title, text } = input;
  const { mentions, entityNames, candidates, attributionContext } = namesOfText(title, text, gazetteer);
  const origin = splitSentences(text)
    .slice(0, ATTRIBUTION_SENTENCES)
    .map((sentence) => findAttribution(sentence, attributionContext))
    .find((attribution) => attribution !== undefined && REPORT_CUES.has(attribution.cue))?.origin;
  const claims: ClaimCandidate[] = extractClaims(text, { title, ...attributionContext });
  const articleType: ArticleType = articleTypeOf({ title, text, sourceCategory: input.sourceCategory, officialRegister: input.officialRegister });
  // Who the article's own reporters are: the source's name and the outlets it is known as.
  const ownSourcing = hasOwnSourcing(text, input.sourceName ? outletNamesOf(input.sourceName, gazetteer) : []);
  return { gazetteer, mentions, entityNames, candidates, attributionContext, origin, claims, articleType, ownSourcing };
}
