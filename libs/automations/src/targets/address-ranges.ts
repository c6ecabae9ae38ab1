import { BlockList, isIPv4, isIPv6 } from 'node:net';

/** Why an address is not on the public internet (the automation target policy refuses these by default). */
export type AddressKind = 'loopback' | 'private' | 'link-local' | 'shared' | 'reserved' | 'unspecified' | 'multicast' | 'broadcast';

/** kinds that are never a target, whatever the operator allows */
export const NEVER_ALLOWED: ReadonlySet<AddressKind> = new Set(['unspecified', 'multicast', 'broadcast']);

const RANGES: readonly [AddressKind, string, number, 'ipv4' | 'ipv6'][] = [
  ['unspecified', '0.0.0.0', 8, 'ipv4'],
  ['loopback', '127.0.0.0', 8, 'ipv4'],
  ['private', '10.0.0.0', 8, 'ipv4'],
  ['private', '172.16.0.0', 12, 'ipv4'],
  ['private', '192.168.0.0', 16, 'ipv4'],
  ['link-local', '169.254.0.0', 16, 'ipv4'], // cloud metadata (169.254.169.254) lives here
  ['shared', '100.64.0.0', 10, 'ipv4'], // carrier-grade NAT
  ['reserved', '192.0.0.0', 24, 'ipv4'],
  ['reserved', '192.0.2.0', 24, 'ipv4'],
  ['reserved', '198.18.0.0', 15, 'ipv4'],
  ['reserved', '198.51.100.0', 24, 'ipv4'],
  ['reserved', '203.0.113.0', 24, 'ipv4'],
  ['multicast', '224.0.0.0', 4, 'ipv4'],
  ['broadcast', '255.255.255.255', 32, 'ipv4'],
  ['reserved', '240.0.0.0', 4, 'ipv4'],
  ['unspecified', '::', 128, 'ipv6'],
  ['loopback', '::1', 128, 'ipv6'],
  ['private', 'fc00::', 7, 'ipv6'],
  ['link-local', 'fe80::', 10, 'ipv6'],
  ['reserved', 'fec0::', 10, 'ipv6'], // deprecated site-local
  ['reserved', '2001:db8::', 32, 'ipv6'],
  ['multicast', 'ff00::', 8, 'ipv6'],
];

/** checked in this order (255.255.255.255 is broadcast before it is part of 240/4) */
const LISTS = new Map<AddressKind, BlockList>(
  (['unspecified', 'loopback', 'private', 'link-local', 'shared', 'multicast', 'broadcast', 'reserved'] as const).map((k) => [
    k,
    new BlockList(),
  ]),
);
for (const [kind, network, prefix, family] of RANGES) {
  LISTS.get(kind)!.addSubnet(network, prefix, family);
}

/** The 16 bytes of an IPv6 address (as `net.isIPv6` accepts it, with or without an embedded dotted IPv4). */
function ipv6Bytes(address: string): number[] {
  const withoutZone = address.split('%')[0]!;
  let text = withoutZone;
  const tail: number[] = [];
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    tail.push(...dotted[1]!.split('.').map(Number));
    text = text.slice(0, -dotted[1]!.length) + '0:0';
  }
  const [head, rest] = text.split('::') as [string, string | undefined];
  const groups = (part: string) => (part === '' ? [] : part.split(':').map((g) => parseInt(g, 16)));
  const left = groups(head);
  const right = rest === undefined ? [] : groups(rest);
  const all = [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right];
  const bytes = all.flatMap((g) => [g >> 8, g & 0xff]);
  if (tail.length === 4) bytes.splice(12, 4, ...tail);
  return bytes;
}

/**
 * The IPv4 address an IPv6 address stands for, when it embeds one in its last 32 bits: IPv4-mapped
 * (::ffff:a.b.c.d), the NAT64 well-known prefix (64:ff9b::a.b.c.d) and the deprecated IPv4-compatible
 * form (::a.b.c.d). Such an address reaches (or may reach) that IPv4 host, so it is judged as that host.
 */
export function embeddedIPv4(address: string): string | null {
  if (!isIPv6(address)) return null;
  const b = ipv6Bytes(address);
  const zeros = (from: number, to: number) => b.slice(from, to).every((x) => x === 0);
  const mapped = zeros(0, 10) && b[10] === 0xff && b[11] === 0xff;
  const nat64 = b[0] === 0x00 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b && zeros(4, 12);
  const compatible = zeros(0, 12) && !zeros(12, 14); // not ::, ::1 or ::x (those are IPv6 special addresses)
  return mapped || nat64 || compatible ? b.slice(12).join('.') : null;
}

/** The kind of a non-public address, or null for a public one (an IP address literal, v4 or v6). */
export function addressKind(address: string): AddressKind | null {
  const v4 = isIPv4(address) ? address : embeddedIPv4(address);
  const family = v4 ? 'ipv4' : 'ipv6';
  const ip = v4 ?? address.split('%')[0]!;
  if (!v4 && !isIPv6(ip)) return 'reserved'; // not an address at all: never treated as public
  for (const [kind, list] of LISTS) if (list.check(ip, family)) return kind;
  return null;
}

/** A CIDR (`10.1.0.0/16`, `fd00::/8`) or a single address, as a matcher; null when the text is not one. */
export function parseCidr(text: string): BlockList | null {
  const [address, prefixText, extra] = text.split('/');
  if (extra !== undefined || !address) return null;
  const family = isIPv4(address) ? 'ipv4' : isIPv6(address) ? 'ipv6' : null;
  if (!family) return null;
  const max = family === 'ipv4' ? 32 : 128;
  const prefix = prefixText === undefined ? max : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
  if (!(prefix >= 0 && prefix <= max)) return null;
  const list = new BlockList();
  list.addSubnet(address, prefix, family);
  return list;
}
