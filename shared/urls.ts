/**
 * The only schemes the app will ever open or show from a provider. A `file:`, `javascript:` or
 * custom-scheme URL coming back from a server (or a compromised renderer) is refused.
 */
export function isWebUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/**
 * Hosts that are this computer: `localhost`, 127.0.0.0/8 and ::1. Only to these may a key travel
 * over plain http://, because the traffic never leaves the machine.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host === '::1') return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * What is wrong with a workspace base URL, in words for the form, or null when it is fine: it must
 * be a web address, and since every request carries the API key it must be https:// unless the
 * server is on this computer. Shared by the form (before anything is sent) and the service.
 */
export function baseUrlProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'The base URL is not a web address. It should look like https://api.example.com/v1.';
  }
  if (url.protocol === 'https:') return null;
  if (url.protocol !== 'http:') return 'The base URL must start with https:// (or http:// for a server on this computer).';
  if (isLoopbackHost(url.hostname)) return null;
  return `The base URL must use https://. The API key goes with every request, and plain http:// would send it unencrypted, so http:// is allowed only for a server on this computer (localhost, 127.0.0.1, ::1). Change it to https://${url.host}${url.pathname === '/' ? '' : url.pathname}.`;
}

/**
 * Where a key is sent: scheme, host and port (the URL's origin), or null for text that is not a
 * URL. A key is approved for one origin; any change of the three is a different destination.
 */
export function originOf(value: string): string | null {
  try {
    const origin = new URL(value).origin;
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}
