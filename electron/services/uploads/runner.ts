import { stat } from 'node:fs/promises';
import { AppError, toErrorShape } from '../../../shared/errors';
import type { StoredFile } from '../../../shared/models/files';
import type { ProviderAdapter } from '../providers/types';
import type { Connection } from '../workspaces/workspace-service';
import { keptExisting, type DuplicateFinder, type Lookup } from './duplicates';
import type { ItemMachine } from './item-machine';
import type { QueueItem } from './queue-item';
import { decideRetry, type RetryOptions } from '../net/retry-policy';

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
 * Before sending: is a copy already stored? Under "ask" and "skip" the answer decides (an exact
 * match is skipped by "skip", a guess by name and size always waits for the user). Where the
 * provider keeps one copy per content (VLM Run), the exact twin is looked up even when a second
 * copy was asked for, to tell afterwards whether one was made. 'settled' when the check ended the item.
 */
async function checkFirst(item: QueueItem, attempts: number, adapter: ProviderAdapter, deps: RunnerDeps, signal: AbortSignal): Promise<Lookup | 'settled'> {
  const decides = !item.forceUpload && item.policy !== 'upload';
  if (!decides && (!adapter.dedupesByContent || item.maybeSent)) return { match: null, twin: null };
  deps.machine.move(item, 'hashing', { attempts });
  const found = decides ? await deps.duplicates.find(item, adapter, signal) : { match: null, twin: await deps.duplicates.twin(item, adapter, signal) };
  signal.throwIfAborted();
  if (!found.match) return found;
  const { file, basis } = found.match;
  deps.machine.move(item, item.policy === 'skip' && basis === 'content' ? 'skipped' : 'duplicate', { fileId: file.id, matchBasis: basis });
  return 'settled';
}

/**
 * Runs one upload to its end: duplicate check (by the batch's policy), then attempts with the
 * retry rules (a check the provider briefly refused is retried the same way), looking for the
 * file before any resend that could duplicate it. A provider that
 * answers with the copy it already held ends the item as "kept", not "done": no second copy was
 * made. Every change goes through the item machine. Once the signal fires it stops and leaves
 * the state to whoever aborted it (Cancel moves the item to cancelled; quitting keeps it as it
 * was, to be resumed).
 */
export async function runUpload(item: QueueItem, signal: AbortSignal, deps: RunnerDeps): Promise<void> {
  const { machine } = deps;
  try {
    const { adapter } = await deps.connect(item.workspaceId);
    const before = await stat(item.path);
    if (before.size !== item.bytes || before.mtimeMs !== item.mtimeMs) machine.note(item, { bytes: before.size, mtimeMs: before.mtimeMs, md5: null });
    let checked = false;
    let twin: StoredFile | null = null;
    for (;;) {
      const attempts = item.attempts + 1;
      try {
        if (!checked) {
          const lookup = await checkFirst(item, attempts, adapter, deps, signal);
          if (lookup === 'settled') return;
          checked = true;
          twin = item.maybeSent ? null : lookup.twin;
        }
        if (item.maybeSent) {
          const landed = await deps.duplicates.findLanded(item, adapter, signal);
          signal.throwIfAborted();
          if (landed && keptExisting(twin, landed)) return machine.move(item, 'kept', { fileId: landed.id, attempts });
          if (landed) {
            await deps.duplicates.remember(item, landed, signal);
            return machine.move(item, 'done', { fileId: landed.id, attempts });
          }
          machine.note(item, { maybeSent: false });
        }
        machine.move(item, 'uploading', { attempts, attemptStartedAt: Date.now() });
        const file = await adapter.upload({
          path: item.path,
          name: item.name,
          bytes: item.bytes,
          purpose: item.purpose,
          contentType: item.contentType,
          signal,
          onProgress: (sent) => machine.progress(item, sent, deps.speed(item, Math.min(sent, item.bytes))),
          onVerifying: () => machine.move(item, 'verifying'),
        });
        if (keptExisting(twin, file)) return machine.move(item, 'kept', { fileId: file.id });
        if (await checkChanged(item, before, adapter, file)) throw new AppError('file_changed', CHANGED_MESSAGE);
        signal.throwIfAborted();
        await deps.duplicates.remember(item, file, signal);
        signal.throwIfAborted();
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
