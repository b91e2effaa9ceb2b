import { describe, expect, it } from 'vitest';
import { inputFault, MAX_JSON_DEPTH } from '../../../src/api/input-guard';

describe('inputFault', () => {
  it('walks a million levels without overflowing the stack', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 1_000_000; i++) deep = [deep];
    expect(inputFault(deep, 'body')).toBe(`body is nested deeper than ${MAX_JSON_DEPTH} levels`);
    expect(inputFault(deep, 'body', Infinity)).toBeUndefined();
  });

  it('accepts nesting up to the limit and names the first NUL in document order', () => {
    let ok: unknown = 1;
    for (let i = 0; i < MAX_JSON_DEPTH; i++) ok = { a: ok };
    expect(inputFault(ok, 'body')).toBeUndefined();
    expect(inputFault({ a: ok }, 'body')).toBe(`body is nested deeper than ${MAX_JSON_DEPTH} levels`);
    expect(inputFault({ x: 'fine', y: ['ok', 'b\u0000'], z: 'c\u0000' }, 'body')).toBe('body/y/1 must not contain NUL characters');
    expect(inputFault({ 'k\u0000': 1 }, 'querystring')).toBe('querystring must not contain NUL characters');
  });
});
