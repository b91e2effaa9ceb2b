import { describe, expect, it } from 'vitest';
import { WrongKeyCounter } from '../../../src/api/limits';
import { loadSettings, SettingsError } from '../../../src/config/env';

describe('WrongKeyCounter', () => {
  it('blocks after the maximum until the window ends, on a clock of its own', () => {
    let now = 1_000_000;
    const counter = new WrongKeyCounter({ max: 2, windowMs: 60_000 }, () => now);
    counter.failed('a');
    expect(counter.waitSeconds('a')).toBe(0);
    counter.failed('a');
    expect(counter.waitSeconds('a')).toBe(60);
    now += 45_500;
    expect(counter.waitSeconds('a')).toBe(15);
    expect(counter.waitSeconds('b')).toBe(0);
    now += 14_500;
    expect(counter.waitSeconds('a')).toBe(0);
    counter.failed('a');
    expect(counter.waitSeconds('a')).toBe(0);
  });

  it('forgets the oldest address when full', () => {
    const counter = new WrongKeyCounter({ max: 1, windowMs: 60_000 }, () => 0, 2);
    for (const address of ['a', 'b', 'c']) counter.failed(address);
    expect([counter.waitSeconds('a'), counter.waitSeconds('b'), counter.waitSeconds('c')]).toEqual([0, 60, 60]);
  });
});

describe('CORS_ORIGINS', () => {
  it('is a list of origins, empty by default, and refuses anything else naming the setting', () => {
    expect(loadSettings({}).corsOrigins).toEqual([]);
    expect(loadSettings({ CORS_ORIGINS: 'https://a.example, http://localhost:5173' }).corsOrigins).toEqual([
      'https://a.example',
      'http://localhost:5173',
    ]);
    for (const bad of ['*', 'https://a.example/', 'a.example', 'ftp://a.example', 'https://a.example/path']) {
      expect(() => loadSettings({ CORS_ORIGINS: bad }), bad).toThrow(SettingsError);
      expect(() => loadSettings({ CORS_ORIGINS: bad }), bad).toThrow(/CORS_ORIGINS/);
    }
  });
});
