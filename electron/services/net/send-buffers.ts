import { subscribe } from 'node:diagnostics_channel';
import type { Socket } from 'node:net';

/**
 * Read buffers for request bodies that are reused only once the socket has provably let go of
 * them. A 1 GiB upload read into a fresh 1 MiB buffer per piece leaves tens of MB of spent
 * buffers waiting for V8 to collect them (it does so only when their total passes its
 * external-memory threshold, about 32 MB here); reusing a few keeps the upload's memory flat.
 *
 * A buffer must never be refilled while the socket may still be writing from it, so a buffer is
 * handed out again only after undici reported writing it to a socket (its diagnostics channels:
 * `sendHeaders` names the request's socket, `bodyChunkSent` the chunk just passed to
 * `socket.write`) and that socket's `writableLength` has since been 0: every write given to a
 * Node socket is counted there until libuv has copied it to the kernel. A buffer never written to
 * a socket (a body that failed or was aborted, a reader other than the HTTP client) is never
 * reused: it is simply left to the garbage collector, as before. When none is free, a fresh one
 * is allocated, so a slow socket never makes a read wait. One pool serves one body (one pass
 * over a file): when that pass ends, its buffers go to the garbage collector with it.
 */
export class SendBuffers {
  /** Buffers out of the pool, with the socket that was last handed each (null: not yet handed). */
  private readonly lent = new Map<Buffer, Socket | null>();
  private readonly free: Buffer[] = [];
  /** How many buffers were allocated (the rest of `take`s were reuses); for tests and benchmarks. */
  allocated = 0;

  constructor(
    /** The size of every pooled buffer; smaller requests are served from a slice of one. */
    readonly size: number,
    /** At most this many buffers are kept; more are allocated when all are still in use, and not kept. */
    readonly keep = 4,
  ) {}

  /**
   * A buffer of `bytes` (at most `size`) that no socket may still be writing from. Its contents
   * are stale: fill it all before use.
   */
  take(bytes: number): Buffer {
    if (bytes > this.size) throw new RangeError(`a pooled buffer holds at most ${this.size} bytes`);
    this.reclaim();
    let whole = this.free.pop();
    if (!whole) {
      this.allocated += 1;
      // All kept buffers may still be on a socket: a fresh one, not kept.
      if (this.lent.size >= this.keep) return Buffer.allocUnsafeSlow(bytes);
      whole = Buffer.allocUnsafeSlow(this.size);
    }
    const piece = bytes === this.size ? whole : whole.subarray(0, bytes);
    this.lent.set(whole, null);
    pieces.set(piece, { pool: this, whole });
    return piece;
  }

  /** Noted by the channel listener: `piece` was just passed to `socket.write`. */
  handed(whole: Buffer, socket: Socket): void {
    if (this.lent.has(whole)) this.lent.set(whole, socket);
  }

  /** Moves every lent buffer whose socket has since flushed all its writes back to the free list. */
  private reclaim(): void {
    for (const [whole, socket] of this.lent) {
      if (socket && socket.writableLength === 0) {
        this.lent.delete(whole);
        this.free.push(whole);
      }
    }
  }
}

/** Pooled pieces, to their pool and whole buffer (weak: a piece dropped unsent is simply collected). */
const pieces = new WeakMap<Uint8Array, { pool: SendBuffers; whole: Buffer }>();
/** undici's requests to the socket they are written to. */
const sockets = new WeakMap<object, Socket>();

subscribe('undici:client:sendHeaders', (message) => {
  const { request, socket } = message as { request: object; socket: Socket };
  sockets.set(request, socket);
});

subscribe('undici:request:bodyChunkSent', (message) => {
  const { request, chunk } = message as { request: object; chunk: Uint8Array };
  const owner = pieces.get(chunk);
  const socket = sockets.get(request);
  if (owner && socket) owner.pool.handed(owner.whole, socket);
});
