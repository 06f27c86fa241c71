import type { LookupAddress } from 'node:dns';
import { afterEach, describe, expect, it } from 'vitest';
import { isPermanent } from '../../src/errors/index.js';
import {
  AddressRefusedError,
  createAddressPolicy,
  createGuardedConnector,
  type ResolveHost,
} from '../../src/fetch/guard.js';
import { createTracker, pageRequests, rejection } from './test-server.js';

const track = createTracker();
afterEach(() => track.closeAll());

/** A resolver that plays DNS for invented names and records every name it was asked for. */
function fakeDns(answers: Record<string, string[]>): ResolveHost & { asked: string[] } {
  const asked: string[] = [];
  const resolve = async (hostname: string): Promise<LookupAddress[]> => {
    asked.push(hostname);
    const addresses = answers[hostname];
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
  return Object.assign(resolve, { asked });
}

const okHandler = (_req: unknown, res: { end(body: string): void }) => res.end('hello');

describe('SSRF guard at connect time', () => {
  it.each([
    ['127.0.0.1', ['127.0.0.1']],
    ['10.0.0.1', ['10.0.0.1']],
    ['a mix with one private answer', ['93.184.216.34', '10.0.0.1']],
    ['an IPv4-mapped loopback', ['::ffff:127.0.0.1']],
    ['a unique-local IPv6', ['fd00::1']],
  ])('refuses a hostname whose DNS answer is %s, with no allowlist', async (_label, addresses) => {
    const server = await track.server(okHandler);
    const resolveHost = fakeDns({ 'feeds.example.test': addresses });
    const fetcher = track.fetcher({ allowPrivateNetworks: [], resolveHost, respectRobots: true });
    const err = await rejection(fetcher.fetch({ url: `http://feeds.example.test:${server.port}/feed` }));

    expect(err.code).toBe('FETCH_BLOCKED');
    expect(isPermanent(err)).toBe(true);
    expect(err.message).toContain(`http://feeds.example.test:${server.port}/`);
    expect(err.message).toMatch(/feeds\.example\.test resolves to .*allowPrivateNetworks/);
    expect(resolveHost.asked).toContain('feeds.example.test');
    expect(server.requests).toHaveLength(0);
  });

  it('reaches the server through a name resolving to 127.0.0.1 when 127.0.0.1 is allowlisted', async () => {
    const server = await track.server(okHandler);
    const resolveHost = fakeDns({ 'feeds.example.test': ['127.0.0.1'] });
    const fetcher = track.fetcher({ allowPrivateNetworks: ['127.0.0.1/32'], resolveHost, respectRobots: true });
    const response = await fetcher.fetch({ url: `http://feeds.example.test:${server.port}/feed` });

    expect(response.body.toString()).toBe('hello');
    expect(pageRequests(server)[0]?.headers.host).toBe(`feeds.example.test:${server.port}`);
  });

  it('lets an allowlisted hostname through whatever it resolves to', async () => {
    const server = await track.server(okHandler);
    const resolveHost = fakeDns({ 'intranet.example.test': ['127.0.0.1'] });
    const fetcher = track.fetcher({ allowPrivateNetworks: ['intranet.example.test'], resolveHost });

    await expect(fetcher.fetch({ url: `http://intranet.example.test:${server.port}/` })).resolves.toMatchObject({
      status: 200,
    });
  });

  it('refuses literal loopback URLs without an allowlist and without connecting', async () => {
    const server = await track.server(okHandler);
    const fetcher = track.fetcher({ allowPrivateNetworks: [] });
    const cases: Array<[string, string]> = [
      [`${server.origin}/`, '127.0.0.1'],
      [`http://[::ffff:127.0.0.1]:${server.port}/`, '::ffff:7f00:1'],
      [`http://0x7f000001:${server.port}/`, '127.0.0.1'],
      [`http://[::1]:${server.port}/`, '::1'],
    ];
    for (const [url, address] of cases) {
      const err = await rejection(fetcher.fetch({ url }));
      expect(err.code, url).toBe('FETCH_BLOCKED');
      expect(err.details.address, url).toBe(address);
    }
    expect(server.requests).toHaveLength(0);
  });

  it.each([
    ['cloud metadata', 'http://169.254.169.254/latest/meta-data/', '169.254.169.254'],
    ['metadata in hex notation', 'http://0xa9.254.169.254/', '169.254.169.254'],
    ['IPv6 loopback that is not allowlisted', 'http://[::1]:PORT/', '::1'],
    ['a private address', 'http://10.0.0.1/admin', '10.0.0.1'],
    ['a mapped private address', 'http://[::ffff:10.0.0.1]/', '::ffff:a00:1'],
    ['NAT64 of a private address', 'http://[64:ff9b::a00:1]/', '64:ff9b::a00:1'],
    ['a name resolving to a private address', 'http://internal.example.test/', '10.0.0.1'],
  ])('refuses a redirect to %s', async (_label, target, address) => {
    const server = await track.server((req, res) => {
      res.writeHead(302, { Location: target.replace('PORT', String(req.socket.localPort)) });
      res.end();
    });
    const resolveHost = fakeDns({ 'internal.example.test': ['10.0.0.1'] });
    const fetcher = track.fetcher({ allowPrivateNetworks: ['127.0.0.1/32'], resolveHost });
    const err = await rejection(fetcher.fetch({ url: `${server.origin}/start` }));

    expect(err.code).toBe('FETCH_BLOCKED');
    expect(err.details.address).toBe(address);
    expect(server.requests).toHaveLength(1);
  });
});

describe('createGuardedConnector', () => {
  const policy = createAddressPolicy([]);

  it('refuses an address literal without opening a socket', async () => {
    const resolveHost = fakeDns({});
    const connect = createGuardedConnector({ policy, resolve: resolveHost, connectTimeoutMs: 1000 });
    const err = await new Promise<Error | null>((resolve) => {
      connect({ hostname: '169.254.169.254', protocol: 'http:', port: '80' }, (...args) => resolve(args[0]));
    });

    expect(err).toBeInstanceOf(AddressRefusedError);
    expect(err?.message).toContain('link-local 169.254.0.0/16');
    expect(resolveHost.asked).toEqual([]);
  });

  it('checks every address DNS returns for a name before connecting', async () => {
    const resolveHost = fakeDns({ 'rebind.example.test': ['93.184.216.34', '192.168.0.1'] });
    const connect = createGuardedConnector({ policy, resolve: resolveHost, connectTimeoutMs: 1000 });
    const err = await new Promise<Error | null>((resolve) => {
      connect({ hostname: 'rebind.example.test', protocol: 'http:', port: '80' }, (...args) => resolve(args[0]));
    });

    expect(err).toBeInstanceOf(AddressRefusedError);
    expect((err as AddressRefusedError).address).toBe('192.168.0.1');
  });
});

describe('allowPrivateNetworks', () => {
  it.each([
    ['127.0.0.1/32', '127.0.0.1', true],
    ['127.0.0.1/32', '127.0.0.2', false],
    ['127.0.0.1/32', '::ffff:127.0.0.1', true],
    ['127.0.0.1/32', '::1', false],
    ['10.0.0.0/8', '10.20.30.40', true],
    ['10.0.0.0/8', '172.16.0.1', false],
    ['fd00::/8', 'fd12::1', true],
    ['fd00::/8', 'fc00::1', false],
    ['::1', '::1', true],
  ])('entry %s opens %s: %s', (entry, address, allowed) => {
    const refusal = createAddressPolicy([entry]).refusal('host.example.test', address);
    expect(refusal === null).toBe(allowed);
  });
});
