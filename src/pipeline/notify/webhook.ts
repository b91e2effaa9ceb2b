import { createHmac } from 'node:crypto';
import dns from 'node:dns/promises';
import ipaddr from 'ipaddr.js';
import { Agent, request } from 'undici';
import { guardedLookup, refusedRange } from '../fetch/address-guard';

// Webhook delivery: the body signed with the subscription's secret, sent through the same address
// guard as fetching, so a subscriber cannot point Crosscheck at the machine or network it runs on.

/** Link-local (169.254.0.0/16, fe80::/10) holds cloud metadata services: refused even when private targets are allowed. */
const ALWAYS_REFUSED = new Set(['linkLocal']);

/** Time a receiver gets to answer before the attempt counts as failed. */
const WEBHOOK_TIMEOUT_MS = 10_000;

/** The value of X-Crosscheck-Signature for a raw body. */
export function signature(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

/** Why a webhook URL may not be used (a sentence for a 400), or undefined when it may. Resolves the host now. */
export async function webhookTargetProblem(url: string, allowPrivate: boolean): Promise<string | undefined> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'webhookUrl is not a URL';
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return 'webhookUrl must be http or https';
  if (parsed.username || parsed.password) return 'webhookUrl must not carry credentials; the signature authenticates requests';
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  if (ipaddr.isValid(host)) addresses = [host];
  else {
    try {
      addresses = (await dns.lookup(host, { all: true })).map((a) => a.address);
    } catch {
      return `webhookUrl host ${host} does not resolve`;
    }
  }
  for (const address of addresses) {
    const range = refusedRange(address, allowPrivate, ALWAYS_REFUSED);
    if (range !== undefined) {
      const hint = ALWAYS_REFUSED.has(range) ? 'never allowed' : 'allowed only with WEBHOOK_ALLOW_PRIVATE=true';
      return `webhookUrl resolves to ${address} (${range}), a non-public address: ${hint}`;
    }
  }
  return undefined;
}

export interface WebhookOutcome {
  ok: boolean;
  status?: number;
  error?: string;
}

/** POSTs a signed body; the address guard runs again inside the connection's DNS lookup (DNS can change after creation). */
export async function postWebhook(url: string, body: string, secret: string, allowPrivate: boolean): Promise<WebhookOutcome> {
  const dispatcher = new Agent({ connect: { lookup: guardedLookup(allowPrivate, ALWAYS_REFUSED), timeout: WEBHOOK_TIMEOUT_MS } });
  try {
    // An IP literal skips DNS, so judge it here as well.
    const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
    if (ipaddr.isValid(host)) {
      const range = refusedRange(host, allowPrivate, ALWAYS_REFUSED);
      if (range !== undefined) return { ok: false, error: `forbidden_address: ${host} (${range})` };
    }
    const response = await request(url, {
      method: 'POST',
      dispatcher,
      body,
      headers: { 'content-type': 'application/json', 'user-agent': 'Crosscheck-Webhook/1', 'x-crosscheck-signature': signature(body, secret) },
      headersTimeout: WEBHOOK_TIMEOUT_MS,
      bodyTimeout: WEBHOOK_TIMEOUT_MS,
      maxRedirections: 0,
    } as Parameters<typeof request>[1]);
    await response.body.dump();
    if (response.statusCode >= 200 && response.statusCode < 300) return { ok: true, status: response.statusCode };
    return { ok: false, status: response.statusCode, error: `http_${response.statusCode}` };
  } catch (error) {
    const e = error as Error & { code?: string; cause?: Error & { code?: string } };
    const code = e.code ?? e.cause?.code;
    return { ok: false, error: code === 'ERR_FORBIDDEN_ADDRESS' || e.cause?.name === 'ForbiddenAddressError' ? `forbidden_address: ${e.message}` : `${code ?? e.name}: ${e.message}` };
  } finally {
    await dispatcher.close();
  }
}
