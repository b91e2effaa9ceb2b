import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { loadSettings, SettingsError } from '../../../src/config/env';

describe('extract threads setting', () => {
  it('leaves one core to the process by default, and reads on its own thread at 0', () => {
    expect(loadSettings({}).extractThreads).toBe(Math.max(1, os.availableParallelism() - 1));
    expect(loadSettings({ EXTRACT_THREADS: '0' }).extractThreads).toBe(0);
    expect(loadSettings({ EXTRACT_THREADS: '3' }).extractThreads).toBe(3);
  });

  it('refuses a bad count naming the variable', () => {
    for (const bad of ['-1', 'two', '1.5', '65']) {
      expect(() => loadSettings({ EXTRACT_THREADS: bad }), bad).toThrow(SettingsError);
      expect(() => loadSettings({ EXTRACT_THREADS: bad }), bad).toThrow(/EXTRACT_THREADS/);
    }
  });
});
