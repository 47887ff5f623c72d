/**
 * Streams a raw (non-multipart) request body to a temp file, as a storage bucket receives a
 * presigned PUT: counted, hashed, fsynced, and cut off with a 413 once it passes the limit.
 */
import { createWriteStream } from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { RequestContext } from './context';
import { HashingCounter, rejectOversizedLength, tooLarge, watchBody } from './multipart';
import type { ReceivedFile } from './multipart';

/** Receives the whole body into the temp area; the caller commits or discards it. */
export async function receiveRaw(ctx: RequestContext, limit: number, filename: string, mimeType: string): Promise<ReceivedFile> {
  rejectOversizedLength(ctx, limit, 0);
  const temp = ctx.state.blobs.tempPath();
  const counter = new HashingCounter();
  let seen = 0;
  const guard = new Transform({
    transform(chunk: Buffer, _enc, done) {
      seen += chunk.length;
      if (seen > limit) done(tooLarge(limit));
      else done(null, chunk);
    },
  });
  // The request is piped, not put in the pipeline: a pipeline would destroy the socket on a 413.
  const abort = new AbortController();
  const written = pipeline(guard, counter, createWriteStream(temp, { flush: true }), { signal: abort.signal });
  const stopWatching = watchBody(ctx.body, guard, () => abort.abort());
  ctx.body.pipe(guard);
  try {
    await written;
    return { tempPath: temp, filename, mimeType, bytes: counter.bytes, md5: counter.digest() };
  } catch (err) {
    ctx.body.unpipe(guard);
    ctx.discardBody();
    await ctx.state.blobs.discard(temp);
    throw err;
  } finally {
    stopWatching();
  }
}
