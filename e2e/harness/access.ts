/**
 * Who may talk to the browser harness. It runs on developers' machines with real services behind
 * it (their data folder, their keychain), so a web page open in any other tab must not be able to
 * drive it: browsers let any site open a WebSocket or POST to 127.0.0.1. The checks are:
 * the Host header names this server (no DNS rebinding), a browser's Origin is this server's own,
 * and the WebSocket URL carries the random token the host put into the page it served.
 * Pure functions, so they are tested directly.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Where the WebSocket lives; the token rides in its query string as `token`. */
export const SOCKET_PATH = '/__harness/ws';

/** A fresh token for one harness run (URL- and HTML-safe). */
export function newHarnessToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The `Host` values this server answers to: its loopback address and `localhost`, on its port. */
export function ownHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

/** True when the Host header names this server (a rebound DNS name does not). */
export function isOwnHost(host: string | undefined, port: number): boolean {
  return host !== undefined && ownHosts(port).includes(host.toLowerCase());
}

/**
 * True unless a browser says the request comes from another origin. A missing Origin is allowed:
 * browsers always send one on WebSocket upgrades and cross-origin POSTs, so only non-browser
 * clients (a test script, curl) omit it, and those already run on the machine. `null` (sandboxed
 * frames, file: pages) is refused.
 */
export function isAllowedOrigin(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return true;
  return ownHosts(port).some((host) => origin.toLowerCase() === `http://${host}`);
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/** Constant-time comparison of the expected token with the one a client sent (null when absent). */
export function tokenMatches(expected: string, given: string | null): boolean {
  return given !== null && given !== '' && timingSafeEqual(digest(expected), digest(given));
}

/** The request target as a URL, or undefined when it is not a plain path (`*`, `//%25/`, a host). */
export function readTarget(raw: string | undefined): URL | undefined {
  if (!raw?.startsWith('/')) return undefined;
  try {
    return new URL(`http://harness${raw}`);
  } catch {
    return undefined;
  }
}

/** What an upgrade request may do: 'ok', or the status to refuse it with. */
export function checkUpgrade(headers: { host?: string; origin?: string }, target: URL | undefined, token: string, port: number): 'ok' | 403 | 404 {
  if (!target || target.pathname !== SOCKET_PATH) return 404;
  if (!isOwnHost(headers.host, port) || !isAllowedOrigin(headers.origin, port)) return 403;
  return tokenMatches(token, target.searchParams.get('token')) ? 'ok' : 403;
}
