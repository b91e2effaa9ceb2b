// Overlap between an extracted text and a reference text, as the article-extraction benchmark
// (scrapinghub/article-extraction-benchmark, evaluate.py) scores it: \w+ tokens joined into
// shingles of n consecutive tokens, counted as a multiset, precision and recall per page.

export interface TextOverlap {
  precision: number;
  recall: number;
  f1: number;
}

// Python's \w on str: letters, numbers and underscore (combining marks are not word characters).
const TOKEN = /[\p{L}\p{N}_]+/gu;

/** Word tokens of a text, case kept, as the benchmark's tokenizer yields them. */
export function textTokens(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

function shingles(text: string, n: number): Map<string, number> {
  const tokens = textTokens(text);
  const counts = new Map<string, number>();
  // Like the reference, a text shorter than n tokens still yields one (short) shingle.
  for (let i = 0; i < Math.max(1, tokens.length - n + 1); i += 1) {
    const shingle = tokens.slice(i, i + n);
    if (shingle.length === 0) continue;
    const key = shingle.join('\u0000');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** Precision, recall and F1 of `predicted` against `expected` over n-token shingles (n = 1: bag of words). */
export function textOverlap(expected: string, predicted: string, ngram = 4): TextOverlap {
  const truth = shingles(expected, ngram);
  const guess = shingles(predicted, ngram);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const key of new Set([...truth.keys(), ...guess.keys()])) {
    const t = truth.get(key) ?? 0;
    const g = guess.get(key) ?? 0;
    tp += Math.min(t, g);
    fp += Math.max(0, g - t);
    fn += Math.max(0, t - g);
  }
  // The reference's conventions for empty texts: nothing expected and nothing found is perfect.
  const precision = fp === 0 && fn === 0 ? 1 : tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = fp === 0 && fn === 0 ? 1 : tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}
