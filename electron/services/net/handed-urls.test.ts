/**
 * The rule for URLs a provider hands back, as a table of (workspace base URL, address the URL
 * leads to), and the connection-time guard that enforces it: every resolved address is vetted in
 * the lookup the socket uses, so DNS that changes its answer between a check and the connect
 * (rebinding) is caught on the answer actually dialled.
 */
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addressKind } from './address-kind';
import { guardedConnector, guardedLookup, type ResolveAll } from './guarded-connect';
import { handedAddressRefusal, handedUrlMode, PUBLIC_ADDRESSES_ONLY, RefusedAddressError } from './handed-urls';

const REMOTE = 'https://api.vlm.run/v1';
const LOCAL = 'http://127.0.0.1:4100/vlmrun/v1';

describe('the handed-back URL policy', () => {
  it.each([
    [REMOTE, '93.184.216.34', 'allowed'],
    [REMOTE, '2606:4700:4700::1111', 'allowed'],
    [REMOTE, '64:ff9b::5db8:d822', 'allowed'],
    [REMOTE, '::ffff:8.8.8.8', 'allowed'],
    [REMOTE, '127.0.0.1', 'loopback'],
    [REMOTE, '127.9.9.9', 'loopback'],
    [REMOTE, '::1', 'loopback'],
    [REMOTE, '[::1]', 'loopback'],
    [REMOTE, '::ffff:127.0.0.1', 'loopback'],
    [REMOTE, '10.0.0.1', 'private'],
    [REMOTE, '10.255.255.255', 'private'],
    [REMOTE, '172.16.0.1', 'private'],
    [REMOTE, '172.31.255.254', 'private'],
    [REMOTE, '172.32.0.1', 'allowed'],
    [REMOTE, '172.15.255.255', 'allowed'],
    [REMOTE, '192.168.1.10', 'private'],
    [REMOTE, '100.64.0.1', 'private'],
    [REMOTE, 'fc00::1', 'private'],
    [REMOTE, 'fd12:3456::1', 'private'],
    [REMOTE, '::ffff:10.0.0.5', 'private'],
    [REMOTE, '::ffff:a00:5', 'private'],
    [REMOTE, '64:ff9b::a00:1', 'private'],
    [REMOTE, '2002:c0a8:0101::1', 'private'],
    [REMOTE, '169.254.169.254', 'link-local'],
    [REMOTE, 'fe80::1', 'link-local'],
    [REMOTE, 'fe80::1%eth0', 'link-local'],
    [REMOTE, '0.0.0.0', 'unspecified'],
    [REMOTE, '::', 'unspecified'],
    [REMOTE, '224.0.0.251', 'reserved'],
    [REMOTE, '255.255.255.255', 'reserved'],
    [REMOTE, '192.0.2.1', 'reserved'],
    [REMOTE, '198.18.0.1', 'reserved'],
    [REMOTE, '2001:db8::1', 'reserved'],
    [REMOTE, 'ff02::1', 'reserved'],
    [REMOTE, '100::1', 'reserved'],
    [REMOTE, 'not-an-address', 'reserved'],
    [LOCAL, '127.0.0.1', 'allowed'],
    [LOCAL, '10.0.0.1', 'allowed'],
    [LOCAL, '169.254.169.254', 'allowed'],
    ['http://localhost:8080/v1', '::1', 'allowed'],
    ['http://[::1]:8080/v1', '192.168.0.1', 'allowed'],
    ['https://10.0.0.5/v1', '10.0.0.5', 'private'],
    ['https://localhost.evil.example/v1', '127.0.0.1', 'loopback'],
    ['not a url', '127.0.0.1', 'loopback'],
  ])('a workspace at %s may fetch from %s: %s', (base, address, expected) => {
    const refusal = handedAddressRefusal(handedUrlMode(base), address);
    expect(refusal === null ? 'allowed' : refusal.kind).toBe(expected);
  });

  it('reads addresses of every form and refuses what is not one', () => {
    expect(addressKind('8.8.8.8')).toBe('public');
    expect(addressKind('[fe80::1]')).toBe('link-local');
    expect(addressKind('1.2.3')).toBeNull();
    expect(addressKind('256.1.1.1')).toBeNull();
    expect(addressKind('example.com')).toBeNull();
  });
});

/** A resolver standing in for DNS that answers each call with the next list. */
function scripted(...answers: string[][]): ResolveAll & { calls: number } {
  const resolve = Object.assign(
    (_host: string, _options: unknown, callback: (e: null, a: { address: string; family: number }[]) => void) => {
      const list = answers[Math.min(resolve.calls, answers.length - 1)] ?? [];
      resolve.calls += 1;
      setImmediate(() => callback(null, list.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }))));
    },
    { calls: 0 },
  );
  return resolve;
}

function lookupOnce(resolve: ResolveAll, all: boolean): Promise<unknown> {
  const lookup = guardedLookup(PUBLIC_ADDRESSES_ONLY, resolve);
  return new Promise((ok, fail) =>
    lookup('files.example', { all }, (error: Error | null, address: unknown) => (error ? fail(error) : ok(address))),
  );
}

describe('the lookup the guarded sockets use', () => {
  it('vets every answer of every lookup, so a name that rebinds to the local network is refused', async () => {
    const resolve = scripted(['93.184.216.34'], ['10.0.0.5']);
    await expect(lookupOnce(resolve, false)).resolves.toBe('93.184.216.34');
    await expect(lookupOnce(resolve, false)).rejects.toMatchObject({ name: 'RefusedAddressError', address: '10.0.0.5', kind: 'private' });
  });

  it('refuses a name when any one of its addresses is off limits', async () => {
    await expect(lookupOnce(scripted(['93.184.216.34', '169.254.169.254']), true)).rejects.toBeInstanceOf(RefusedAddressError);
    await expect(lookupOnce(scripted(['93.184.216.34', '2606:4700::1']), true)).resolves.toHaveLength(2);
  });
});

describe('a guarded connection to a real loopback server', () => {
  let server: Server;
  let port = 0;
  let accepted = 0;

  beforeAll(async () => {
    server = createServer((socket) => {
      accepted += 1;
      socket.destroy();
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

  function dial(hostname: string, resolve: ResolveAll, guard = PUBLIC_ADDRESSES_ONLY): Promise<'connected'> {
    const connect = guardedConnector(guard, { timeout: 5_000 }, resolve);
    return new Promise((ok, fail) =>
      connect({ hostname, protocol: 'http:', port: String(port) }, (error, socket) => {
        if (error) return fail(error);
        socket?.destroy();
        ok('connected');
      }),
    );
  }

  it('never dials a name that resolves to this computer, nor an address given as a literal', async () => {
    const before = accepted;
    await expect(dial('rebound.example', scripted(['127.0.0.1']))).rejects.toMatchObject({ kind: 'loopback', address: '127.0.0.1' });
    await expect(dial('127.0.0.1', scripted(['93.184.216.34']))).rejects.toMatchObject({ kind: 'loopback' });
    await expect(dial('[::1]', scripted([]))).rejects.toMatchObject({ kind: 'loopback', address: '::1' });
    expect(accepted).toBe(before);
  });

  it('connects where the guard allows it (the local sandbox case)', async () => {
    await expect(dial('rebound.example', scripted(['127.0.0.1']), () => null)).resolves.toBe('connected');
  });
});
