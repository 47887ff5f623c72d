import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';

const CHUNK = 4 * 1024 * 1024;

/**
 * The MD5 of a file, as VLM Run's content-hash lookup wants it. Reads with one reused 4 MiB
 * buffer (no per-chunk allocation), so hashing runs at disk/OpenSSL speed with flat memory.
 */
export async function md5File(path: string, options: { signal?: AbortSignal; onProgress?: (hashed: number) => void } = {}): Promise<string> {
  const hash = createHash('md5');
  const handle = await open(path, 'r');
  const buffer = Buffer.allocUnsafe(CHUNK);
  let total = 0;
  try {
    for (;;) {
      options.signal?.throwIfAborted();
      const { bytesRead } = await handle.read(buffer, 0, CHUNK, null);
      if (bytesRead === 0) break;
      hash.update(buffer.subarray(0, bytesRead));
      total += bytesRead;
      options.onProgress?.(total);
    }
  } finally {
    await handle.close();
  }
  return hash.digest('hex');
}
