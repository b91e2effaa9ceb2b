// What a function gave for a text, remembered: one event's claims are compared pair by pair,
// and copies repeat the same sentences, so each sentence is read once. Bounded, and forgotten
// all at once when full: a worker runs for months and sees endless texts.

/** A memo keyed by text: `memo(text, compute)` returns the remembered value, or computes and remembers it. */
export function textMemo<T>(limit = 20_000): (text: string, compute: () => T) => T {
  const values = new Map<string, T>();
  return (text, compute) => {
    let value = values.get(text);
    if (value === undefined) {
      if (values.size >= limit) values.clear();
      value = compute();
      values.set(text, value);
    }
    return value;
  };
}
