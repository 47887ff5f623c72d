/**
 * The harness's gatekeeping rules, tested as plain functions: which Host, Origin and token get a
 * page or a WebSocket, and how frames from the socket are read.
 */
import { describe, expect, it } from 'vitest';
import { checkUpgrade, isAllowedOrigin, isOwnHost, newHarnessToken, readTarget, tokenMatches } from './access';
import { readFrame } from './frames';

const PORT = 41234;
const TOKEN = newHarnessToken();
const own = { host: `127.0.0.1:${PORT}`, origin: `http://127.0.0.1:${PORT}` };
const socketUrl = (token?: string) => readTarget(token === undefined ? '/__harness/ws' : `/__harness/ws?token=${encodeURIComponent(token)}`);

describe('harness access rules', () => {
  it('makes a long, different token every time', () => {
    expect(TOKEN).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newHarnessToken()).not.toBe(TOKEN);
  });

  it('answers only to its own Host (a rebound DNS name is refused)', () => {
    expect(isOwnHost(`127.0.0.1:${PORT}`, PORT)).toBe(true);
    expect(isOwnHost(`LOCALHOST:${PORT}`, PORT)).toBe(true);
    expect(isOwnHost(`evil.example:${PORT}`, PORT)).toBe(false);
    expect(isOwnHost(`127.0.0.1:${PORT + 1}`, PORT)).toBe(false);
    expect(isOwnHost(undefined, PORT)).toBe(false);
  });

  it('allows its own origin and clients that send none, and refuses every other origin', () => {
    expect(isAllowedOrigin(`http://127.0.0.1:${PORT}`, PORT)).toBe(true);
    expect(isAllowedOrigin(`http://localhost:${PORT}`, PORT)).toBe(true);
    expect(isAllowedOrigin(undefined, PORT)).toBe(true);
    for (const origin of ['http://evil.example', `http://evil.example:${PORT}`, 'null', `https://127.0.0.1:${PORT}`, `http://127.0.0.1:${PORT + 1}`, '']) {
      expect(isAllowedOrigin(origin, PORT), origin).toBe(false);
    }
  });

  it('compares tokens exactly, and never accepts a missing or empty one', () => {
    expect(tokenMatches(TOKEN, TOKEN)).toBe(true);
    expect(tokenMatches(TOKEN, `${TOKEN}x`)).toBe(false);
    expect(tokenMatches(TOKEN, TOKEN.slice(1))).toBe(false);
    expect(tokenMatches(TOKEN, '')).toBe(false);
    expect(tokenMatches(TOKEN, null)).toBe(false);
  });

  it('reads only plain-path request targets', () => {
    expect(readTarget('/a/b?c=1')?.pathname).toBe('/a/b');
    expect(readTarget('//%25/')?.pathname).toBe('//%25/');
    for (const raw of ['*', 'http://evil.example/', '127.0.0.1:80', '', undefined]) expect(readTarget(raw), String(raw)).toBeUndefined();
  });

  it('lets an upgrade through only with own Host, own or no Origin, and the token', () => {
    expect(checkUpgrade(own, socketUrl(TOKEN), TOKEN, PORT)).toBe('ok');
    expect(checkUpgrade({ host: own.host }, socketUrl(TOKEN), TOKEN, PORT)).toBe('ok');
    expect(checkUpgrade({ ...own, origin: 'http://evil.example' }, socketUrl(TOKEN), TOKEN, PORT)).toBe(403);
    expect(checkUpgrade({ ...own, host: `evil.example:${PORT}` }, socketUrl(TOKEN), TOKEN, PORT)).toBe(403);
    expect(checkUpgrade(own, socketUrl(), TOKEN, PORT)).toBe(403);
    expect(checkUpgrade(own, socketUrl('wrong'), TOKEN, PORT)).toBe(403);
    expect(checkUpgrade(own, readTarget(`/elsewhere?token=${TOKEN}`), TOKEN, PORT)).toBe(404);
    expect(checkUpgrade(own, undefined, TOKEN, PORT)).toBe(404);
  });
});

describe('reading bridge frames', () => {
  const frame = (text: string) => readFrame(Buffer.from(text), false);

  it('accepts a well-formed invoke', () => {
    expect(frame('{"type":"invoke","id":3,"channel":"app:info"}')).toEqual({ ok: true, id: 3, channel: 'app:info', input: undefined });
  });

  it('refuses junk without throwing, keeping the id when there is one to answer', () => {
    /** 'accepted', or the id a refusal can be answered with (undefined: drop it). */
    const verdict = (raw: string | Buffer[], isBinary = false) => {
      const read = readFrame(typeof raw === 'string' ? Buffer.from(raw) : raw, isBinary);
      return read.ok ? 'accepted' : read.id;
    };
    expect(verdict('not json')).toBeUndefined();
    expect(verdict('[1,2]')).toBeUndefined();
    expect(verdict('null')).toBeUndefined();
    expect(verdict('{"type":"invoke","id":"7","channel":"app:info"}')).toBeUndefined();
    expect(verdict('{"type":"invoke","id":1.5,"channel":"app:info"}')).toBeUndefined();
    expect(verdict('{"type":"invoke","id":7,"channel":42}')).toBe(7);
    expect(verdict('{"type":"other","id":8,"channel":"app:info"}')).toBe(8);
    expect(verdict('{"type":"invoke","id":9,"channel":"app:info"}', true)).toBeUndefined();
    expect(verdict([Buffer.from('{"type":"invoke",'), Buffer.from('"id":4,"channel":"app:info"}')])).toBe('accepted');
  });
});
