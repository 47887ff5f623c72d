import { stat } from 'node:fs/promises';
import { AppError, toErrorShape } from '../../../shared/errors';
import type { StoredFile } from '../../../shared/models/files';
import type { ProviderAdapter } from '../providers/types';
import type { Connection } from '../workspaces/workspace-service';
import type { DuplicateFinder } from './duplicates';
import type { ItemMachine } from './item-machine';
import type { QueueItem } from './queue-item';
import { decideRetry, type RetryOptions } from '../net/retry-policy';
import type { PartOptions } from './part-session';
import { sendInParts } from './send-in-parts';

const CHANGED_MESSAGE = 'The file changed while it was being uploaded, so the upload was not counted. Upload it again once it has finished changing.';

/** What running one upload needs from the queue around it. */
export interface RunnerDeps {
  connect(workspaceId: string): Promise<Connection>;
  duplicates: DuplicateFinder;
  retry: RetryOptions;
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  /** The item's one writer: every state change and byte count goes through it. */
  machine: ItemMachine;
  /** The item's current speed after `sent` bytes (bytes per second, 0 while unknown). */
  speed(item: QueueItem, sent: number): number;
  /** How big files are cut into parts, where the provider takes them in parts. */
  partOptions: PartOptions;
  /** A line for the activity log about an upload still under way (a part sent again, a resume). */
  remark(item: QueueItem, detail: string): void;
}

function toShape(error: unknown): { code: string; message: string } {
  if (error instanceof AppError) return { code: error.code, message: error.message };
  if ((error as NodeJS.ErrnoException)?.code === 'ENOENT') {
    return { code: 'not_found', message: 'The file is no longer where it was when it was added. Add it again from its new place.' };
  }
  if ((error as NodeJS.ErrnoException)?.code === 'EACCES') {
    return { code: 'forbidden', message: 'Stowage may not read this file any more (permission denied). Check its permissions and retry.' };
  }
  return toErrorShape(error);
}

async function checkChanged(item: QueueItem, before: { size: number; mtimeMs: number }, adapter: ProviderAdapter, file: StoredFile): Promise<boolean> {
  const after = await stat(item.path).catch(() => null);
  if (after && after.size === before.size && after.mtimeMs === before.mtimeMs) return false;
  if (!adapter.dedupesByContent) await adapter.remove(file.id).catch(() => undefined);
  return true;
}

/**
 * Runs one upload to its end: duplicate check (by the batch's policy), then attempts with the
 * retry rules (a big file in resumable parts, see send-in-parts.ts), looking for the file before
 * any resend that could duplicate it. Every change goes
 * through the item machine. Once the signal fires it stops and leaves the state to whoever
 * aborted it (Cancel moves the item to cancelled; quitting keeps it as it was, to be resumed).
 */
export async function runUpload(item: QueueItem, signal: AbortSignal, deps: RunnerDeps): Promise<void> {
  const { machine } = deps;
  try {
    const { adapter } = await deps.connect(item.workspaceId);
    const before = await stat(item.path);
    if (before.size !== item.bytes || before.mtimeMs !== item.mtimeMs) machine.note(item, { bytes: before.size, mtimeMs: before.mtimeMs, md5: null });
    if (!item.forceUpload && item.policy !== 'upload') {
      machine.move(item, 'hashing');
      const existing = await deps.duplicates.find(item, adapter, signal);
      signal.throwIfAborted();
      if (existing) return machine.move(item, item.policy === 'skip' ? 'skipped' : 'duplicate', { fileId: existing.id });
    }
    for (;;) {
      const attempts = item.attempts + 1;
      try {
        if (item.maybeSent) {
          const landed = await deps.duplicates.findLanded(item, adapter, signal);
          signal.throwIfAborted();
          if (landed) return machine.move(item, 'done', { fileId: landed.id, attempts });
          machine.note(item, { maybeSent: false });
        }
        machine.move(item, 'uploading', { attempts, attemptStartedAt: Date.now() });
        const file = (await sendInParts(item, adapter, signal, deps)) ?? await adapter.upload({
          path: item.path,
          name: item.name,
          bytes: item.bytes,
          purpose: item.purpose,
          contentType: item.contentType,
          signal,
          onProgress: (sent) => machine.progress(item, sent, deps.speed(item, Math.min(sent, item.bytes))),
          onVerifying: () => machine.move(item, 'verifying'),
        });
        if (await checkChanged(item, before, adapter, file)) throw new AppError('file_changed', CHANGED_MESSAGE);
        signal.throwIfAborted();
        deps.duplicates.remember(item, file);
        return machine.move(item, 'done', { fileId: file.id });
      } catch (error) {
        if (signal.aborted) throw error;
        const decision = decideRetry(error, attempts, deps.retry);
        if (!decision.retry) throw error;
        machine.move(item, 'queued', { attempts, maybeSent: item.maybeSent || decision.checkFirst, error: toShape(error) });
        await deps.sleep(decision.delayMs, signal);
      }
    }
  } catch (error) {
    if (signal.aborted) return;
    machine.move(item, 'failed', { error: toShape(error) });
  }
}
