import { createHash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { changedError } from './local-read';

const CHUNK = 4 * 1024 * 1024;

/**
 * The MD5 of the first `bytes` bytes behind an open descriptor, as VLM Run's content-hash lookup
 * wants it. Reads by position (so it hashes what the upload will send from the same descriptor,
 * whatever else reads it) with one reused buffer of up to 4 MiB: no per-chunk allocation, small
 * files get a small one, so hashing runs at disk/OpenSSL speed with flat memory. A file that ends
 * before `bytes` changed after it was checked.
 */
export async function md5Of(handle: FileHandle, bytes: number, options: { signal?: AbortSignal; onProgress?: (hashed: number) => void } = {}): Promise<string> {
  const hash = createHash('md5');
  const buffer = Buffer.allocUnsafe(Math.max(1, Math.min(CHUNK, bytes)));
  let position = 0;
  while (position < bytes) {
    options.signal?.throwIfAborted();
    const { bytesRead } = await handle.read(buffer, 0, Math.min(buffer.length, bytes - position), position);
    if (bytesRead === 0) throw changedError('it became shorter while it was being read');
    hash.update(buffer.subarray(0, bytesRead));
    position += bytesRead;
    options.onProgress?.(position);
  }
  return hash.digest('hex');
}
