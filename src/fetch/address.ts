import { isInRange, parseAddress, parseRange, type AddressRange, type ParsedAddress } from '../text/index.js';

interface LabelledRange extends AddressRange {
  label: string;
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
