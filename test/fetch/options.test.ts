import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors/index.js';
import { createFetcher, DEFAULT_FETCH_OPTIONS, fetchOptionsSchema, redactUrl } from '../../src/fetch/index.js';
import { TEST_USER_AGENT } from './test-server.js';

describe('fetch options', () => {
  it('fills in the documented defaults', () => {
    expect(fetchOptionsSchema.parse({ userAgent: TEST_USER_AGENT })).toEqual({
      userAgent: TEST_USER_AGENT,
      connectTimeoutMs: 10_000,
      headersTimeoutMs: 15_000,
      bodyTimeoutMs: 20_000,
      totalTimeoutMs: 30_000,
      maxBodyBytes: 10 * 1024 * 1024,
      maxRedirects: 5,
      perHostConcurrency: 2,
      perHostMinIntervalMs: 1000,
      respectRobots: true,
      robotsTtlMs: 3_600_000,
      allowPrivateNetworks: [],
    });
    expect(DEFAULT_FETCH_OPTIONS).not.toHaveProperty('userAgent');
    expect(DEFAULT_FETCH_OPTIONS.totalTimeoutMs).toBe(30_000);
  });

  it.each([
    [{ userAgent: 'curl/8.0' }, 'fetch.userAgent: must start with "Vaksam/<version>" and contain a contact URL'],
    [{ userAgent: 'Vaksam/0.1' }, 'fetch.userAgent'],
    [{ userAgent: TEST_USER_AGENT, totalTimeoutMs: 0 }, 'fetch.totalTimeoutMs'],
    [
      { userAgent: TEST_USER_AGENT, allowPrivateNetworks: ['10.0.0.0/40'] },
      "fetch.allowPrivateNetworks.0: '10.0.0.0/40' is not a valid CIDR range",
    ],
    [
      { userAgent: TEST_USER_AGENT, allowPrivateNetworks: ['not a host!'] },
      'is neither an IP address, a CIDR range nor a hostname',
    ],
  ])('refuses %o with a ConfigError naming the key', (options, message) => {
    expect(() => createFetcher(options)).toThrow(ConfigError);
    expect(() => createFetcher(options)).toThrow(message);
  });
});

describe('redactUrl', () => {
  it.each([
    ['https://user:pw@example.org/feed#top', 'https://example.org/feed'],
    [
      'https://api.example.org/v1?access_token=abc&q=lvu',
      'https://api.example.org/v1?access_token=%5Bredacted%5D&q=lvu',
    ],
    [
      'https://x.example/?api_key=1&client_secret=2&X-Amz-Signature=3&page=2',
      'https://x.example/?api_key=%5Bredacted%5D&client_secret=%5Bredacted%5D&X-Amz-Signature=%5Bredacted%5D&page=2',
    ],
    [
      'https://x.example/search?q=socialtj%C3%A4nsten&keyword=lvu',
      'https://x.example/search?q=socialtj%C3%A4nsten&keyword=lvu',
    ],
    ['//user:pw@broken url', '//[redacted]@broken url'],
  ])('redacts %s', (url, expected) => {
    expect(redactUrl(url)).toBe(expected);
  });
});
