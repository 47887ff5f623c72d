/**
 * API-key checks. Keys are fixed when the sandbox starts; each dialect names the header schemes
 * it accepts (Yandex's OpenAI-compatible API also takes `Api-Key <key>`), and a miss becomes a
 * 401 that the dialect renders in its own shape.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { HttpError } from './errors';

/** Authorization schemes a dialect accepts. */
export type AuthScheme = 'Bearer' | 'Api-Key';

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/** A set of accepted keys, compared in constant time. */
export class KeyRing {
  private readonly digests: Buffer[];

  constructor(keys: readonly string[]) {
    if (keys.length === 0 || keys.some((k) => k.length === 0)) throw new Error('The sandbox needs at least one non-empty API key');
    this.digests = keys.map(digest);
  }

  accepts(candidate: string): boolean {
    const d = digest(candidate);
    let ok = false;
    for (const known of this.digests) ok = timingSafeEqual(known, d) || ok;
    return ok;
  }
}

/** The credential in `Authorization`, if it uses one of `schemes`. */
export function readCredential(req: IncomingMessage, schemes: readonly AuthScheme[]): string | undefined {
  const header = req.headers.authorization;
  if (!header) return undefined;
  const space = header.indexOf(' ');
  if (space < 0) return undefined;
  const scheme = header.slice(0, space).toLowerCase();
  if (!schemes.some((s) => s.toLowerCase() === scheme)) return undefined;
  return header.slice(space + 1).trim();
}

/** Throws a 401 unless the request carries an accepted key in an accepted scheme. */
export function requireApiKey(req: IncomingMessage, keys: KeyRing, schemes: readonly AuthScheme[]): void {
  const credential = readCredential(req, schemes);
  if (credential === undefined) {
    throw new HttpError(401, 'unauthorized', 'Not authenticated: send your API key as "Authorization: Bearer <key>".', {
      code: 'missing_api_key',
      headers: { 'WWW-Authenticate': 'Bearer' },
    });
  }
  if (!keys.accepts(credential)) {
    const shown = credential.length > 8 ? `${credential.slice(0, 3)}...${credential.slice(-4)}` : '***';
    throw new HttpError(401, 'unauthorized', `Incorrect API key provided: ${shown}. Check the key and try again.`, {
      code: 'invalid_api_key',
      headers: { 'WWW-Authenticate': 'Bearer' },
    });
  }
}
