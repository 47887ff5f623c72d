/**
 * The HMAC behind the sandbox's signed, expiring URLs (see public-urls.ts): one secret, kept in the
 * store so links stay valid across restarts of the same data folder.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Verdict on a signed URL's query string. */
export type SignatureCheck = 'ok' | 'expired' | 'invalid';

/** Signs and checks URLs with one secret. */
export class UrlSigner {
  constructor(private readonly secret: Buffer) {}

  private mac(method: string, id: string, expires: number): Buffer {
    return createHmac('sha256', this.secret).update(`${method}\n${id}\n${expires}`).digest();
  }

  /** Query string (`expires=..&signature=..`) granting `method` on `id` until `expiresAtSec`. */
  query(method: 'GET' | 'PUT', id: string, expiresAtSec: number): string {
    return `expires=${expiresAtSec}&signature=${this.mac(method, id, expiresAtSec).toString('hex')}`;
  }

  check(method: 'GET' | 'PUT', id: string, url: URL, nowMs: number): SignatureCheck {
    const expires = url.searchParams.get('expires') ?? '';
    const signature = url.searchParams.get('signature') ?? '';
    if (!/^\d{1,12}$/.test(expires) || !/^[0-9a-f]{64}$/.test(signature)) return 'invalid';
    const expected = this.mac(method, id, Number(expires));
    if (!timingSafeEqual(expected, Buffer.from(signature, 'hex'))) return 'invalid';
    return Number(expires) * 1000 <= nowMs ? 'expired' : 'ok';
  }
}
