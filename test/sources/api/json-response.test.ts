import { describe, expect, it } from 'vitest';
import type { FetchResponse } from '../../../src/fetch/index.js';
import { parseJsonBody, SourceResponseError } from '../../../src/sources/api/index.js';

function response(body: string, contentType: string | null, status = 200): FetchResponse {
  return {
    url: 'https://api.example/x',
    status,
    headers: contentType === null ? {} : { 'content-type': contentType },
    body: Buffer.from(body),
    notModified: false,
    etag: null,
    lastModified: null,
    redirects: [],
    bytes: Buffer.byteLength(body),
    durationMs: 1,
    warnings: [],
  };
}

describe('parseJsonBody', () => {
  it.each([
    ['{"a":[1,"السوسيال"]}', 'application/json; charset=utf-8', { a: [1, 'السوسيال'] }],
    ['\uFEFF[]', 'application/json', []],
    ['{"ok":true}', null, { ok: true }],
  ])('parses %s', (body, contentType, expected) => {
    expect(parseJsonBody(response(body, contentType), 'src')).toEqual(expected);
  });

  it.each([
    ['<html><head><title>Just a moment...</title></head></html>', 'text/html', /src: expected JSON from https:\/\/api\.example\/x but got an HTML page .*title 'Just a moment...'/],
    ['  <!DOCTYPE html><p>maintenance', 'application/json', /HTML page \(HTTP 200, content-type 'application\/json'\)/],
    ['{"truncated": ', 'application/json', /is not valid JSON \(HTTP 200, 14 bytes/],
  ])('throws SourceResponseError for %s', (body, contentType, message) => {
    const call = () => parseJsonBody(response(body, contentType), 'src');
    expect(call).toThrow(SourceResponseError);
    expect(call).toThrow(message);
  });
});
