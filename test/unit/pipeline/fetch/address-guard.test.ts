import { describe, expect, it } from 'vitest';
import { ForbiddenAddressError, forbiddenRange, guardedLookup, isNonPublicIpLiteral } from '../../../../src/pipeline/fetch/address-guard';

describe('forbiddenRange', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'linkLocal'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['0.0.0.0', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'linkLocal'],
    ['fc00::1', 'uniqueLocal'],
    ['fd12:3456::1', 'uniqueLocal'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
    ['[::1]', 'loopback'],
  ])('refuses %s (%s)', (address, range) => {
    expect(forbiddenRange(address)).toBe(range);
  });

  it('judges the IPv4 address inside NAT64 and 6to4 addresses', () => {
    expect(forbiddenRange('64:ff9b::7f00:1')).toBe('loopback via rfc6052');
    expect(forbiddenRange('2002:0a00:0001::1')).toBe('private via 6to4');
    expect(forbiddenRange('64:ff9b::5db8:d822')).toBeUndefined();
  });

  it.each(['93.184.216.34', '8.8.8.8', '151.101.1.69', '2606:4700::6810:85e5', '2a00:1450:4001:80b::200e'])('allows public %s', (address) => {
    expect(forbiddenRange(address)).toBeUndefined();
  });

  it('treats garbage as forbidden rather than allowing it', () => {
    expect(forbiddenRange('not-an-ip')).toBe('unparseable');
  });
});

describe('isNonPublicIpLiteral', () => {
  it('is true only for IP literals outside public space', () => {
    expect(isNonPublicIpLiteral('127.0.0.1')).toBe(true);
    expect(isNonPublicIpLiteral('[::1]')).toBe(true);
    expect(isNonPublicIpLiteral('192.168.0.10')).toBe(true);
    expect(isNonPublicIpLiteral('8.8.8.8')).toBe(false);
    // A name is never trusted to be local: what it resolves to can change.
    expect(isNonPublicIpLiteral('localhost')).toBe(false);
    expect(isNonPublicIpLiteral('example.com')).toBe(false);
  });
});

function lookupOnce(allowPrivate: boolean, hostname: string, all: boolean): Promise<{ err: Error | null; result: unknown }> {
  const lookup = guardedLookup(allowPrivate) as unknown as (h: string, o: object, cb: (err: Error | null, a?: unknown, f?: number) => void) => void;
  return new Promise((resolve) => lookup(hostname, { all }, (err, address, family) => resolve({ err, result: all ? address : { address, family } })));
}

describe('guardedLookup', () => {
  it('refuses a name that resolves only to loopback', async () => {
    const { err } = await lookupOnce(false, 'localhost', true);
    expect(err).toBeInstanceOf(ForbiddenAddressError);
    expect(err?.message).toMatch(/localhost resolves to .* \(loopback\)/);
  });

  it('resolves the same name when private addresses are allowed, in both callback shapes', async () => {
    const all = await lookupOnce(true, 'localhost', true);
    expect(all.err).toBeNull();
    expect((all.result as { address: string }[]).some((a) => a.address === '127.0.0.1' || a.address === '::1')).toBe(true);
    const one = await lookupOnce(true, 'localhost', false);
    expect(one.err).toBeNull();
    expect(one.result).toMatchObject({ address: expect.stringMatching(/^(127\.0\.0\.1|::1)$/) });
  });

  it('passes DNS failures through unchanged', async () => {
    const { err } = await lookupOnce(false, 'no-such-host.invalid', true);
    expect((err as NodeJS.ErrnoException).code).toMatch(/ENOTFOUND|EAI_AGAIN/);
  });
});
