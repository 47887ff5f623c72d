import { SendBuffers } from '../net/send-buffers';
import { READ_CHUNK, type SourceFile } from './source-file';

/**
 * `length` bytes of the upload's open file from `offset`, read by position from the descriptor the
 * runner opened once (so every part and the whole-file hash read the file pre-flight checked, and
 * a path swapped after opening changes nothing), in pieces of at most 1 MiB, so a 64 MB part is
 * never in memory whole. Each piece's buffer is refilled only once the socket it was sent on has
 * written it out (send-buffers.ts), a fresh one otherwise, unless `scratch` (1 MiB or more) is given: then every piece is a view of it, valid only until
 * the next one is asked for, which suits a hash and spares the garbage collector. Every read of a
 * file range for multipart uploads (parts and their hash) goes through this one function. A file
 * that ends early throws `file_changed` (see SourceFile.readAt).
 */
export async function* readRange(source: SourceFile, offset: number, length: number, scratch?: Buffer): AsyncGenerator<Uint8Array> {
  const end = offset + length;
  const buffers = new SendBuffers(Math.min(READ_CHUNK, length));
  for (let position = offset; position < end; ) {
    const size = Math.min(READ_CHUNK, end - position);
    const piece = scratch && scratch.length >= size ? scratch.subarray(0, size) : buffers.take(size);
    await source.readAt(piece, position);
    position += size;
    yield piece;
  }
}
