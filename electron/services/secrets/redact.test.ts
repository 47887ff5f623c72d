import { describe, expect, it } from 'vitest';
import { KnownSecrets, redactSecrets } from './redact';

const KEY = 'sk-secret-7f3c9a1e5b2d4f6a8c0e';

describe('redactSecrets', () => {
  it('removes the whole key and every run of 8 or more of its characters', () => {
    expect(redactSecrets(`key ${KEY} refused`, [KEY])).toBe('key ••• refused');
    expect(redactSecrets('Incorrect API key provided: sk-secret-7f3c…', [KEY])).toBe('Incorrect API key provided: •••…');
    expect(redactSecrets('ends with 5b2d4f6a8c0e.', [KEY])).toBe('ends with •••.');
    expect(redactSecrets('middle c9a1e5b2 here', [KEY])).toBe('middle ••• here');
    expect(redactSecrets('prefix sk-secret-7f3c and tail 4f6a8c0e', [KEY])).toBe('prefix ••• and tail •••');
  });

  it('keeps runs shorter than 8 characters, so ordinary words survive', () => {
    expect(redactSecrets('sk-secr and 7f3c9a1 and secret', [KEY])).toBe('sk-secr and 7f3c9a1 and secret');
  });

  it('matches regardless of letter case (some servers upper-case what they echo)', () => {
    expect(redactSecrets('KEY SK-SECRET-7F3C9A1E', [KEY])).toBe('KEY •••');
  });

  it('merges overlapping pieces of several keys and handles keys shorter than 8', () => {
    const other = 'Bearer-ZZZZYYYYXXXX';
    expect(redactSecrets(`a ${KEY.slice(0, 12)}${other.slice(5)} b`, [KEY, other])).toBe('a ••• b');
    expect(redactSecrets('short abcd1 key', ['abcd1'])).toBe('short ••• key');
    expect(redactSecrets('tiny abc', ['abc'])).toBe('tiny abc');
  });
});

describe('KnownSecrets', () => {
  it('redacts with every key it has been told about', () => {
    const known = new KnownSecrets();
    expect(known.redact(`x ${KEY}`)).toBe(`x ${KEY}`);
    known.add(KEY);
    known.add('');
    expect(known.redact(`x ${KEY.slice(3, 15)}`)).toBe('x •••');
  });
});
