/**
 * The pure labelling rules both the sandbox and the app's preview proxy serve by (the servers'
 * own tests check the headers on the wire).
 */
import { describe, expect, it } from 'vitest';
import { contentHeaders, mimeEssence } from './content-safety';

describe('mimeEssence and contentHeaders', () => {
  it('keeps only a well-formed type/subtype, lower-cased', () => {
    expect(mimeEssence(' Text/Plain ; charset=UTF-8')).toBe('text/plain');
    expect(mimeEssence('text/plain, text/html')).toBeUndefined();
    expect(mimeEssence('text/html\u0000')).toBeUndefined();
    expect(mimeEssence('texthtml')).toBeUndefined();
    expect(mimeEssence('/html')).toBeUndefined();
  });

  it('encodes the file name so no header can be broken out of', () => {
    const headers = contentHeaders('text/plain', 'a"b\r\nc\'(d).txt');
    expect(headers['Content-Disposition']).toBe("inline; filename*=UTF-8''a%22b%0D%0Ac%27%28d%29.txt");
  });
});
