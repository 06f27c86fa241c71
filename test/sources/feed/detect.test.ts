import { describe, expect, it } from 'vitest';
import { detectDocumentKind } from '../../../src/sources/feed/index.js';

describe('detectDocumentKind', () => {
  it.each([
    ['<?xml version="1.0"?><rss version="2.0"><channel/></rss>', 'rss'],
    ['\ufeff  \n<rss>', 'rss'],
    ['<!-- generator --><channel><title>t</title></channel>', 'rss'],
    ['<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"></rdf:RDF>', 'rdf'],
    ['<feed xmlns="http://www.w3.org/2005/Atom"></feed>', 'atom'],
    ['<feed version="0.3" xmlns="http://purl.org/atom/ns#"></feed>', 'atom'],
    ['{"version":"https://jsonfeed.org/version/1.1","items":[]}', 'json'],
    ['<!DOCTYPE html><html><body></body></html>', 'html'],
    ['<div>fragment</div>', 'html'],
    ['plain words', 'html'],
    ['', 'html'],
    ['<!DOCTYPE rss [<!ENTITY x "<b>not the root</b>">]><rss version="2.0"/>', 'rss'],
  ] as const)('%j is %s', (text, kind) => {
    expect(detectDocumentKind(text)).toBe(kind);
  });
});
