import { isIP, isIPv4, isIPv6 } from 'node:net';

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

const HOSTNAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*\.?$/i;

/** Checks one fetch.allowPrivateNetworks entry: an address, a CIDR range or a hostname. Returns a problem or null. */
export function allowlistEntryProblem(entry: string): string | null {
  if (entry.includes('/') || isIP(entry.replace(/^\[(.*)\]$/, '$1')) !== 0) {
    return parseRange(entry) ? null : `'${entry}' is not a valid CIDR range such as 10.0.0.0/8 or fd00::/8`;
  }
  return HOSTNAME.test(entry) ? null : `'${entry}' is neither an IP address, a CIDR range nor a hostname`;
}
