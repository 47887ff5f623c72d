import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { AddressGuard, RefusedAddressError } from '../net/handed-urls';

/**
 * The guard's verdict on every address a host stands for right now: an IP literal as it is, a
 * name by resolving it. A name that does not resolve is not refused here: whoever loads the URL
 * fails on it by themselves.
 */
export async function vetAddresses(hostname: string, guard: AddressGuard): Promise<RefusedAddressError | null> {
  const host = hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) return guard(host);
  let addresses: { address: string }[];
  try {
    addresses = await lookup(host, { all: true });
  } catch {
    return null;
  }
  return addresses.map((a) => guard(a.address)).find((r) => r !== null) ?? null;
}
