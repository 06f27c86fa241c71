import { isIPv4, isIPv6 } from 'node:net';

/** An IP address as a number: 32 bits for IPv4, 128 for IPv6. IPv4-mapped IPv6 is stored as IPv4. */
export interface ParsedAddress {
  family: 4 | 6;
  value: bigint;
}

export interface AddressRange {
  family: 4 | 6;
  base: bigint;
  prefix: number;
}

interface LabelledRange extends AddressRange {
  label: string;
}

/** Parses an IPv4 or IPv6 literal (brackets and zone id allowed); null when it is not one. */
export function parseAddress(text: string): ParsedAddress | null {
  const ip = text.replace(/^\[(.*)\]$/, '$1').replace(/%.*$/, '');
  if (isIPv4(ip)) return { family: 4, value: parseIPv4(ip) };
  if (!isIPv6(ip)) return null;
  const value = parseIPv6(ip);
  // ::ffff:a.b.c.d connects to the IPv4 address, so it is judged (and allowlisted) as that address.
  if (value >> 32n === 0xffffn) return { family: 4, value: value & 0xffffffffn };
  return { family: 6, value };
}

function parseIPv4(ip: string): bigint {
  return ip.split('.').reduce((acc, octet) => (acc << 8n) | BigInt(Number(octet)), 0n);
}

function parseIPv6(ip: string): bigint {
  let text = ip;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted?.[1]) {
    const v4 = parseIPv4(dotted[1]);
    text = `${text.slice(0, -dotted[1].length)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':');
  const zeros = new Array<string>(8 - headGroups.length - tailGroups.length).fill('0');
  const groups = [...headGroups, ...(tail === undefined ? [] : zeros), ...tailGroups];
  return groups.reduce((acc, group) => (acc << 16n) | BigInt(parseInt(group, 16)), 0n);
}

/** Parses "10.0.0.0/8", "fe80::/10" or a single address (a /32 or /128 range); null when malformed. */
export function parseRange(text: string): AddressRange | null {
  const [ip = '', prefixText, extra] = text.trim().split('/');
  if (extra !== undefined) return null;
  const address = parseAddress(ip);
  if (!address) return null;
  const bits = address.family === 4 ? 32 : 128;
  // A mapped IPv6 prefix such as ::ffff:10.0.0.0/104 is stored as the IPv4 range it covers.
  const mappedOffset = address.family === 4 && isIPv6(ip.replace(/^\[(.*)\]$/, '$1')) ? 96 : 0;
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) return null;
  const prefix = prefixText === undefined ? bits : Number(prefixText) - mappedOffset;
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > bits) return null;
  return { family: address.family, base: address.value, prefix };
}

export function isInRange(address: ParsedAddress, range: AddressRange): boolean {
  if (address.family !== range.family) return false;
  const shift = BigInt((range.family === 4 ? 32 : 128) - range.prefix);
  return address.value >> shift === range.base >> shift;
}

function ranges(family: 4 | 6, entries: Array<[string, string]>): LabelledRange[] {
  return entries.map(([cidr, label]) => {
    const range = parseRange(cidr);
    if (!range || range.family !== family) throw new Error(`bad built-in range ${cidr}`);
    return { ...range, label };
  });
}

const BLOCKED_V4 = ranges(4, [
  ['0.0.0.0/8', '"this network" 0.0.0.0/8'],
  ['10.0.0.0/8', 'private 10.0.0.0/8'],
  ['100.64.0.0/10', 'carrier-grade NAT 100.64.0.0/10'],
  ['127.0.0.0/8', 'loopback 127.0.0.0/8'],
  ['169.254.0.0/16', 'link-local 169.254.0.0/16 (cloud metadata)'],
  ['172.16.0.0/12', 'private 172.16.0.0/12'],
  ['192.0.0.0/24', 'IETF protocol assignments 192.0.0.0/24'],
  ['192.0.2.0/24', 'documentation 192.0.2.0/24'],
  ['192.88.99.0/24', '6to4 relay anycast 192.88.99.0/24'],
  ['192.168.0.0/16', 'private 192.168.0.0/16'],
  ['198.18.0.0/15', 'benchmarking 198.18.0.0/15'],
  ['198.51.100.0/24', 'documentation 198.51.100.0/24'],
  ['203.0.113.0/24', 'documentation 203.0.113.0/24'],
  ['224.0.0.0/4', 'multicast 224.0.0.0/4'],
  ['240.0.0.0/4', 'reserved or broadcast 240.0.0.0/4'],
]);

const BLOCKED_V6 = ranges(6, [
  ['::/128', 'unspecified ::'],
  ['::1/128', 'loopback ::1'],
  ['::/96', 'IPv4-compatible ::/96'],
  ['64:ff9b:1::/48', 'local-use NAT64 64:ff9b:1::/48'],
  ['100::/64', 'discard-only 100::/64'],
  ['2001::/32', 'Teredo 2001::/32'],
  ['2001:2::/48', 'benchmarking 2001:2::/48'],
  ['2001:10::/28', 'ORCHID 2001:10::/28'],
  ['2001:20::/28', 'ORCHIDv2 2001:20::/28'],
  ['2001:db8::/32', 'documentation 2001:db8::/32'],
  ['3fff::/20', 'documentation 3fff::/20'],
  ['fc00::/7', 'unique-local fc00::/7'],
  ['fe80::/10', 'link-local fe80::/10'],
  ['fec0::/10', 'site-local fec0::/10'],
  ['ff00::/8', 'multicast ff00::/8'],
]);

const [NAT64, SIX_TO_FOUR, GLOBAL_UNICAST] = ranges(6, [
  ['64:ff9b::/96', 'NAT64'],
  ['2002::/16', '6to4'],
  ['2000::/3', 'global unicast'],
]) as [LabelledRange, LabelledRange, LabelledRange];

/**
 * Why an address must not be fetched from (e.g. "private 10.0.0.0/8"), or null for a public address.
 * Addresses that embed IPv4 (NAT64 64:ff9b::/96, 6to4 2002::/16) are judged by the IPv4 address inside.
 */
export function classifyAddress(address: ParsedAddress): string | null {
  if (address.family === 4) return BLOCKED_V4.find((range) => isInRange(address, range))?.label ?? null;
  if (isInRange(address, NAT64)) return embedded('NAT64', { family: 4, value: address.value & 0xffffffffn });
  if (isInRange(address, SIX_TO_FOUR)) {
    return embedded('6to4', { family: 4, value: (address.value >> 80n) & 0xffffffffn });
  }
  const blocked = BLOCKED_V6.find((range) => isInRange(address, range));
  if (blocked) return blocked.label;
  return isInRange(address, GLOBAL_UNICAST) ? null : 'not global unicast (outside 2000::/3)';
}

function embedded(kind: string, inner: ParsedAddress): string | null {
  const reason = classifyAddress(inner);
  return reason === null ? null : `${kind} of ${reason}`;
}

/** True for any address a public fetcher must not reach (and for text that is not an IP address at all). */
export function isPrivateAddress(ip: string): boolean {
  const address = parseAddress(ip);
  return address === null || classifyAddress(address) !== null;
}
