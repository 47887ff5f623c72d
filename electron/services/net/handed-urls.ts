import { isLoopbackHost } from '../../../shared/urls';
import { addressKind, type AddressKind } from './address-kind';

/**
 * Where URLs a provider hands back (VLM Run's `public_url` and presigned upload slot, LlamaCloud's
 * content URL) may lead. Main fetches them, and PUTs whole files to them, on the provider's word;
 * a hostile or broken provider could point them at this computer or the local network (a router,
 * a cloud metadata service at 169.254.169.254). A workspace on this computer (the Local sandbox,
 * a loopback base URL) is `local`: its URLs lead back to this computer by design and may go
 * anywhere. Any other workspace is `remote`: its URLs may lead only to public addresses.
 */
export type HandedUrlMode = 'local' | 'remote';

/** The mode a workspace's handed-back URLs are judged in, from its base URL. */
export function handedUrlMode(workspaceBaseUrl: string): HandedUrlMode {
  try {
    return isLoopbackHost(new URL(workspaceBaseUrl).hostname) ? 'local' : 'remote';
  } catch {
    return 'remote';
  }
}

/**
 * A connection main did not open, because the address it resolved to is off limits. Thrown from
 * inside the connection attempt (see guarded-connect.ts), so it names the address actually about
 * to be dialled, not one looked up earlier.
 */
export class RefusedAddressError extends Error {
  constructor(
    readonly address: string,
    readonly kind: Exclude<AddressKind, 'public'>,
  ) {
    super(`refused to connect to a ${kind} address`);
    this.name = 'RefusedAddressError';
  }
}

/** Checks one resolved address; null lets the connection go ahead. */
export type AddressGuard = (address: string) => RefusedAddressError | null;

/**
 * The policy: may a URL handed back by a workspace in `mode` be fetched from `address`? In
 * `local` mode, yes; in `remote` mode only if the address is public. Text that is not an IP
 * address is refused (it cannot be judged).
 */
export function handedAddressRefusal(mode: HandedUrlMode, address: string): RefusedAddressError | null {
  if (mode === 'local') return null;
  const kind = addressKind(address) ?? 'reserved';
  return kind === 'public' ? null : new RefusedAddressError(address.replace(/^\[|\]$/g, ''), kind);
}

/** The one guard remote workspaces use: one function, so the client keeps one pool of vetted connections. */
export const PUBLIC_ADDRESSES_ONLY: AddressGuard = (address) => handedAddressRefusal('remote', address);

/** The guard for a mode, or undefined when every address is allowed. */
export function guardFor(mode: HandedUrlMode): AddressGuard | undefined {
  return mode === 'remote' ? PUBLIC_ADDRESSES_ONLY : undefined;
}

/** Finds a RefusedAddressError in an error's cause chain (undici may wrap it). */
export function refusalIn(error: unknown): RefusedAddressError | null {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current; depth += 1) {
    if (current instanceof RefusedAddressError) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}

const WHERE: Record<RefusedAddressError['kind'], string> = {
  loopback: 'on this computer',
  private: 'inside your network',
  'link-local': 'inside your network',
  unspecified: 'that is not a real destination',
  reserved: 'that is not on the public internet',
};

/** What the handed-back URL was for, which decides the words. */
export type HandedUse = 'upload' | 'download';

const NEXT_STEP =
  'A provider on the internet should only hand out public addresses: check that the workspace’s base URL is the provider’s real address, and tell the provider if it is.';

/** Words for a refused address: what the provider did, that nothing was sent, what to do. */
export function refusedAddressMessage(label: string, use: HandedUse, error: RefusedAddressError): string {
  const what = use === 'upload' ? 'an upload address' : 'a download address';
  const done = use === 'upload' ? 'Stowage did not send the file there.' : 'Stowage did not fetch anything from there.';
  return `${label} handed back ${what} ${WHERE[error.kind]} (${error.address}). ${done} ${NEXT_STEP}`;
}

/** Words for a handed-back URL that is not http(s) at all (`file:`, `javascript:`, junk). */
export function notWebAddressMessage(label: string, use: HandedUse, url: string): string {
  let scheme = 'no scheme Stowage can read';
  try {
    scheme = new URL(url).protocol;
  } catch {
    // Not a URL at all: the words say so without repeating it.
  }
  const what = use === 'upload' ? 'an upload address' : 'a download address';
  const done = use === 'upload' ? 'Stowage did not send the file there.' : 'Stowage did not fetch anything from there.';
  return `${label} handed back ${what} that is not a web address (${scheme.slice(0, 40)}). ${done} ${NEXT_STEP}`;
}
