import { setMaxListeners } from 'node:events';
import { AppError } from '../../../shared/errors';
import type { StoredFile } from '../../../shared/models/files';
import { ConnectionError, ProviderError } from '../net/errors';
import type { RetryOptions } from '../net/retry-policy';
import type { PartUploads, ProviderAdapter } from '../providers/types';
import type { ItemMachine } from './item-machine';
import { orderedMd5, ReadGate } from './ordered-md5';
import { sendMissingParts } from './part-pool';
import { partBytesFor, partCount, storedBytes, type PartOptions, type PartSession } from './part-session';
import { formatBytes } from '../../../shared/format';
import type { QueueItem } from './queue-item';
import type { SourceFile } from './source-file';

const EXPIRED = 'The upload session expired after an hour, so Stowage is starting this file again from the beginning.';
const ENDED = 'The provider no longer accepts parts for this upload, so Stowage is starting this file again from the beginning.';
const CHANGED_SINCE = 'The file changed since its upload began, so Stowage is sending it again from the beginning.';

/** What a multipart upload needs from the runner around it. */
export interface PartsDeps {
  machine: ItemMachine;
  retry: RetryOptions;
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  speed(item: QueueItem, sent: number): number;
  partOptions: PartOptions;
  /** A line for the activity log about this upload (a part sent again, a resume, a restart). */
  remark(item: QueueItem, detail: string): void;
}

/** The provider refused a part or the completion of a session it no longer has open. */
class SessionEnded extends Error {
  constructor(override readonly cause: ProviderError) {
    super('session ended');
  }
}

/** A file that changed under its parts: the Upload is cancelled, so nothing is stored. */
const changedError = (why: string) =>
  new AppError(
    'file_changed',
    `The file changed while its parts were being sent (${why}), so Stowage cancelled the upload and nothing was stored. Add it again once it has finished changing.`,
  );
const endedSession = (error: unknown) => error instanceof ProviderError && (error.status === 400 || error.status === 404);
const isChanged = (error: unknown) => error instanceof AppError && error.code === 'file_changed';
/** A `file_changed` from reading a part (worded for one request) in the words of a cancelled Upload. */
const asPartsChange = (error: AppError) =>
  error.message.startsWith('The file changed while its parts') ? error : changedError(/\(([^)]*)\)/.exec(error.message)?.[1] ?? 'it was modified');

/** Best effort: the provider drops an abandoned Upload's parts (or lets it expire within the hour). */
function abandon(parts: PartUploads, session: PartSession): void {
  void parts.cancel(session.uploadId).catch(() => undefined);
}

/** Why a part did not arrive, as a clause for the activity log. */
function reasonOf(error: unknown): string {
  if (error instanceof ConnectionError) {
    if (error.kind === 'timeout') return 'the provider took too long to answer';
    if (error.kind === 'offline') return 'the provider could not be reached';
    return 'the connection broke while it was being sent';
  }
  if (error instanceof ProviderError) return error.status === 429 ? 'the provider asked Stowage to slow down (HTTP 429)' : `the provider answered HTTP ${error.status}`;
  return 'it failed';
}

/**
 * The session this item can continue, or null to start afresh: not when the file changed since
 * (its parts would mix two versions) or the session's hour is over. Says on the row and in the
 * activity log what was decided.
 */
function continuable(item: QueueItem, source: SourceFile, parts: PartUploads, deps: PartsDeps): PartSession | null {
  const session = item.parts;
  if (!session) return null;
  const { machine } = deps;
  if (session.fileBytes !== source.bytes || session.fileMtimeMs !== item.mtimeMs || session.partIds.length !== partCount(source.bytes, session.partBytes)) {
    abandon(parts, session);
    machine.note(item, { parts: null, notice: CHANGED_SINCE, resumedFrom: null });
    deps.remark(item, CHANGED_SINCE);
    return null;
  }
  if (Date.now() >= session.expiresAt) {
    machine.note(item, { parts: null, notice: EXPIRED, resumedFrom: null });
    deps.remark(item, EXPIRED);
    return null;
  }
  const stored = storedBytes(session);
  const have = session.partIds.filter((id) => id !== null).length;
  if (stored > 0 && have < session.partIds.length) {
    machine.note(item, { resumedFrom: stored, notice: null });
    deps.remark(item, `Resumed: ${have} of ${session.partIds.length} parts were already stored, so only the other ${session.partIds.length - have} are sent.`);
  }
  return session;
}

/** Sends the parts the session lacks, with the file's MD5 taken in order alongside, then completes it. */
async function finishSession(item: QueueItem, session: PartSession, source: SourceFile, parts: PartUploads, signal: AbortSignal, deps: PartsDeps): Promise<StoredFile> {
  const { machine } = deps;
  if (item.state === 'verifying') machine.move(item, 'uploading');
  const ids = [...session.partIds];
  const stop = new AbortController();
  const inner = AbortSignal.any([signal, stop.signal]);
  setMaxListeners(4 * Math.max(1, deps.partOptions.parallelism) + 8, inner);
  const gate = new ReadGate(ids.map((id) => id !== null));
  // A hash taken already (the duplicate check) read this same descriptor: no second pass.
  const hashing = item.md5 !== null ? Promise.resolve(item.md5) : orderedMd5(source, session.partBytes, gate, inner);
  hashing.catch(() => undefined);
  try {
    await sendMissingParts({
      parts,
      source,
      session,
      parallelism: { start: deps.partOptions.startParallelism, max: deps.partOptions.parallelism },
      retry: deps.retry,
      sleep: deps.sleep,
      signal: inner,
      onProgress: (sent) => machine.progress(item, sent, deps.speed(item, sent)),
      onStored: (index, id) => {
        ids[index] = id;
        if (!signal.aborted) machine.note(item, { parts: { ...session, partIds: [...ids] } });
      },
      onRetry: (index, error, attempt) =>
        deps.remark(
          item,
          `Part ${index + 1} of ${ids.length} did not arrive (${reasonOf(error)}). Stowage is sending that part again (attempt ${attempt + 1} of ${deps.retry.maxAttempts}); the parts already stored stay stored.`,
        ),
      onRead: (index) => gate.open(index),
      changed: changedError,
    });
  } catch (error) {
    stop.abort();
    if (signal.aborted || isChanged(error)) throw error;
    if (endedSession(error)) throw new SessionEnded(error as ProviderError);
    throw error instanceof AppError ? new AppError(error.code, error.message) : error;
  }
  const md5 = await hashing;
  const why = await source.changed();
  if (why) throw changedError(why);
  // Known now, so the records and a later duplicate check need no second pass over the file.
  machine.note(item, { md5 });
  signal.throwIfAborted();
  machine.move(item, 'verifying');
  try {
    const file = await parts.complete(session.uploadId, ids as string[], md5, signal);
    machine.note(item, { parts: null });
    return file;
  } catch (error) {
    if (!signal.aborted && endedSession(error)) throw new SessionEnded(error as ProviderError);
    throw error;
  }
}

/**
 * Sends a big file through the provider's multipart Uploads, or returns null when it should go in
 * one request: below the threshold, or where the provider has no Uploads and the file fits one
 * request. The session is kept in the item after every stored part, so a later run (after a
 * dropped connection, a quit or a crash) sends only the parts still missing. A session the
 * provider has ended (its hour is over) is started again once, saying so; a file that changed
 * under the parts is `file_changed` and its Upload is cancelled.
 */
export async function sendInParts(item: QueueItem, adapter: ProviderAdapter, source: SourceFile, signal: AbortSignal, deps: PartsDeps): Promise<StoredFile | null> {
  const parts = adapter.parts;
  const single = adapter.info.singleRequestMaxBytes;
  const mustSplit = single !== null && item.bytes > single;
  const oneRequestOnly = () =>
    new AppError(
      'too_large',
      `This server has no multipart Uploads, so it takes at most ${formatBytes(single ?? 0)} per file and this file is ${formatBytes(item.bytes)}. Send it to OpenAI itself or to another server that offers Uploads, or split it into smaller files.`,
    );
  if (!parts || !parts.available) {
    if (mustSplit) throw oneRequestOnly();
    return null;
  }
  if (!mustSplit && item.parts === null && item.bytes <= deps.partOptions.thresholdBytes) return null;
  let session = continuable(item, source, parts, deps);
  for (let restarts = 0; ; restarts += 1) {
    if (!session) {
      const started = await parts.begin({
        name: item.name,
        bytes: item.bytes,
        purpose: item.purpose,
        contentType: item.contentType,
        expiresAfterSeconds: item.expiresAfterSeconds,
        signal,
      });
      if (!started) {
        if (mustSplit) throw oneRequestOnly();
        deps.machine.note(item, { notice: 'This server has no multipart Uploads, so Stowage sends the file in one request.' });
        return null;
      }
      const partBytes = partBytesFor(source.bytes, deps.partOptions, parts.maxPartBytes);
      session = { ...started, partBytes, fileBytes: source.bytes, fileMtimeMs: item.mtimeMs, partIds: new Array<null>(partCount(source.bytes, partBytes)).fill(null) };
      if (signal.aborted) abandon(parts, session);
      signal.throwIfAborted();
      deps.machine.note(item, { parts: session });
    }
    try {
      return await finishSession(item, session, source, parts, signal, deps);
    } catch (error) {
      if (signal.aborted) throw error;
      if (isChanged(error)) {
        abandon(parts, session);
        deps.machine.note(item, { parts: null });
        throw asPartsChange(error as AppError);
      }
      if (!(error instanceof SessionEnded)) throw error;
      abandon(parts, session);
      session = null;
      if (restarts > 0) {
        deps.machine.note(item, { parts: null });
        throw error.cause;
      }
      const notice = /expir/i.test(error.cause.message) || Date.now() >= (item.parts?.expiresAt ?? Infinity) ? EXPIRED : ENDED;
      deps.machine.note(item, { parts: null, notice, resumedFrom: null });
      deps.remark(item, notice);
    }
  }
}
