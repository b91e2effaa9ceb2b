// Durations as the sources file writes them ("500ms", "10s", "15m", "1h", "1d") and back.
//
// `ms` does the arithmetic. The shape is checked here first because ms also reads "10 minutes",
// "1w", "-1h" and a bare "900" (milliseconds), and the sources file keeps to the short forms
// its documentation shows. Its formatter rounds (90 minutes is "2h"), so the inverse is exact
// and written here.
import ms from 'ms';

export type DurationUnit = 'ms' | 's' | 'm' | 'h' | 'd';

const SHAPE = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)$/;

/**
 * Seconds in a duration such as "15m" written with one of `units`; undefined for anything else.
 * `wholeNumber` refuses a fraction ("1.5h") where the result is stored as whole seconds.
 */
export function parseDurationSeconds(text: string, units: readonly DurationUnit[], wholeNumber = false): number | undefined {
  const match = SHAPE.exec(text.trim());
  if (!match || !units.includes(match[2] as DurationUnit)) return undefined;
  if (wholeNumber && match[1].includes('.')) return undefined;
  // ms gives up (undefined) on strings over 100 characters.
  const millis: number | undefined = ms(`${match[1]}${match[2]}` as ms.StringValue);
  return millis === undefined || !Number.isFinite(millis) ? undefined : millis / 1000;
}

/** The shortest exact spelling of a whole number of seconds in days, hours, minutes or seconds. */
export function formatDurationSeconds(seconds: number): string {
  for (const [unit, size] of [['d', 86_400], ['h', 3_600], ['m', 60]] as const) {
    if (seconds >= size && seconds % size === 0) return `${seconds / size}${unit}`;
  }
  return `${seconds}s`;
}
