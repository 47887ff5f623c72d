/**
 * Streams a multipart upload straight to a temp file, hashing as it goes, so a 1 GiB upload costs
 * a few buffers of memory, not 1 GiB. The size limit is enforced twice: from Content-Length before
 * reading anything, and by busboy while reading; either way the rest of the body is dropped, not
 * stored, and the partial temp file is deleted.
 */
import busboy from 'busboy';
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { Transform } from 'node:stream';
import type { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { RequestContext } from './context';
import { HttpError, invalidField } from './errors';

/** Multipart framing and small fields never need more than this beyond the file itself. */
const MULTIPART_SLACK = 64 * 1024;

/** The uploaded file, complete and fsynced in the temp area, not yet committed. */
export interface ReceivedFile {
  tempPath: string;
  filename: string;
  mimeType: string;
  bytes: number;
  md5: string;
}

/** A parsed form: its text fields and its one file. */
export interface ReceivedForm {
  fields: Map<string, string>;
  file: ReceivedFile;
}

/** Options for one upload. */
export interface ReceiveOptions {
  /** Max file bytes; more gets 413. */
  limit: number;
  /** Form field carrying the file (default `file`). */
  fileField?: string;
  /** Called when the file part's headers arrive, before any byte is stored; throw to refuse it. */
  checkFile?(filename: string, mimeType: string): void;
  /** False where the file's own MD5 is never used (an Upload part: the whole file is hashed in order). */
  hash?: boolean;
}

/** A pass-through that counts bytes and computes the MD5 of what flows through it. */
export class HashingCounter extends Transform {
  private readonly hash = createHash('md5');
  bytes = 0;

  /** `hashing` false: only counts (the digest is then the empty input's). */
  constructor(private readonly hashing = true) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: (err?: Error | null, data?: Buffer) => void): void {
    if (this.hashing) this.hash.update(chunk);
    this.bytes += chunk.length;
    done(null, chunk);
  }

  digest(): string {
    return this.hash.digest('hex');
  }
}

/** Throws 413 before reading when Content-Length alone proves the body is too big. */
export function rejectOversizedLength(ctx: RequestContext, limit: number, slack: number): void {
  const declared = Number(ctx.req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > limit + slack) {
    ctx.discardBody();
    throw tooLarge(limit);
  }
}

/** The 413 every dialect sends for an over-limit file. */
export function tooLarge(limit: number): HttpError {
  return new HttpError(413, 'too_large', `File too large: the limit is ${limit} bytes.`, { code: 'file_too_large' });
}

/**
 * Calls `onAbort` if the body errors or closes before it has ended into `dest` (a client that
 * hung up, or an injected reset), so a reader never waits forever. Returns the unsubscriber.
 */
export function watchBody(body: Readable, dest: Writable, onAbort: (err: Error) => void): () => void {
  const onError = (err: Error) => onAbort(err);
  const onClose = () => {
    if (!dest.writableEnded) onAbort(new Error('The client closed the connection before the upload finished'));
  };
  body.on('error', onError);
  body.on('close', onClose);
  return () => {
    body.off('error', onError);
    body.off('close', onClose);
  };
}

/** Receives `multipart/form-data` with exactly one file; see the module note for the guarantees. */
export async function receiveMultipart(ctx: RequestContext, opts: ReceiveOptions): Promise<ReceivedForm> {
  const fileField = opts.fileField ?? 'file';
  const contentType = ctx.req.headers['content-type'] ?? '';
  if (!/^multipart\/form-data/i.test(contentType)) {
    ctx.discardBody();
    throw invalidField(['body', fileField], 'Field required: send the file as multipart/form-data', null, 'missing');
  }
  rejectOversizedLength(ctx, opts.limit, MULTIPART_SLACK);

  const fields = new Map<string, string>();
  const temp = ctx.state.blobs.tempPath();
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: ctx.req.headers,
      defParamCharset: 'utf8',
      // busboy reports its limit once a file reaches it, so allow one byte more: a file of exactly
      // `limit` bytes is within the limit, and 'limit' then means "over".
      limits: { fileSize: opts.limit + 1, files: 1, fields: 50, fieldSize: 1024 * 1024, parts: 60 },
    });
  } catch (err) {
    ctx.discardBody();
    throw invalidField(['body'], `Malformed multipart body: ${(err as Error).message}`, null, 'value_error');
  }

  let fileDone: Promise<ReceivedFile> | undefined;
  const abort = new AbortController();
  let fail: (err: unknown) => void = () => undefined;
  const outcome = new Promise<void>((resolve, reject) => {
    fail = reject;
    parser.on('close', () => resolve());
  });
  parser.on('file', (name, stream, info) => {
    if (name !== fileField || fileDone) {
      stream.resume();
      return;
    }
    const filename = info.filename ?? '';
    const mimeType = info.mimeType || 'application/octet-stream';
    try {
      opts.checkFile?.(filename, mimeType);
    } catch (err) {
      stream.resume();
      fail(err);
      return;
    }
    const counter = new HashingCounter(opts.hash ?? true);
    stream.on('limit', () => fail(tooLarge(opts.limit)));
    fileDone = pipeline(stream, counter, createWriteStream(temp, { flush: true }), { signal: abort.signal }).then(() => {
      if (stream.truncated) throw tooLarge(opts.limit);
      return { tempPath: temp, filename, mimeType, bytes: counter.bytes, md5: counter.digest() };
    });
    fileDone.catch(fail);
  });
  parser.on('field', (name, value) => fields.set(name, value));
  parser.on('error', (err) => fail(invalidField(['body'], `Malformed multipart body: ${(err as Error).message}`, null)));
  const stopWatching = watchBody(ctx.body, parser, (err) => fail(err));
  ctx.body.pipe(parser);

  try {
    await outcome;
    if (!fileDone) throw invalidField(['body', fileField], 'Field required', null, 'missing');
    return { fields, file: await fileDone };
  } catch (err) {
    ctx.body.unpipe(parser);
    ctx.discardBody();
    parser.destroy();
    abort.abort();
    await fileDone?.catch(() => undefined);
    await ctx.state.blobs.discard(temp);
    throw err;
  } finally {
    stopWatching();
  }
}
