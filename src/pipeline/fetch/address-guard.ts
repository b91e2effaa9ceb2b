import dns from 'node:dns';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

// The SSRF guard: a feed URL (or a redirect it issues) must not make us talk to the machine we run
// on or to the private network around it. The check runs inside the socket's own DNS lookup, so the
// address we judge is the address we connect to: a name cannot resolve to a public address for the
// check and a private one for the connection (DNS rebinding).

// Public ranges ipaddr.js names separately from plain 'unicast'; everything not listed is refused.
const PUBLIC_V4_RANGES = new Set(['unicast', 'as112', 'amt']);
const PUBLIC_V6_RANGES = new Set(['unicast', 'as112v6', 'amt']);

/** Thrown (via the socket's lookup) when a host resolves only to addresses we refuse to contact. */
export class ForbiddenAddressError extends Error {
  readonly code = 'ERR_FORBIDDEN_ADDRESS';
  constructor(
    readonly hostname: string,
    readonly address: string,
    readonly range: string,
  ) {
    super(`${hostname} resolves to ${address} (${range}), a non-public address; refusing to connect`);
    this.name = 'ForbiddenAddressError';
  }
}

/** Why an IP address is not a public unicast address (e.g. 'loopback', 'private'), or undefined when it is public. */
export function forbiddenRange(address: string): string | undefined {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    // process() turns IPv4-mapped IPv6 (::ffff:127.0.0.1) into the IPv4 address it carries.
    parsed = ipaddr.process(address.replace(/^\[|\]$/g, ''));
  } catch {
    return 'unparseable';
  }
  if (parsed.kind() === 'ipv4') {
    const range = parsed.range();
    return PUBLIC_V4_RANGES.has(range) ? undefined : range;
  }
  const v6 = parsed as ipaddr.IPv6;
  const range = v6.range();
  // NAT64 (64:ff9b::/96) and 6to4 (2002::/16) carry an IPv4 address; judge the one they lead to.
  if (range === 'rfc6052') return embeddedV4Range(v6.parts[6], v6.parts[7], range);
  if (range === '6to4') return embeddedV4Range(v6.parts[1], v6.parts[2], range);
  return PUBLIC_V6_RANGES.has(range) ? undefined : range;
}

function embeddedV4Range(high: number, low: number, via: string): string | undefined {
  const v4 = new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
  const range = v4.range();
  return PUBLIC_V4_RANGES.has(range) ? undefined : `${range} via ${via}`;
}

/**
 * Whether a source may reach non-public addresses: when it is configured on a non-public IP
 * literal, or the operator marked it `privateNetwork`. A hostname alone never qualifies: its
 * DNS could be pointed at a private address by whoever controls it.
 */
export function allowsPrivateAddresses(source: { url: string; privateNetwork?: boolean }): boolean {
  return source.privateNetwork === true || isNonPublicIpLiteral(new URL(source.url).hostname);
}

/** True when a URL's host is an IP literal outside public unicast space (e.g. http://127.0.0.1:8080/). */
export function isNonPublicIpLiteral(hostname: string): boolean {
  const bare = hostname.replace(/^\[|\]$/g, '');
  return ipaddr.isValid(bare) && forbiddenRange(bare) !== undefined;
}

interface LookupAddress {
  address: string;
  family: number;
}

const NONE: ReadonlySet<string> = new Set();

/**
 * Why an address is refused under a policy, or undefined when it may be contacted: non-public
 * ranges unless private addresses are allowed, and the `alwaysRefused` ranges in any case.
 */
export function refusedRange(address: string, allowPrivateAddresses: boolean, alwaysRefused: ReadonlySet<string> = NONE): string | undefined {
  const range = forbiddenRange(address);
  if (range === undefined) return undefined;
  if (!allowPrivateAddresses || alwaysRefused.has(range)) return range;
  return undefined;
}


/**
 * A `lookup` for net/tls connect options that resolves like dns.lookup but drops non-public
 * addresses unless allowed, and the `alwaysRefused` ranges (webhooks: link-local) even then.
 */
export function guardedLookup(allowPrivateAddresses: boolean, alwaysRefused: ReadonlySet<string> = NONE): LookupFunction {
  const lookup = (hostname: string, options: dns.LookupOptions, callback: (...args: any[]) => void): void => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
      if (err) return callback(err);
      let usable = addresses;
      if (!allowPrivateAddresses || alwaysRefused.size > 0) {
        usable = addresses.filter((a) => refusedRange(a.address, allowPrivateAddresses, alwaysRefused) === undefined);
        if (usable.length === 0) {
          const first = addresses[0];
          const refused = first
            ? new ForbiddenAddressError(hostname, first.address, forbiddenRange(first.address) ?? 'unknown')
            : Object.assign(new Error(`${hostname} resolved to no address`), { code: 'ENOTFOUND' });
          return callback(refused);
        }
      }
      // net asks for every address when it races IPv4 and IPv6 (autoSelectFamily), one otherwise.
      if (options.all) return callback(null, usable);
      return callback(null, usable[0].address, usable[0].family);
    });
  };
  return lookup as unknown as LookupFunction;
}
