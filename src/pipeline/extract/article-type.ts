// What kind of text an article is. Only reports, press releases and official documents originate
// claims; analysis and opinion, explainers and aggregator summaries repeat them.
//
// Rules, not natural's BayesClassifier: there is no labelled training set of article types yet,
// the cues below are the ones an editor would name, and importing natural's entry point costs
// about a second per process.
import type { ArticleType, SourceCategory } from '../../vocabulary';

export interface ArticleTypeInput {
  title: string;
  text: string;
  sourceCategory?: SourceCategory;
  /** The source is the Federal Register (or another official register). */
  officialRegister?: boolean;
}

const OPINION_TITLE = /^(?:opinion|op-ed|column|commentary|editorial|analysis|perspective|viewpoint)\b|\b(?:opinion|op-ed|column|commentary|editorial)\s*[:|—–-]|\b(?:why|how) (?:i|we)\b/i;
const EXPLAINER_TITLE = /^(?:what is|what are|what's|who is|how does|how do|how to|why does|why do|explained|explainer)\b|\b(?:explained|explainer|what you need to know|everything you need to know|here's what|what we know|a guide to|faq)\b/i;
const PRESS_RELEASE = /(?:\bfor immediate release|media contacts?|press contacts?|investor contacts?|forward-looking statements|about [\p{Lu}][\p{L}&.-]*(?:\s+[\p{Lu}][\p{L}&.-]*)*\n|\(\s*(?:NYSE|NASDAQ|Nasdaq|LSE|TSX)\s*:\s*[A-Z.]+\s*\)|\/PRNewswire\/|\/Business Wire\/|GLOBE NEWSWIRE)/u;
// Roundups: many outlets credited in a short text ("Bloomberg reports…", "per Reuters").
const CREDIT = /\b(?:[Aa]ccording to|reported by|per|via|[Cc]iting)\s+(?:the\s+)?([\p{Lu}][\p{L}.]+)|([\p{Lu}][\p{L}.]+)\s+(?:reports|reported)\b/gu;
const FIRST_PERSON = /\b(?:I|I'm|I've|my|me)\b/g;

/** The article's type, by the cues of its title, text and source. */
export function articleTypeOf(input: ArticleTypeInput): ArticleType {
  if (input.officialRegister || input.sourceCategory === 'regulator') return 'official_document';
  if (PRESS_RELEASE.test(input.text.slice(0, 20_000)) || input.sourceCategory === 'company') return 'press_release';
  if (OPINION_TITLE.test(input.title)) return 'analysis';
  if (EXPLAINER_TITLE.test(input.title)) return 'explainer';
  const words = input.text.split(/\s+/).filter(Boolean).length || 1;
  const credits = new Set([...input.text.matchAll(CREDIT)].map((m) => m[1] ?? m[2])).size;
  if (input.sourceCategory === 'aggregator' || (credits >= 3 && words < 600)) return 'aggregator_summary';
  // First person outside quotes, often: the writer's own view.
  const unquoted = input.text.replace(/[“"][^”"]*[”"]/g, ' ');
  if (input.sourceCategory === 'analysis' || (unquoted.match(FIRST_PERSON)?.length ?? 0) / words > 0.01) return 'analysis';
  return 'report';
}

/** Whether an article of this type can be where a claim was independently reported. */
export function originates(type: ArticleType | null | undefined): boolean {
  return type !== 'analysis' && type !== 'explainer' && type !== 'aggregator_summary';
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Whether the article has sourcing of its own: people who spoke to this outlet ("told The Verge",
 * "in an interview with us"), documents it obtained, or its own findings. Such an article
 * originates what it states even when an earlier article stated it first.
 */
export function hasOwnSourcing(text: string, outletNames: string[]): boolean {
  if (/\b(?:told (?:this (?:publication|newspaper|outlet|site|reporter)|us)|in an interview with (?:this|us)|(?:documents?|emails?|records?|filings?) (?:reviewed|obtained|seen) by (?:this|us)|has learned|have learned)\b/i.test(text)) return true;
  const names = outletNames.filter((n) => n.trim().length > 1).map((n) => escape(n.trim().replace(/^the\s+/i, '')));
  if (names.length === 0) return false;
  const outlet = `(?:the\\s+)?(?:${names.join('|')})`;
  return new RegExp(
    `\\b(?:told|said to|in an interview with|speaking to|spoke to|spoke with|(?:reviewed|obtained|seen) by)\\s+${outlet}\\b|\\b${outlet}\\s+(?:has|have)\\s+(?:learned|confirmed|obtained|reviewed|seen)\\b`,
    'i',
  ).test(text);
}
