import { stat } from 'node:fs/promises';
import { AppError, PLAIN_MESSAGES } from '../../../shared/errors';
import type { StoredFile } from '../../../shared/models/files';
import type { ProviderAdapter } from '../providers/types';
import type { Connection } from '../workspaces/workspace-service';
import type { DuplicateFinder } from './duplicates';
import type { QueueItem } from './queue-item';
import { decideRetry, type RetryOptions } from '../net/retry-policy';

const CHANGED_MESSAGE = 'The file changed while it was being uploaded, so the upload was not counted. Upload it again once it has finished changing.';

/** What running one upload needs from the queue around it. */
export interface RunnerDeps {
  connect(workspaceId: string): Promise<Connection>;
  duplicates: DuplicateFinder;
  retry: RetryOptions;
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  /** The item's state changed (persist and announce it). */
  changed(item: QueueItem): void;
  /** Bytes went out (announce it, throttled). */
  progress(item: QueueItem, sentBytes: number): void;
}

function toShape(error: unknown): { code: string; message: string } {
  if (error instanceof AppError) return { code: error.code, message: error.message };
  if ((error as NodeJS.ErrnoException)?.code === 'ENOENT') {
    return { code: 'not_found', message: 'The file is no longer where it was when it was added. Add it again from its new place.' };
  }
  if ((error as NodeJS.ErrnoException)?.code === 'EACCES') {
    return { code: 'forbidden', message: 'Stowage may not read this file any more (permission denied). Check its permissions and retry.' };
  }
  return { code: 'internal', message: PLAIN_MESSAGES.internal };
}

function finish(item: QueueItem, state: QueueItem['state'], file: StoredFile | null, deps: RunnerDeps): void {
  item.state = state;
  item.fileId = file?.id ?? item.fileId;
  item.speedBps = 0;
  item.etaSeconds = null;
  item.maybeSent = false;
  if (state === 'done') item.sentBytes = item.bytes;
  deps.changed(item);
}

async function checkChanged(item: QueueItem, before: { size: number; mtimeMs: number }, adapter: ProviderAdapter, file: StoredFile): Promise<boolean> {
  const after = await stat(item.path).catch(() => null);
  if (after && after.size === before.size && after.mtimeMs === before.mtimeMs) return false;
  if (!adapter.dedupesByContent) await adapter.remove(file.id).catch(() => undefined);
  return true;
}

/**
 * Runs one upload to its end: duplicate check (by the batch's policy), then attempts with the
 * retry rules, looking for the file before any resend that could duplicate it. It sets the final
 * state on the item itself; once the signal fires it reports `cancelled`, never success.
 */
export async function runUpload(item: QueueItem, signal: AbortSignal, deps: RunnerDeps): Promise<void> {
  try {
    const { adapter } = await deps.connect(item.workspaceId);
    const before = await stat(item.path);
    if (before.size !== item.bytes || before.mtimeMs !== item.mtimeMs) {
      item.bytes = before.size;
      item.mtimeMs = before.mtimeMs;
      item.md5 = null;
    }
    if (!item.forceUpload && item.policy !== 'upload') {
      item.state = 'hashing';
      deps.changed(item);
      const existing = await deps.duplicates.find(item, adapter, signal);
      signal.throwIfAborted();
      if (existing) {
        item.error = null;
        return finish(item, item.policy === 'skip' ? 'skipped' : 'duplicate', existing, deps);
      }
    }
    for (;;) {
      item.attempts += 1;
      try {
        if (item.maybeSent) {
          const landed = await deps.duplicates.findLanded(item, adapter, signal);
          if (landed) return finish(item, 'done', landed, deps);
          item.maybeSent = false;
        }
        item.attemptStartedAt = Date.now();
        item.state = 'uploading';
        item.sentBytes = 0;
        item.error = null;
        deps.changed(item);
        const file = await adapter.upload({
          path: item.path,
          name: item.name,
          bytes: item.bytes,
          purpose: item.purpose,
          contentType: item.contentType,
          signal,
          onProgress: (sent) => deps.progress(item, Math.min(sent, item.bytes)),
          onVerifying: () => {
            item.state = 'verifying';
            deps.changed(item);
          },
        });
        if (await checkChanged(item, before, adapter, file)) throw new AppError('file_changed', CHANGED_MESSAGE);
        signal.throwIfAborted();
        deps.duplicates.remember(item, file);
        return finish(item, 'done', file, deps);
      } catch (error) {
        if (signal.aborted) throw error;
        const decision = decideRetry(error, item.attempts, deps.retry);
        if (!decision.retry) throw error;
        item.maybeSent ||= decision.checkFirst;
        item.state = 'queued';
        item.error = toShape(error);
        deps.changed(item);
        await deps.sleep(decision.delayMs, signal);
      }
    }
  } catch (error) {
    if (signal.aborted) {
      item.error = null;
      return finish(item, 'cancelled', null, deps);
    }
    item.error = toShape(error);
    finish(item, 'failed', null, deps);
  }
}
