// Words of a text as the pipeline compares them: normalised, tokenised, stemmed.
//
// Library choices: natural supplies the word tokenizer, the Porter stemmer and the English
// stop-word list.
import { createRequire } from 'node:module';
import { WordTokenizer } from 'natural/lib/natural/tokenizers/index.js';

const require = createRequire(import.meta.url);
const { stem } = require('natural/lib/natural/stemmers/porter_stemmer.js') as { stem: (token: string) => string };
const { words: NATURAL_STOPWORDS } = require('natural/lib/natural/util/stopwords.js') as { words: string[] };

// Headline filler on top of natural's list: these words say nothing about which story it is.
const NEWS_STOPWORDS = ['says', 'say', 'new', 'will', 'report', 'reports', 'update', 'updated', 'video', 'watch', 'just', 'us'];
const STOPWORDS = new Set([...NATURAL_STOPWORDS, ...NEWS_STOPWORDS]);
const wordTokenizer = new WordTokenizer();

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
  // WordTokenizer splits on apostrophes: drop the possessive "'s" first so "openai's" is "openai".
  return wordTokenizer.tokenize(normalizeText(text).replace(/'s\b/g, ''));
}

/** Stemmed content words: stop words removed, numbers kept. */
export function contentTerms(text: string): string[] {
  return wordTokens(text)
    .filter((t) => !STOPWORDS.has(t))
    .map((t) => (/^\d/.test(t) ? t : stem(t)));
}

/**
 * Weight of a term by its length, a stand-in for rarity that needs no corpus statistics:
 * long words are names and topics ("plosser", "chiquita"), short ones are filler.
 */
export function termWeight(term: string): number {
  return Math.min(term.length, 8);
}
