// What a function gave for a text, remembered: one event's claims are compared pair by pair,
// and copies repeat the same sentences, so each sentence is read once. Bounded, and forgotten
// all at once when full: a worker runs for months and sees endless texts.

/** `memo(text, compute)` returns the remembered value, or computes and remembers it; `memo.get(text)` returns it or undefined. */
export interface TextMemo<T> {
  (text: string, compute: () => T): T;
  get(text: string): T | undefined;
}

/** A memo keyed by text (see TextMemo). */
export function textMemo<T>(limit = 20_000): TextMemo<T> {
  const values = new Map<string, T>();
  const memo = (text: string, compute: () => T): T => {
    let value = values.get(text);
    if (value === undefined) {
      if (values.size >= limit) values.clear();
      value = compute();
      values.set(text, value);
    }
    return value;
  };
  return Object.assign(memo, { get: (text: string) => values.get(text) });
}
