import { isIP } from 'node:net';

/**
 * What kind of place an IP address is, for deciding whether a URL a provider handed back may be
 * fetched: only `public` addresses are on the internet at large; the rest are this computer, the
 * local network, or not a real destination.
 */
export type AddressKind = 'public' | 'loopback' | 'private' | 'link-local' | 'unspecified' | 'reserved';

function ipv4Bytes(text: string): number[] | null {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return null;
  return parts.map(Number);
}

/** The 16 bytes of an IPv6 address (zone id dropped, embedded dotted quad allowed). */
function ipv6Bytes(text: string): number[] | null {
  const address = text.split('%', 1)[0] ?? '';
  if (isIP(address) !== 6) return null;
  const [head = '', tail] = address.split('::');
  const words = (part: string) => {
    const out: number[] = [];
    for (const group of part ? part.split(':') : []) {
      const v4 = group.includes('.') ? ipv4Bytes(group) : null;
      if (v4) out.push((v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!);
      else out.push(parseInt(group, 16));
    }
    return out;
  };
  const left = words(head);
  const right = tail === undefined ? [] : words(tail);
  const all = [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
  return all.flatMap((w) => [w >> 8, w & 0xff]);
}

/** True when the first `bits` of `bytes` equal those of `prefix`. */
function within(bytes: readonly number[], prefix: readonly number[], bits: number): boolean {
  for (let i = 0; i < bits; i += 1) {
    const byte = Math.floor(i / 8);
    const mask = 0x80 >> i % 8;
    if (((bytes[byte] ?? 0) & mask) !== ((prefix[byte] ?? 0) & mask)) return false;
  }
  return true;
}

const V4_RULES: [number[], number, AddressKind][] = [
  [[0, 0, 0, 0], 8, 'unspecified'],
  [[127, 0, 0, 0], 8, 'loopback'],
  [[10, 0, 0, 0], 8, 'private'],
  [[172, 16, 0, 0], 12, 'private'],
  [[192, 168, 0, 0], 16, 'private'],
  [[100, 64, 0, 0], 10, 'private'],
  [[169, 254, 0, 0], 16, 'link-local'],
  [[192, 0, 0, 0], 24, 'reserved'],
  [[192, 0, 2, 0], 24, 'reserved'],
  [[192, 88, 99, 0], 24, 'reserved'],
  [[198, 18, 0, 0], 15, 'reserved'],
  [[198, 51, 100, 0], 24, 'reserved'],
  [[203, 0, 113, 0], 24, 'reserved'],
  [[224, 0, 0, 0], 4, 'reserved'],
  [[240, 0, 0, 0], 4, 'reserved'],
];

function v4Kind(bytes: readonly number[]): AddressKind {
  return V4_RULES.find(([prefix, bits]) => within(bytes, prefix, bits))?.[2] ?? 'public';
}

function v6Kind(bytes: readonly number[]): AddressKind {
  if (bytes.every((b) => b === 0)) return 'unspecified';
  if (bytes.slice(0, 15).every((b) => b === 0) && bytes[15] === 1) return 'loopback';
  // IPv4 inside IPv6 (mapped, NAT64, 6to4) is judged by the IPv4 address it leads to.
  if (within(bytes, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff], 96)) return v4Kind(bytes.slice(12));
  if (within(bytes, [0, 0x64, 0xff, 0x9b], 96)) return v4Kind(bytes.slice(12));
  if (within(bytes, [0x20, 0x02], 16)) return v4Kind(bytes.slice(2, 6));
  if (within(bytes, [0xfe, 0x80], 10)) return 'link-local';
  if (within(bytes, [0xfc, 0x00], 7) || within(bytes, [0xfe, 0xc0], 10)) return 'private';
  if (within(bytes, [0x20, 0x01, 0x0d, 0xb8], 32) || within(bytes, [0x20, 0x01, 0, 0], 32)) return 'reserved';
  return within(bytes, [0x20, 0x00], 3) ? 'public' : 'reserved';
}

/**
 * The kind of an IP address (IPv4, IPv6, `[IPv6]`), or null for text that is not one. Only
 * global unicast counts as public; IPv4 carried in IPv6 (mapped, NAT64, 6to4) counts as the IPv4
 * address it leads to, so `::ffff:10.0.0.1` is private and DNS64's `64:ff9b::8.8.8.8` is public.
 */
export function addressKind(address: string): AddressKind | null {
  const bare = address.replace(/^\[|\]$/g, '');
  const v4 = ipv4Bytes(bare);
  if (v4) return v4Kind(v4);
  const v6 = ipv6Bytes(bare);
  return v6 ? v6Kind(v6) : null;
}
