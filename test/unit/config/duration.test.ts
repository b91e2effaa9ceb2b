import { describe, expect, it } from 'vitest';
import { formatDurationSeconds, parseDurationSeconds } from '../../../src/config/duration';
import { parseInterval } from '../../../src/config/sources';

describe('parseDurationSeconds', () => {
  it('reads the short forms the sources file documents', () => {
    expect(parseDurationSeconds('500ms', ['ms', 's', 'm'])).toBe(0.5);
    expect(parseDurationSeconds(' 10 s ', ['ms', 's', 'm'])).toBe(10);
    expect(parseDurationSeconds('1.5s', ['ms', 's', 'm'])).toBe(1.5);
    expect(parseDurationSeconds('2.3m', ['ms', 's', 'm'])).toBe(138);
    expect(parseDurationSeconds('2m', ['ms', 's', 'm'])).toBe(120);
  });

  it('refuses what ms alone would read, and units the caller did not allow', () => {
    for (const text of ['10 minutes', '1w', '-1h', '900', '1h', '', 'ms', '1e3s', '1'.repeat(120) + 's']) {
      expect(parseDurationSeconds(text, ['ms', 's', 'm']), text).toBeUndefined();
    }
  });

  it('refuses fractions where whole seconds are stored', () => {
    expect(parseDurationSeconds('1.5h', ['s', 'm', 'h', 'd'], true)).toBeUndefined();
    expect(parseDurationSeconds('1.5h', ['s', 'm', 'h', 'd'])).toBe(5400);
  });
});

describe('parseInterval and formatDurationSeconds', () => {
  it('read intervals into whole seconds and back into the same spelling', () => {
    const cases: [string, number][] = [['30s', 30], ['90s', 90], ['15m', 900], ['90m', 5400], ['1h', 3600], ['36h', 129_600], ['1d', 86_400]];
    for (const [text, seconds] of cases) {
      expect(parseInterval(text)).toBe(seconds);
      expect(formatDurationSeconds(seconds)).toBe(text);
    }
  });

  it('refuses milliseconds and other shapes', () => {
    for (const text of ['500ms', '1w', '15 minutes', '15', '1.5m']) expect(parseInterval(text), text).toBeUndefined();
  });
});
