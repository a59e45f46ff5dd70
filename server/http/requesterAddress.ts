import type { Context } from 'hono';
import { clientAddress } from './context.js';

/**
 * The address of the person behind a request, for counting their failures. Behind a reverse
 * proxy every socket comes from the proxy, so with `trustedProxies` > 0 the address the nearest
 * proxies recorded is taken instead: the `trustedProxies`-th from the right of
 * `X-Forwarded-For` (else of `Forwarded`), since entries further left were written by whoever
 * sent the request and prove nothing. Without trusted proxies the headers are ignored: a client
 * must not choose the key its failures are counted under.
 */
export function requesterAddress(c: Context, trustedProxies: number): string {
  const socket = clientAddress(c);
  if (trustedProxies <= 0) return socket;
  const chain = forwardedChain(c.req.header('x-forwarded-for'), c.req.header('forwarded'));
  if (chain.length === 0) return socket;
  // Fewer entries than trusted hops: the leftmost is the farthest one a trusted proxy saw.
  return chain[Math.max(0, chain.length - trustedProxies)]!;
}

/** The addresses a request passed through, client first, from `X-Forwarded-For` or RFC 7239 `Forwarded`. */
export function forwardedChain(xForwardedFor: string | undefined, forwarded: string | undefined): string[] {
  if (xForwardedFor !== undefined && xForwardedFor.trim() !== '') {
    return xForwardedFor
      .split(',')
      .map((entry) => normalise(entry.trim()))
      .filter((entry) => entry !== '');
  }
  if (forwarded === undefined) return [];
  const chain: string[] = [];
  for (const element of forwarded.split(',')) {
    for (const pair of element.split(';')) {
      const eq = pair.indexOf('=');
      if (eq < 0 || pair.slice(0, eq).trim().toLowerCase() !== 'for') continue;
      const value = normalise(
        pair
          .slice(eq + 1)
          .trim()
          .replace(/^"(.*)"$/, '$1'),
      );
      if (value !== '') chain.push(value);
    }
  }
  return chain;
}

/** `[2001:db8::1]:4711` → `2001:db8::1`, `192.0.2.1:80` → `192.0.2.1`; anything else as given. */
function normalise(entry: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(entry);
  if (bracketed) return bracketed[1]!;
  const v4WithPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(entry);
  if (v4WithPort) return v4WithPort[1]!;
  return entry.slice(0, 100);
}
