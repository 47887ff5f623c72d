/**
 * Signed, expiring URLs: public download links (VLM Run `public_url`, LlamaCloud `/content`) and
 * presigned upload slots (VLM Run's large-file path). A URL carries `expires` (Unix seconds) and
 * an HMAC-SHA256 over method, id and expiry, keyed by a secret kept in the store so links stay
 * valid across restarts of the same data dir. Tampered or expired links get 403.
 */
import { pipeline } from 'node:stream/promises';
import { contentHeaders } from '../lib/content-safety';
import type { RequestContext } from './context';
import { HttpError } from './errors';
import type { FileRecord } from './store/records';

/** Path prefixes of the signed URLs (outside every dialect's prefix). */
export const PUBLIC_FILES_PATH = '/public/files';
export const PUBLIC_UPLOADS_PATH = '/public/uploads';

/** A public download link for a stored file, valid for `ttlSeconds`. */
export function publicUrlFor(ctx: RequestContext, file: FileRecord, ttlSeconds: number): { url: string; expiresAt: number } {
  const { state } = ctx;
  const expiresAt = Math.floor(state.clock.now() / 1000) + ttlSeconds;
  const name = encodeURIComponent(file.filename || 'file');
  const url = `${state.origin}${PUBLIC_FILES_PATH}/${encodeURIComponent(file.id)}/${name}?${state.signer.query('GET', file.id, expiresAt)}`;
  return { url, expiresAt };
}

/** Rejects a request whose signed URL is bad (403, like a storage bucket would). */
export function requireSignature(ctx: RequestContext, method: 'GET' | 'PUT', id: string): void {
  const verdict = ctx.state.signer.check(method, id, ctx.url, ctx.state.clock.now());
  if (verdict === 'expired') throw new HttpError(403, 'forbidden', 'Request has expired');
  if (verdict === 'invalid') throw new HttpError(403, 'forbidden', 'Signature does not match');
}

function parseRange(header: string | undefined, size: number): { start: number; end: number } | 'none' | 'unsatisfiable' {
  if (!header) return 'none';
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return 'none';
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}

/** Streams a stored file's bytes with single-range support, labelled so a browser never runs them (content-safety.ts). */
export async function sendFileContent(ctx: RequestContext, file: FileRecord): Promise<void> {
  const { req, res } = ctx;
  const range = parseRange(req.headers.range, file.bytes);
  const base: Record<string, string | number> = {
    ...contentHeaders(file.contentType, file.filename),
    'Accept-Ranges': 'bytes',
    ETag: `"${file.md5}"`,
    'Last-Modified': new Date(file.createdAt).toUTCString(),
  };
  if (range === 'unsatisfiable') {
    res.writeHead(416, { ...base, 'Content-Range': `bytes */${file.bytes}`, 'Content-Length': 0 });
    res.end();
    return;
  }
  const slice = range === 'none' ? { start: 0, end: file.bytes - 1 } : range;
  const length = slice.end - slice.start + 1;
  const headers = range === 'none' ? base : { ...base, 'Content-Range': `bytes ${slice.start}-${slice.end}/${file.bytes}` };
  if (req.method === 'HEAD' || length <= 0) {
    res.writeHead(range === 'none' ? 200 : 206, { ...headers, 'Content-Length': Math.max(length, 0) });
    res.end();
    return;
  }
  const stream = await ctx.state.blobs.openRange(file.id, slice.start, slice.end).catch(() => {
    throw new HttpError(404, 'not_found', 'File content is gone');
  });
  res.writeHead(range === 'none' ? 200 : 206, { ...headers, 'Content-Length': length });
  await pipeline(stream, res).catch(() => res.destroy());
}

/** `GET/HEAD /public/files/{id}[/{name}]`: the signed download link. */
export async function servePublicFile(ctx: RequestContext): Promise<void> {
  const id = ctx.params.id ?? '';
  requireSignature(ctx, 'GET', id);
  const file = ctx.state.store.getById(id, ctx.state.clock.now());
  if (!file) throw new HttpError(404, 'not_found', 'The specified key does not exist.');
  await sendFileContent(ctx, file);
}
