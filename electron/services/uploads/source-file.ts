import { constants, type Stats } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { SendBuffers } from '../net/send-buffers';
import type { FileSource } from '../providers/types';
import { changedError, fileKeyOf, localReadError, specialKind } from './local-read';
import { md5Of } from './md5';
import { md5Workers, WORKER_HASH_MIN_BYTES } from './md5-worker';

/** What pre-flight saw of the file: the upload must read exactly this. */
export interface CheckedFile {
  bytes: number;
  mtimeMs: number;
  /** Device and inode at pre-flight; absent for items saved before it was recorded. */
  fileKey?: string;
}

/** The largest piece read at once (a part is streamed in pieces this size, never held whole). */
export const READ_CHUNK = 1024 * 1024;

/** Exact byte counts: a change of a few bytes must not read as "4.1 kB to 4.1 kB". */
function exactBytes(bytes: number): string {
  return `${bytes.toLocaleString('en')} bytes`;
}

/** Why `now` is not the file pre-flight checked, or null when it still is. */
function difference(now: Stats, checked: CheckedFile): string | null {
  if (!now.isFile()) return `it is now ${specialKind(now)}`;
  if (now.size === 0) return 'it is now empty';
  if (now.size !== checked.bytes) return `its size went from ${exactBytes(checked.bytes)} to ${exactBytes(now.size)}`;
  if (now.mtimeMs !== checked.mtimeMs) return 'it was modified';
  if (checked.fileKey !== undefined && fileKeyOf(now) !== checked.fileKey) return 'another file was put in its place';
  return null;
}

/**
 * One file opened once for its whole upload: hashed and streamed from the same descriptor with
 * positional reads, so every attempt and the hash read the bytes pre-flight checked, and a path
 * swapped or renamed after opening changes nothing. Opening never blocks (O_NONBLOCK: a named
 * pipe put in the file's place is seen and refused instead of waiting for a writer forever), and
 * any change of type, size or modification time is `file_changed`, never adopted.
 */
export class SourceFile implements FileSource {
  private closed = false;
  /** Hashes running on a worker from this descriptor; closing waits for them to let go of it. */
  private readonly hashing = new Set<Promise<string>>();

  private constructor(
    private readonly handle: FileHandle,
    private readonly checked: CheckedFile,
  ) {}

  /**
   * Opens `path` and confirms it is the regular, non-empty file pre-flight checked, within the
   * provider's limit. Failures are local reasons in plain words (see local-read.ts).
   */
  static async open(path: string, checked: CheckedFile, maxBytes: number | null): Promise<SourceFile> {
    let handle: FileHandle;
    try {
      handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
    } catch (error) {
      throw localReadError(error);
    }
    try {
      const why = difference(await handle.stat(), checked);
      if (why) throw changedError(why);
      if (maxBytes !== null && checked.bytes > maxBytes) throw changedError('it is now larger than the provider accepts');
      return new SourceFile(handle, checked);
    } catch (error) {
      await handle.close().catch(() => undefined);
      throw localReadError(error);
    }
  }

  get bytes(): number {
    return this.checked.bytes;
  }

  /** Why the file is no longer what was checked (asked of the open descriptor), or null. */
  async changed(): Promise<string | null> {
    try {
      return difference(await this.handle.stat(), this.checked);
    } catch (error) {
      throw localReadError(error);
    }
  }

  /**
   * The MD5 of the checked bytes, read by position from this descriptor: on a worker thread for
   * a large file (md5-worker.ts), so the main thread stays free to send it meanwhile.
   */
  async md5(options: { signal?: AbortSignal } = {}): Promise<string> {
    try {
      if (this.checked.bytes < WORKER_HASH_MIN_BYTES) return await md5Of(this.handle, this.checked.bytes, options);
      const job = md5Workers().hash(this.handle.fd, this.checked.bytes, options.signal);
      this.hashing.add(job);
      try {
        return await job;
      } finally {
        this.hashing.delete(job);
      }
    } catch (error) {
      if (options.signal?.aborted) throw options.signal.reason;
      throw localReadError(error);
    }
  }

  /**
   * Fills `piece` with the bytes at `position` of this descriptor. A file that ends before the
   * piece is full became shorter after it was checked: `file_changed`.
   */
  async readAt(piece: Buffer, position: number): Promise<void> {
    let filled = 0;
    while (filled < piece.length) {
      let read: number;
      try {
        ({ bytesRead: read } = await this.handle.read(piece, filled, piece.length - filled, position + filled));
      } catch (error) {
        throw localReadError(error);
      }
      if (read === 0) throw changedError('it became shorter while it was being read');
      filled += read;
    }
  }

  /**
   * The checked bytes, read by position in 1 MiB pieces. A piece's buffer is refilled only once
   * the socket it was sent on has written it out (send-buffers.ts), never while it may still hold
   * it; otherwise a fresh one is used. The last piece is held back until the descriptor confirms
   * the file did not change while it was read, so a body read from a changing file never
   * completes and the provider never stores it.
   */
  async *chunks(): AsyncGenerator<Uint8Array> {
    const total = this.checked.bytes;
    const buffers = new SendBuffers(Math.min(READ_CHUNK, total));
    let position = 0;
    while (position < total) {
      const piece = buffers.take(Math.min(READ_CHUNK, total - position));
      await this.readAt(piece, position);
      position += piece.length;
      if (position === total) {
        const why = await this.changed();
        if (why) throw changedError(why);
      }
      yield piece;
    }
  }

  /** Closes the descriptor (once; later calls do nothing), after any worker has stopped reading it. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.allSettled([...this.hashing]);
    await this.handle.close().catch(() => undefined);
  }
}
