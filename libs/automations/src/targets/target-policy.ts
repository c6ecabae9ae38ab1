import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { networkInterfaces } from 'node:os';
import { addressKind, embeddedIPv4, NEVER_ALLOWED, parseCidr } from './address-ranges';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Host name → every address it resolves to (the default: the system resolver, `dns.lookup(host, { all: true })`). */
export type Resolver = (host: string) => Promise<ResolvedAddress[]>;

/** An address and port the service itself listens on. */
export interface Listener {
  address: string;
  port: number;
}

/** AUTOMATION_ALLOWED_HOSTS, parsed: exact host names, and networks (CIDRs or single addresses). */
export interface AllowedHosts {
  names: ReadonlySet<string>;
  networks: readonly { text: string; list: BlockList }[];
}

export interface TargetPolicyOptions {
  /** AUTOMATION_ALLOW_LOCAL_NETWORK: loopback, private, link-local, shared (CGNAT) and reserved addresses are allowed */
  allowLocalNetwork: boolean;
  allowedHosts: AllowedHosts;
  resolve?: Resolver;
  /** where the service itself listens (read at each check: the port is known only once it listens) */
  listeners?: () => readonly Listener[];
}

/** The short reasons of a refusal, as stored and logged (never the network's own error text). */
export type RefusalReason = 'target not allowed' | 'dns';

export type TargetCheck =
  | { allowed: true; url: URL; host: string; port: number; addresses: ResolvedAddress[] }
  | { allowed: false; reason: RefusalReason; detail: string };

const HOST_NAME = /^(?=.{1,253}$)[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*$/;
const normalHost = (host: string): string => host.toLowerCase().replace(/\.$/, '');
const unbracket = (hostname: string): string => (hostname.startsWith('[') ? hostname.slice(1, -1) : hostname);
/** an address as compared for "is this me": IPv4-mapped and NAT64 forms as their IPv4, lower case */
const sameAddress = (address: string): string => embeddedIPv4(address) ?? address.split('%')[0]!.toLowerCase();

/** Parses AUTOMATION_ALLOWED_HOSTS (comma-separated host names, IP addresses and CIDRs); a string naming the bad entry otherwise. */
export function parseAllowedHosts(text: string | undefined): AllowedHosts | string {
  const names = new Set<string>();
  const networks: { text: string; list: BlockList }[] = [];
  for (const raw of (text ?? '').split(',')) {
    const entry = raw.trim();
    if (entry === '') continue;
    const network = parseCidr(entry.replace(/^\[(.*)\]$/, '$1'));
    if (network) networks.push({ text: entry, list: network });
    else if (HOST_NAME.test(normalHost(entry))) names.add(normalHost(entry));
    else return `'${entry}' is neither a host name, an IP address nor a CIDR`;
  }
  return { names, networks };
}

const systemResolver: Resolver = async (host) =>
  (await lookup(host, { all: true, verbatim: true })).map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));

const localAddresses = (): Set<string> =>
  new Set(
    Object.values(networkInterfaces())
      .flat()
      .map((i) => sameAddress(i?.address ?? '')),
  );

/**
 * The automation target policy (docs/api.md "Automation targets"): http/https only, no credentials in the
 * URL, and every address the host resolves to must be public — unless the operator allows the local
 * network (AUTOMATION_ALLOW_LOCAL_NETWORK) or the host or its address is on AUTOMATION_ALLOWED_HOSTS.
 * Unspecified, multicast and broadcast addresses and the service's own listener are refused always.
 * Checked when an endpoint is registered and before every delivery attempt; the delivery then
 * connects to exactly the addresses checked (no second lookup that DNS rebinding could change).
 */
export class TargetPolicy {
  private readonly resolve: Resolver;

  constructor(private readonly options: TargetPolicyOptions) {
    this.resolve = options.resolve ?? systemResolver;
  }

  /** The URL's problems that need no network (scheme, credentials, syntax); null when there are none. */
  static urlProblem(text: string): string | null {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      return 'url must be an absolute http or https URL';
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'url must use http or https';
    if (url.username !== '' || url.password !== '') return 'url must not contain a user name or password';
    if (url.hostname === '') return 'url must name a host';
    return null;
  }

  async check(text: string): Promise<TargetCheck> {
    const problem = TargetPolicy.urlProblem(text);
    if (problem) return { allowed: false, reason: 'target not allowed', detail: problem };
    const url = new URL(text);
    const host = unbracket(url.hostname);
    const port = url.port !== '' ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
    let addresses: ResolvedAddress[];
    if (isIP(host)) addresses = [{ address: host, family: isIP(host) === 6 ? 6 : 4 }];
    else {
      try {
        addresses = await this.resolve(host);
      } catch {
        addresses = [];
      }
      if (addresses.length === 0) return { allowed: false, reason: 'dns', detail: `url's host '${host}' does not resolve` };
    }
    const nameAllowed = this.options.allowedHosts.names.has(normalHost(host));
    for (const { address } of addresses) {
      const refusal = this.refusalOf(address, port, nameAllowed);
      if (refusal) return { allowed: false, reason: 'target not allowed', detail: refusal };
    }
    return { allowed: true, url, host, port, addresses };
  }

  private refusalOf(address: string, port: number, nameAllowed: boolean): string | null {
    if (this.isSelf(address, port)) return 'url points to this service itself';
    const kind = addressKind(address);
    if (kind === null) return null;
    if (NEVER_ALLOWED.has(kind)) return `url points to a ${kind} address, which is never a target`;
    if (this.options.allowLocalNetwork || nameAllowed || this.inAllowedNetwork(address)) return null;
    return `url points to a ${kind} address; targets on the local network are refused unless the operator allows them (AUTOMATION_ALLOW_LOCAL_NETWORK, AUTOMATION_ALLOWED_HOSTS)`;
  }

  private inAllowedNetwork(address: string): boolean {
    const v4 = embeddedIPv4(address);
    return this.options.allowedHosts.networks.some(({ list }) =>
      v4 ? list.check(v4, 'ipv4') : isIP(address) === 4 ? list.check(address, 'ipv4') : list.check(address.split('%')[0]!, 'ipv6'),
    );
  }

  private isSelf(address: string, port: number): boolean {
    const listeners = this.options.listeners?.() ?? [];
    if (!listeners.some((l) => l.port === port)) return false;
    const target = sameAddress(address);
    const kind = addressKind(target);
    if (kind === 'loopback' || kind === 'unspecified' || localAddresses().has(target)) return true;
    return listeners.some((l) => l.port === port && sameAddress(l.address) === target);
  }
}
