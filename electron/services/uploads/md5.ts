import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';

const CHUNK = 4 * 1024 * 1024;

/**
 * The MD5 of a file, as VLM Run's content-hash lookup wants it. Reads with one reused buffer of
 * up to 4 MiB (no per-chunk allocation; small files get a small one, so a batch of thousands
 * does not churn the heap), so hashing runs at disk/OpenSSL speed with flat memory.
 */
export async function md5File(path: string, options: { signal?: AbortSignal; onProgress?: (hashed: number) => void; sizeHint?: number } = {}): Promise<string> {
  const hash = createHash('md5');
  const handle = await open(path, 'r');
  const size = Math.max(1, Math.min(CHUNK, (options.sizeHint ?? CHUNK) + 1));
  const buffer = Buffer.allocUnsafe(size);
  let total = 0;
  try {
    for (;;) {
      options.signal?.throwIfAborted();
      const { bytesRead } = await handle.read(buffer, 0, size, null);
      if (bytesRead === 0) break;
      hash.update(buffer.subarray(0, bytesRead));
      total += bytesRead;
      options.onProgress?.(total);
      if (bytesRead < size) break;
    }
  } finally {
    await handle.close();
  }
  return hash.digest('hex');
}
