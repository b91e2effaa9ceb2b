// One spelling per article URL, so the same story reached through a feed, a share link or a
// newsletter is stored once. Conservative on purpose: only changes that cannot point to a
// different page (scheme/host case, default port, fragment, tracking parameters, parameter order).

const TRACKING_PARAMS = new Set([
  'fbclid', 'gclid', 'gclsrc', 'dclid', 'gbraid', 'wbraid', 'msclkid', 'yclid', 'twclid', 'ttclid',
  'mc_cid', 'mc_eid', '_ga', '_gl', 'igshid', 'igsh', 'ref_src', 'ref_url', 'cmpid', 'ncid',
  'sr_share', 'spm', '__twitter_impression', '_hsenc', '_hsmi', 'mkt_tok', 'oly_anon_id',
  'oly_enc_id', 'vero_id', 'vero_conv', 'wt_mc', 'wt_zmc', 'at_medium', 'at_campaign',
  'at_custom1', 'at_custom2', 'at_custom3', 'at_custom4', 'smid', 'cid_source', 's_cid',
]);

const TRACKING_PREFIXES = ['utm_', 'pk_', 'mtm_', 'hsa_'];

/** Thrown for input that is not an absolute (or resolvable) http(s) URL. */
export class UnsupportedUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsupportedUrlError';
  }
}

/** Normalises an article URL for deduplication; throws UnsupportedUrlError for non-http(s) or malformed input. */
export function canonicalUrl(url: string, base?: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url.trim(), base);
  } catch {
    throw new UnsupportedUrlError(`not a valid URL: ${JSON.stringify(url)}${base ? ` (base ${base})` : ''}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new UnsupportedUrlError(`only http and https URLs are accepted, got ${parsed.protocol} in ${JSON.stringify(url)}`);
  }
  // WHATWG URL already lower-cases scheme and host, drops default ports and turns IDN hosts into punycode.
  parsed.hash = '';
  parsed.search = canonicalQuery(parsed.search);
  if (parsed.hostname.endsWith('.')) parsed.hostname = parsed.hostname.slice(0, -1);
  // Paths stay as published: case and repeated slashes can be meaningful (e.g. archive URLs embed "http://").
  return parsed.href;
}

/** True when a query parameter only records how the reader arrived, not which page they see. */
export function isTrackingParam(name: string): boolean {
  const key = name.toLowerCase();
  return TRACKING_PARAMS.has(key) || TRACKING_PREFIXES.some((prefix) => key.startsWith(prefix));
}

// Works on the raw "a=1&b=2" text: re-serialising through URLSearchParams would re-encode
// values (spaces to "+", "/" to "%2F"), which some servers treat as a different page.
function canonicalQuery(search: string): string {
  const raw = search.startsWith('?') ? search.slice(1) : search;
  const pairs = raw
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => ({ pair, key: decodeKey(pair.split('=', 1)[0]) }))
    .filter(({ key }) => !isTrackingParam(key));
  // Array.prototype.sort is stable, so repeated keys keep their relative order.
  pairs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return pairs.length ? `?${pairs.map(({ pair }) => pair).join('&')}` : '';
}

function decodeKey(key: string): string {
  try {
    return decodeURIComponent(key.replace(/\+/g, ' '));
  } catch {
    return key;
  }
}
