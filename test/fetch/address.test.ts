import { describe, expect, it } from 'vitest';
import { classifyAddress } from '../../src/fetch/address.js';
import { parseAddress, parseRange } from '../../src/text/index.js';
import { isPrivateAddress } from '../../src/fetch/index.js';

describe('isPrivateAddress', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['10.0.0.1', 'private 10/8'],
    ['172.16.0.1', 'private 172.16/12'],
    ['172.31.255.255', 'private 172.16/12'],
    ['192.168.1.1', 'private 192.168/16'],
    ['169.254.169.254', 'cloud metadata'],
    ['100.64.0.1', 'CGNAT'],
    ['100.127.255.255', 'CGNAT'],
    ['0.0.0.0', 'this network'],
    ['0.1.2.3', 'this network'],
    ['255.255.255.255', 'broadcast'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['192.0.2.10', 'TEST-NET-1'],
    ['198.51.100.10', 'TEST-NET-2'],
    ['203.0.113.10', 'TEST-NET-3'],
    ['198.18.0.1', 'benchmarking'],
    ['::1', 'IPv6 loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local with zone'],
    ['fc00::1', 'unique-local'],
    ['fd12:3456::1', 'unique-local'],
    ['ff02::1', 'IPv6 multicast'],
    ['::ffff:127.0.0.1', 'IPv4-mapped loopback'],
    ['::ffff:7f00:1', 'IPv4-mapped loopback, hex'],
    ['::ffff:10.0.0.1', 'IPv4-mapped private'],
    ['::ffff:169.254.169.254', 'IPv4-mapped metadata'],
    ['64:ff9b::a00:1', 'NAT64 of 10.0.0.1'],
    ['64:ff9b::127.0.0.1', 'NAT64 of loopback'],
    ['64:ff9b:1::1', 'local-use NAT64'],
    ['2002:0a00:0001::1', '6to4 of 10.0.0.1'],
    ['2001:db8::1', 'documentation'],
    ['2001::1', 'Teredo'],
    ['::127.0.0.1', 'IPv4-compatible'],
    ['[::1]', 'bracketed loopback'],
    ['not-an-ip', 'not an address at all'],
  ])('refuses %s (%s)', (ip) => {
    expect(isPrivateAddress(ip)).toBe(true);
  });

  it.each([
    ['93.184.216.34'],
    ['8.8.8.8'],
    ['172.32.0.1'],
    ['100.128.0.1'],
    ['192.88.98.1'],
    ['2606:4700::1111'],
    ['2a00:1450:4001::1'],
    ['::ffff:93.184.216.34'],
    ['64:ff9b::5db8:d822'],
    ['2002:5db8:d822::1'],
  ])('allows public %s', (ip) => {
    expect(isPrivateAddress(ip)).toBe(false);
  });

  it('names the rule that refused an address', () => {
    const mapped = parseAddress('64:ff9b::a9fe:a9fe');
    expect(mapped && classifyAddress(mapped)).toBe('NAT64 of link-local 169.254.0.0/16 (cloud metadata)');
  });
});

describe('parseRange', () => {
  it.each([
    ['127.0.0.1/32', { family: 4, prefix: 32 }],
    ['10.0.0.0/8', { family: 4, prefix: 8 }],
    ['::1/128', { family: 6, prefix: 128 }],
    ['fd00::/8', { family: 6, prefix: 8 }],
    ['127.0.0.1', { family: 4, prefix: 32 }],
    ['::ffff:10.0.0.0/104', { family: 4, prefix: 8 }],
  ])('parses %s', (text, expected) => {
    expect(parseRange(text)).toMatchObject(expected);
  });

  it.each(['10.0.0.0/33', '::1/129', '10.0.0.0/8/8', '10.0.0/8', 'example.org/8', '10.0.0.0/x'])(
    'rejects %s',
    (text) => {
      expect(parseRange(text)).toBeNull();
    },
  );
});
