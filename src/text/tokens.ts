// Words of a text as the pipeline compares them: normalised, tokenised, stemmed.
//
// Library choices: `stemmer` (Porter 1980, the algorithm natural's PorterStemmer implements: the
// two give the same stem for all but 4 of the 137,853 distinct words of the shared corpus, all
// four junk tokens) and natural's English stop-word list, copied as data in ./stopwords. The
// word split is natural's WordTokenizer pattern, written out: it is one regular expression, and
// Intl.Segmenter would keep "don't" and "3.5" whole and so change every term set.
import { stemmer } from 'stemmer';
import { ENGLISH_STOPWORDS } from './stopwords';

// Headline filler on top of the English list: these words say nothing about which story it is.
const NEWS_STOPWORDS = ['says', 'say', 'new', 'will', 'report', 'reports', 'update', 'updated', 'video', 'watch', 'just', 'us'];
const STOPWORDS = new Set([...ENGLISH_STOPWORDS, ...NEWS_STOPWORDS]);
// Everything but ASCII letters, Cyrillic letters, digits and "_" separates words.
const WORD_GAPS = /[^A-Za-zА-Яа-я0-9_]+/;

/** Porter stem of a lower-case word. */
export function stem(word: string): string {
  return stemmer(word);
}

/** Lower-case, strip accents and fold typographic quotes so copies compare equal. */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[’‘`´]/g, "'")
    .replace(/[“”]/g, '"')
    .toLowerCase();
}

/** Word tokens of the normalised text, stop words kept (shingles need the exact wording). */
export function wordTokens(text: string): string[] {
  // Apostrophes split words: drop the possessive "'s" first so "openai's" is "openai".
  return normalizeText(text).replace(/'s\b/g, '').split(WORD_GAPS).filter(Boolean);
}

/** Stemmed content words: stop words removed, numbers kept. */
export function contentTerms(text: string): string[] {
  const terms: string[] = [];
  for (const token of wordTokens(text)) {
    const term = contentTerm(token);
    if (term !== null) terms.push(term);
  }
  return terms;
}

/** The content term of one word token (its stem, a number as it is), null for a stop word. */
export function contentTerm(token: string): string | null {
  if (STOPWORDS.has(token)) return null;
  return /^\d/.test(token) ? token : stem(token);
}

/**
 * Weight of a term by its length, a stand-in for rarity that needs no corpus statistics:
 * long words are names and topics ("plosser", "chiquita"), short ones are filler.
 */
export function termWeight(term: string): number {
  return Math.min(term.length, 8);
}
