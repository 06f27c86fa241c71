import { describe, expect, it } from 'vitest';
import { splitDoctype } from '../../../src/sources/feed/doctype.js';

describe('splitDoctype', () => {
  it('removes a DOCTYPE with an internal subset and names its entities', () => {
    const text = '<?xml version="1.0"?>\n<!-- c --><!DOCTYPE rss [ <!ENTITY a "x>y"> <!-- ] > --> <!ENTITY % p SYSTEM "http://e/p.dtd"> ]><rss/>';
    expect(splitDoctype(text)).toEqual({
      text: '<?xml version="1.0"?>\n<!-- c --><rss/>',
      doctype: '<!DOCTYPE rss [ <!ENTITY a "x>y"> <!-- ] > --> <!ENTITY % p SYSTEM "http://e/p.dtd"> ]>',
      entityNames: ['a', 'p'],
      hasExternalEntity: true,
    });
  });

  it('leaves a "<!DOCTYPE" that is content, not prologue, alone', () => {
    const text = '<rss><item><description><![CDATA[<!DOCTYPE html>]]></description></item></rss>';
    expect(splitDoctype(text)).toMatchObject({ text, doctype: null });
  });

  it('ends an unterminated declaration at its first ">" so the feed still parses', () => {
    expect(splitDoctype('<!DOCTYPE rss [ <!ENTITY a "unterminated> <rss/>').text).toBe(' <rss/>');
  });
});
