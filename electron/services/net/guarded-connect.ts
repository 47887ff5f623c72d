import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { buildConnector } from 'undici';
import type { AddressGuard } from './handed-urls';

/** Resolves every address of a host (dns.lookup with `all: true`), injectable for tests. */
export type ResolveAll = (hostname: string, options: LookupAllOptions, callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void) => void;

/**
 * A DNS lookup for sockets that vets every address the name resolves to before the socket dials
 * one. It runs inside the connection attempt, so a name that resolved to a public address when
 * it was checked and to 10.0.0.1 a moment later (DNS rebinding) is caught on the answer actually
 * used. One refused address refuses the whole name.
 */
export function guardedLookup(guard: AddressGuard, resolve: ResolveAll = dnsLookup): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 4);
      const refusal = addresses.map((a) => guard(a.address)).find((r) => r !== null);
      if (refusal) return callback(refusal, '', 4);
      if (addresses.length === 0) return callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), '', 4);
      if (options.all) return (callback as unknown as (e: null, all: LookupAddress[]) => void)(null, addresses);
      const first = addresses[0]!;
      return callback(null, first.address, first.family);
    });
  };
}

/**
 * An undici connector that opens only connections the guard allows: an IP literal is judged
 * before dialling (no lookup happens for one), a name by the guarded lookup, and the socket's
 * actual peer once more after connecting, so no path around the lookup can reach a refused host.
 */
export function guardedConnector(guard: AddressGuard, options: buildConnector.BuildOptions, resolve?: ResolveAll): buildConnector.connector {
  const connect = buildConnector({ ...options, lookup: guardedLookup(guard, resolve) } as buildConnector.BuildOptions);
  return (target, callback) => {
    const host = target.hostname.replace(/^\[|\]$/g, '');
    const literal = isIP(host) ? guard(host) : null;
    if (literal) return callback(literal, null);
    connect(target, (error, socket) => {
      if (error || !socket) return callback(error ?? new Error('no socket'), null);
      const peer = socket.remoteAddress ? guard(socket.remoteAddress) : null;
      if (peer) {
        socket.destroy();
        return callback(peer, null);
      }
      return callback(null, socket);
    });
  };
}
