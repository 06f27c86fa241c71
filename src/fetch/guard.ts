import { promises as dns, type LookupAddress, type LookupOptions } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { buildConnector } from 'undici';
import { isInRange, parseAddress, parseRange, type AddressRange } from '../text/index.js';
import { classifyAddress } from './address.js';
import { FetchBlockedError } from './errors.js';
import { bareHostname } from './url.js';

/** Resolves a hostname to every address it has. Injectable so tests can play DNS without a DNS server. */
export type ResolveHost = (hostname: string) => Promise<LookupAddress[]>;

export const resolveWithDns: ResolveHost = (hostname) => dns.lookup(hostname, { all: true, verbatim: true });

/** Decides, per hostname and resolved address, whether a connection may be opened. */
export interface AddressPolicy {
  /** Why the address is refused, or null when it may be reached. */
  refusal(hostname: string, address: string): string | null;
}

/** Raised inside the connector; the fetcher turns it into a FetchBlockedError naming the request URL. */
export class AddressRefusedError extends Error {
  constructor(
    readonly hostname: string,
    readonly address: string,
    readonly reason: string,
  ) {
    super(hostname === address ? `${address} is ${reason}` : `${hostname} resolves to ${address}, ${reason}`);
    this.name = 'AddressRefusedError';
  }
}

/**
 * Public addresses pass; everything classifyAddress refuses passes only when it lies in one of the allowed ranges
 * or the hostname itself is listed. Entries are validated by the options schema before they get here.
 */
export function createAddressPolicy(allowPrivateNetworks: readonly string[]): AddressPolicy {
  const ranges: AddressRange[] = [];
  const hosts = new Set<string>();
  for (const entry of allowPrivateNetworks) {
    const range = parseRange(entry);
    if (range) ranges.push(range);
    else hosts.add(entry.toLowerCase().replace(/\.$/, ''));
  }
  return {
    refusal(hostname, address) {
      if (hosts.has(hostname.toLowerCase().replace(/\.$/, ''))) return null;
      const parsed = parseAddress(address);
      if (!parsed) return 'not an IP address';
      if (ranges.some((range) => isInRange(parsed, range))) return null;
      return classifyAddress(parsed);
    },
  };
}

/** Refuses a URL whose host is an address literal the policy rejects, before any connection is tried. */
export function assertLiteralAllowed(url: URL, policy: AddressPolicy): void {
  const host = bareHostname(url);
  if (isIP(host) === 0) return;
  const reason = policy.refusal(host, host);
  if (reason !== null) throw blockedError(url.toString(), new AddressRefusedError(host, host, reason));
}

export function blockedError(url: string, refused: AddressRefusedError): FetchBlockedError {
  return new FetchBlockedError(
    url,
    `refused to connect: ${refused.message}; only public addresses and fetch.allowPrivateNetworks are allowed`,
    refused.address,
  );
}

/**
 * A DNS lookup for net.connect that resolves the name itself and refuses the connection when ANY resolved address
 * is refused. The socket connects to the very addresses checked here, so a second, different DNS answer (rebinding)
 * never reaches a socket.
 */
function guardedLookup(policy: AddressPolicy, resolve: ResolveHost): LookupFunction {
  return (hostname: string, options: LookupOptions, callback) => {
    resolve(hostname)
      .then((addresses) => {
        const refused = addresses.find((entry) => policy.refusal(hostname, entry.address) !== null);
        if (refused) {
          const reason = policy.refusal(hostname, refused.address) ?? '';
          throw new AddressRefusedError(hostname, refused.address, reason);
        }
        const wanted = addresses.filter((entry) => !options.family || entry.family === options.family);
        const first = wanted[0];
        if (!first) throw Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND', hostname });
        if (options.all) callback(null, wanted);
        else callback(null, first.address, first.family);
      })
      .catch((err: NodeJS.ErrnoException) => callback(err, ''));
  };
}

export interface GuardedConnectorOptions {
  policy: AddressPolicy;
  resolve: ResolveHost;
  connectTimeoutMs: number;
}

/** The undici connector every socket of the fetcher is opened through (every hop, every robots.txt). */
export function createGuardedConnector(options: GuardedConnectorOptions): buildConnector.connector {
  const connect = buildConnector({
    timeout: options.connectTimeoutMs,
    lookup: guardedLookup(options.policy, options.resolve),
  });
  return (target, callback) => {
    // net.connect skips the lookup for address literals, so they are checked here.
    if (isIP(target.hostname) !== 0) {
      const reason = options.policy.refusal(target.hostname, target.hostname);
      if (reason !== null) {
        callback(new AddressRefusedError(target.hostname, target.hostname, reason), null);
        return;
      }
    }
    connect(target, callback);
  };
}
