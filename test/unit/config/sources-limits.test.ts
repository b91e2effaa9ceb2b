import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_YAML_BYTES } from '../../../src/config/bounded-yaml';
import { loadSources, parseSources, SourcesFileError } from '../../../src/config/sources';

const GOOD = `- id: wire
  name: Wire
  kind: rss
  url: https://example.org/feed
  trust: 80
  category: wire
  owner: Wire Co
`;

function errorOf(run: () => unknown): SourcesFileError {
  try {
    run();
  } catch (error) {
    if (error instanceof SourcesFileError) return error;
    throw error;
  }
  throw new Error('expected a SourcesFileError');
}

describe('hostile sources files are refused before they cost memory or time', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'crosscheck-sources-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a file over the size limit before reading it, naming the limit', async () => {
    const file = path.join(dir, 'huge.yaml');
    writeFileSync(file, GOOD + '#'.repeat(MAX_YAML_BYTES));
    const error = await loadSources(file).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(SourcesFileError);
    expect((error as SourcesFileError).message).toMatch(/huge\.yaml: file is 5\.0 MB; the limit is 5 MB/);
  });

  it('refuses a line of a million brackets at once, with file and line', () => {
    const error = errorOf(() => parseSources(GOOD + '- ' + '['.repeat(1_000_000), 'deep.yaml'));
    expect(error.line).toBe(8);
    expect(error.message).toBe('deep.yaml:8: brackets nested more than 32 deep');
  });

  it('refuses block nesting indented past the limit', () => {
    const deep = Array.from({ length: 80 }, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n');
    const error = errorOf(() => parseSources(deep, 'indent.yaml'));
    expect(error.message).toMatch(/^indent\.yaml:\d+: indented more than 120 columns/);
  });

  it('refuses a billion-laughs alias bomb with the line of its first alias, not a stack trace', () => {
    const bomb = [
      'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
      'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
      'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
      'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
    ].join('\n');
    const error = errorOf(() => parseSources(bomb, 'bomb.yaml'));
    expect(error.line).toBe(2);
    expect(error.message).toMatch(/^bomb\.yaml:2: aliases expand beyond 100 nodes \(an alias bomb\), refused$/);
  });

  it('reports an unknown key at its own line', () => {
    const text = GOOD.replace('  owner: Wire Co\n', '  owner: Wire Co\n  colour: blue\n');
    const error = errorOf(() => parseSources(text, 'keys.yaml'));
    expect(error.line).toBe(8);
    expect(error.message).toMatch(/^keys\.yaml:8: source #1 \(wire\)/);
    expect(error.message).toMatch(/colour/);
  });

  it('still accepts brackets and quotes inside strings and comments', () => {
    const text = GOOD.replace('name: Wire', `name: "Wire [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[ it's"`) + `  # [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\n`;
    expect(parseSources(text)[0].name).toMatch(/^Wire \[+ it's$/);
  });
});
