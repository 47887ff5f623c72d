import { open, stat } from 'node:fs/promises';
import { BodyChangedError } from '../net/client';

/**
 * Where a big upload's bytes come from: the file, with the size and modification time it had
 * when its upload began (a part read from a file that no longer matches would mix two versions).
 */
export interface RangeSource {
  path: string;
  bytes: number;
  mtimeMs: number;
}

/** The largest piece read at once. */
export const READ_CHUNK = 1024 * 1024;

/**
 * `length` bytes of the file from `offset`, read by position in pieces of at most 1 MiB, so a 64 MB
 * part is never in memory whole. Each piece is a fresh buffer (a socket may still hold the previous
 * one), unless `scratch` (1 MiB or more) is given: then every piece is a view of it, valid only
 * until the next one is asked for, which suits a hash and spares the garbage collector. Every read
 * of a file range for multipart uploads (parts and their hash) goes through this one function, so
 * where the bytes come from can change in one place. A file that ends early throws
 * BodyChangedError, which the HTTP client and the uploader report as `file_changed`.
 */
export async function* readRange(source: RangeSource, offset: number, length: number, scratch?: Buffer): AsyncGenerator<Uint8Array> {
  const handle = await open(source.path, 'r');
  try {
    const end = offset + length;
    for (let position = offset; position < end; ) {
      const size = Math.min(READ_CHUNK, end - position);
      const piece = scratch && scratch.length >= size ? scratch.subarray(0, size) : Buffer.allocUnsafe(size);
      let filled = 0;
      while (filled < piece.length) {
        const { bytesRead } = await handle.read(piece, filled, piece.length - filled, position + filled);
        if (bytesRead === 0) throw new BodyChangedError();
        filled += bytesRead;
      }
      position += filled;
      yield piece;
    }
  } finally {
    await handle.close();
  }
}

/** Whether the file is gone or no longer the one the upload began with (another size or modification time). */
export async function sourceChanged(source: RangeSource): Promise<boolean> {
  const now = await stat(source.path).catch(() => null);
  return !now || now.size !== source.bytes || now.mtimeMs !== source.mtimeMs;
}
