import dns from 'node:dns';
import net from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * The SSRF guard: which IP addresses a feed fetch may connect to. A feed URL comes from a server
 * member (`/feeds add`), so without this guard anyone could make the bot fetch the cloud metadata
 * service (169.254.169.254), a router's admin page or a database on the private network.
 *
 * The check runs on the address the socket really connects to — after DNS resolution, in the
 * socket's own `lookup` (so DNS rebinding between a check and the connect cannot slip through) —
 * and, for URLs whose host is already an IP literal (which never go through `lookup`), before
 * the request is made. Both happen before any packet leaves for the refused address.
 */

/** The verdict on one address; `range` names why (ipaddr.js range names, plus a few of ours). */
export interface AddressVerdict {
  allowed: boolean;
  /** e.g. "unicast", "loopback", "private", "linkLocal", "carrierGradeNat", "uniqueLocal". */
  range: string;
}

/** Global unicast IPv6 space (2000::/3); everything outside it is special-purpose or unassigned. */
const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR('2000::/3');

/**
 * Classifies one IP address (v4 or v6, IPv4-mapped v6 unwrapped first). Only public unicast
 * addresses are allowed: loopback, private, link-local, CGNAT, unique-local, multicast, broadcast,
 * unspecified (0.0.0.0/8, ::), documentation, benchmarking, NAT64/6to4/Teredo and reserved ranges
 * are all refused. A string that is not an IP address is refused as "invalid".
 */
export function classifyAddress(ip: string): AddressVerdict {
  // net.isIP is strict (ipaddr.js would read "1.2.3" as a classful address).
  if (net.isIP(ip) === 0) return { allowed: false, range: 'invalid' };
  let parsed = ipaddr.parse(ip);
  if (parsed.kind() === 'ipv6') {
    const v6 = parsed as ipaddr.IPv6;
    if (v6.isIPv4MappedAddress()) parsed = v6.toIPv4Address();
  }
  const range = parsed.range();
  if (range !== 'unicast') return { allowed: false, range };
  if (parsed.kind() === 'ipv6' && !parsed.match(GLOBAL_UNICAST_V6)) {
    return { allowed: false, range: 'notGlobalUnicast' };
  }
  return { allowed: true, range };
}

/** How people are told what kind of address was refused (ipaddr.js's range names are not words). */
const RANGE_WORDS: Record<string, string> = {
  loopback: 'a loopback address (this machine itself)',
  private: 'a private-network address',
  linkLocal: 'a link-local address (such as a cloud metadata service)',
  carrierGradeNat: "a carrier-grade NAT address (inside a provider's network)",
  uniqueLocal: 'a private-network (unique-local IPv6) address',
  unspecified: 'an unspecified address (0.0.0.0 or ::)',
  broadcast: 'a broadcast address',
  multicast: 'a multicast address',
  invalid: 'not an IP address',
  notGlobalUnicast: 'not a public IPv6 address',
};

/** "a private-network address", for messages; special-purpose ranges without words of their own are called that. */
export function describeAddressRange(range: string): string {
  return RANGE_WORDS[range] ?? 'a special-purpose address, not a public one';
}

/** True for a public unicast address (see classifyAddress). */
export function isPublicAddress(ip: string): boolean {
  return classifyAddress(ip).allowed;
}

/** Decides whether one resolved address may be connected to. */
export type AddressPolicy = (ip: string) => boolean;

export interface AddressPolicyOptions {
  /** ALLOW_PRIVATE_FEED_HOSTS: when true every address is allowed. */
  allowPrivateHosts: boolean;
  /**
   * Replaces the default rule (public unicast only) when the guard is on. Meant for tests that
   * serve feeds on 127.0.0.1 and still want every other private address refused:
   * `isAllowedAddress: (ip) => ip === '127.0.0.1'`.
   */
  isAllowedAddress?: AddressPolicy;
}

export function createAddressPolicy(options: AddressPolicyOptions): AddressPolicy {
  if (options.allowPrivateHosts) return () => true;
  return options.isAllowedAddress ?? isPublicAddress;
}

/** Raised inside the socket's lookup when a host resolves to a refused address. */
export class BlockedAddressLookupError extends Error {
  readonly code = 'EBLOCKEDADDRESS';
  constructor(
    readonly hostname: string,
    readonly address: string,
  ) {
    super(`${hostname} resolves to ${address}, ${describeAddressRange(classifyAddress(address).range)}`);
    this.name = 'BlockedAddressLookupError';
  }
}

/**
 * Checks a URL host that is an IP literal (brackets of IPv6 literals already removed or not).
 * Returns undefined when the host is a name (it will be checked at lookup) or an allowed address,
 * else a description of why it is refused.
 */
export function checkLiteralHost(hostname: string, policy: AddressPolicy): string | undefined {
  const host = hostname.replace(/^\[(.*)\]$/, '$1');
  if (net.isIP(host) === 0) return undefined;
  if (policy(host)) return undefined;
  return `${host} is ${describeAddressRange(classifyAddress(host).range)}`;
}

type LookupFunction = NonNullable<net.TcpSocketConnectOpts['lookup']>;
type LookupAllCallback = (err: NodeJS.ErrnoException | null, addresses: dns.LookupAddress[]) => void;
type LookupOneCallback = (err: NodeJS.ErrnoException | null, address: string, family: number) => void;

/** Resolves a host name to every address it has (dns.lookup with `all: true` by default). */
export type ResolveHost = (hostname: string) => Promise<dns.LookupAddress[]>;

export const resolveWithSystemDns: ResolveHost = (hostname) => dns.promises.lookup(hostname, { all: true });

/**
 * A `lookup` for net/http/https that resolves the host and then refuses the connection when any
 * resolved address fails the policy (a name that resolves to both a public and a private address
 * is treated as hostile). Handles both the single-address and the `all: true` form (Node's
 * happy-eyeballs connect asks for all addresses).
 */
export function createGuardedLookup(policy: AddressPolicy, resolveHost: ResolveHost = resolveWithSystemDns): LookupFunction {
  const guarded = (hostname: string, options: dns.LookupOptions, callback: LookupAllCallback | LookupOneCallback) => {
    const deliver = (error: NodeJS.ErrnoException | null, addresses: dns.LookupAddress[]): void => {
      if (options.all === true) {
        (callback as LookupAllCallback)(error, addresses);
        return;
      }
      const first = addresses[0];
      (callback as LookupOneCallback)(error, first?.address ?? '', first?.family ?? 0);
    };
    resolveHost(hostname)
      .then((resolved) => checkResolved(hostname, resolved, familyOf(options), policy))
      .then(
        (addresses) => deliver(null, addresses),
        (error: NodeJS.ErrnoException) => deliver(error, []),
      );
  };
  return guarded;
}

function familyOf(options: dns.LookupOptions): 0 | 4 | 6 {
  if (options.family === 4 || options.family === 'IPv4') return 4;
  if (options.family === 6 || options.family === 'IPv6') return 6;
  return 0;
}

function checkResolved(
  hostname: string,
  resolved: dns.LookupAddress[],
  family: 0 | 4 | 6,
  policy: AddressPolicy,
): dns.LookupAddress[] {
  const addresses = family === 0 ? resolved : resolved.filter((entry) => entry.family === family);
  const refused = addresses.find((entry) => !policy(entry.address));
  if (refused !== undefined) throw new BlockedAddressLookupError(hostname, refused.address);
  if (addresses.length === 0) throw Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' });
  return addresses;
}
