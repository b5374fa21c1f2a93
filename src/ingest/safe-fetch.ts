import { lookup } from 'node:dns/promises';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { Readable } from 'node:stream';
import { LedeError } from '../core/errors.js';

/** Every address of a host name, as `dns.lookup(name, { all: true })` gives them. */
export type ResolveHost = (hostname: string) => Promise<Array<{ address: string; family: number }>>;

export const systemResolve: ResolveHost = (hostname) => lookup(hostname, { all: true, verbatim: true });

/**
 * Addresses a wire item's URL may not make us fetch: this host, the local network, cloud
 * metadata. Two lists, as a BlockList matches IPv4 addresses against its IPv6 rules as mapped.
 */
function privateRanges(): { v4: BlockList; v6: BlockList } {
  const v4 = new BlockList();
  for (const [net, prefix] of [
    ['0.0.0.0', 8], // "this network": 0.0.0.0 reaches this host
    ['10.0.0.0', 8],
    ['100.64.0.0', 10], // carrier-grade NAT
    ['127.0.0.0', 8],
    ['169.254.0.0', 16], // link-local, cloud metadata (169.254.169.254)
    ['172.16.0.0', 12],
    ['192.0.0.0', 24],
    ['192.168.0.0', 16],
    ['198.18.0.0', 15], // benchmarking
    ['224.0.0.0', 4], // multicast
    ['240.0.0.0', 4], // reserved, broadcast
  ] as const)
    v4.addSubnet(net, prefix, 'ipv4');
  const v6 = new BlockList();
  for (const [net, prefix] of [
    ['::', 96], // unspecified, loopback (::1), IPv4-compatible
    ['64:ff9b::', 96], // NAT64 (could reach any IPv4 address, private ones too)
    ['fc00::', 7], // unique local
    ['fe80::', 10], // link-local
    ['fec0::', 10], // site-local (deprecated)
    ['ff00::', 8], // multicast
  ] as const)
    v6.addSubnet(net, prefix, 'ipv6');
  return { v4, v6 };
}

/** The eight 16-bit groups of a valid IPv6 address (`::` expanded, a dotted IPv4 tail split in two). */
function ipv6Groups(address: string): number[] {
  let text = address.replace(/%.*$/, '');
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text)?.[1];
  if (dotted) {
    const [a, b, c, d] = dotted.split('.').map(Number) as [number, number, number, number];
    text = `${text.slice(0, -dotted.length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const parse = (part: string) => (part === '' ? [] : part.split(':').map((g) => Number.parseInt(g, 16)));
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  return [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
}

/** The IPv4 address an IPv4-mapped IPv6 address (`::ffff:a.b.c.d`, in any spelling) carries. */
function mappedIpv4(address: string): string | undefined {
  const g = ipv6Groups(address);
  if (g.length !== 8 || g.slice(0, 5).some((n) => n !== 0) || g[5] !== 0xffff) return undefined;
  return [g[6]! >> 8, g[6]! & 255, g[7]! >> 8, g[7]! & 255].join('.');
}

/**
 * Whether an address is private, loopback, link-local or otherwise not on the public internet
 * (IPv4, IPv6, and IPv4-mapped IPv6 such as `::ffff:127.0.0.1`). Anything that is not an IP
 * address at all counts as private.
 */
export function isPrivateAddress(address: string, ranges = privateRanges()): boolean {
  const family = isIP(address);
  if (family === 4) return ranges.v4.check(address, 'ipv4');
  if (family !== 6) return true;
  const v4 = mappedIpv4(address);
  return v4 !== undefined ? ranges.v4.check(v4, 'ipv4') : ranges.v6.check(address, 'ipv6');
}

export interface SafeFetchOptions {
  /** What is fetched, for messages: `picture`, `feed`. */
  label: string;
  signal?: AbortSignal;
  headers?: Record<string, string>;
  /** The source's `allowPrivateFetch` rule: its pictures or feed live on a private network. */
  allowPrivate?: boolean;
  maxRedirects?: number;
  resolve?: ResolveHost;
  /** The rule an address is refused by: `isPrivateAddress` (tests stand a local server in for a public host). */
  isBlocked?: (address: string) => boolean;
}

const refused = (label: string, url: URL, reason: string) =>
  new LedeError('LEDE_INGEST_FETCH', `${label} ${url.href} refused: ${reason}`, {
    details: { value: url.href },
    help: 'a source whose pictures or feed are on a private network: lede sources set SLUG --allow-private-fetch',
  });

/** One GET to exactly `address`: the socket connects where the check looked, never to a fresh DNS answer. */
function get(url: URL, address: { address: string; family: number }, options: SafeFetchOptions): Promise<IncomingMessage> {
  const pinned: LookupFunction = (_hostname, lookupOptions, callback) => {
    if (lookupOptions.all) callback(null, [address]);
    else callback(null, address.address, address.family);
  };
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'GET', headers: options.headers, signal: options.signal, lookup: pinned, agent: false }, resolve);
    req.on('error', reject);
    req.end();
  });
}

const isRedirect = (status: number) => status === 301 || status === 302 || status === 303 || status === 307 || status === 308;

/**
 * `fetch` for URLs that come from outside (a wire item's picture, a feed and its redirects):
 * each host is resolved here, refused when any of its addresses is private, loopback or
 * link-local (unless the source allows it), and the connection goes to the address that was
 * checked, so a DNS answer that changes between check and connect (rebinding) gains nothing.
 * Redirects are followed here, a few at most, each checked the same way.
 */
export async function safeFetch(href: string, options: SafeFetchOptions): Promise<Response> {
  const resolveHost = options.resolve ?? systemResolve;
  const maxRedirects = options.maxRedirects ?? 5;
  let url = new URL(href);
  for (let hops = 0; ; hops++) {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw refused(options.label, url, `${url.protocol} is not http or https`);
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    const addresses = isIP(host) ? [{ address: host, family: isIP(host) }] : await resolveHost(host);
    if (addresses.length === 0) throw refused(options.label, url, `${host} has no address`);
    if (!options.allowPrivate) {
      const ranges = privateRanges();
      const isBlocked = options.isBlocked ?? ((address: string) => isPrivateAddress(address, ranges));
      const blocked = addresses.find((a) => isBlocked(a.address));
      if (blocked) throw refused(options.label, url, `${host} is ${blocked.address}, a private, loopback or link-local address`);
    }
    const response = await get(url, addresses[0]!, options);
    const status = response.statusCode ?? 0;
    const location = response.headers.location;
    if (isRedirect(status) && location) {
      response.resume();
      if (hops >= maxRedirects) throw refused(options.label, url, `more than ${maxRedirects} redirects`);
      url = new URL(location, url);
      continue;
    }
    const headers = new Headers();
    for (let i = 0; i + 1 < response.rawHeaders.length; i += 2) headers.append(response.rawHeaders[i]!, response.rawHeaders[i + 1]!);
    const hasBody = status !== 204 && status !== 304;
    if (!hasBody) response.resume();
    return new Response(hasBody ? (Readable.toWeb(response) as ReadableStream<Uint8Array>) : null, { status, headers });
  }
}
