import { toErrorShape } from '../../../shared/errors';
import type { StoredFile } from '../../../shared/models/files';
import type { Connection } from '../workspaces/workspace-service';
import { settleChangedCopy } from './changed-copy';
import type { DuplicateFinder } from './duplicates';
import { HASH_BESIDE_MIN_BYTES, hashAndSend } from './hash-and-send';
import type { ItemMachine } from './item-machine';
import type { QueueItem } from './queue-item';
import { SourceFile } from './source-file';
import { decideRetry, type RetryOptions } from '../net/retry-policy';
import type { FileSource } from '../providers/types';

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

/**
 * Runs one upload to its end: open the file once (it must still be the file pre-flight checked),
 * then attempts with the retry rules, all reading from that one descriptor. An attempt looks for
 * the file before any resend that could duplicate it, and looks it up where the batch's duplicate
 * policy asks for it or the provider dedupes by content (what the provider already held decides
 * what becomes of a copy sent from a file that then changed); a large file is hashed while it is
 * sent (hash-and-send.ts). Every change goes through the item machine. Once the signal
 * fires it stops and leaves the state to whoever aborted it (Cancel moves the item to cancelled;
 * quitting keeps it as it was, to be resumed).
 */
export async function runUpload(item: QueueItem, signal: AbortSignal, deps: RunnerDeps): Promise<void> {
  const { machine } = deps;
  let source: SourceFile | null = null;
  try {
    const { adapter } = await deps.connect(item.workspaceId);
    const opened = await SourceFile.open(item.path, { bytes: item.bytes, mtimeMs: item.mtimeMs }, adapter.info.maxFileBytes);
    source = opened;
    signal.throwIfAborted();
    const byPolicy = !item.forceUpload && item.policy !== 'upload';
    let storedBefore: string | null | undefined;

    /** The provider holds `file` from this upload: done, unless the file changed after it was read. */
    const finish = async (file: StoredFile, attempts: number): Promise<void> => {
      const changed = await opened.changed();
      if (changed) {
        const copy = await settleChangedCopy(adapter, file, storedBefore, changed);
        signal.throwIfAborted();
        return machine.move(item, 'failed', { error: copy.error, fileId: copy.fileId, attempts });
      }
      signal.throwIfAborted();
      deps.duplicates.remember(item, file);
      return machine.move(item, 'done', { fileId: file.id, attempts });
    };

    /** Sends `body` (the opened file, or it with its last bytes held) as this item. */
    const send = (body: FileSource, sending: AbortSignal): Promise<StoredFile> =>
      adapter.upload({
        file: body,
        name: item.name,
        purpose: item.purpose,
        contentType: item.contentType,
        signal: sending,
        onProgress: (sent) => machine.progress(item, sent, deps.speed(item, Math.min(sent, item.bytes))),
        onVerifying: () => machine.move(item, 'verifying'),
      });

    for (;;) {
      const attempts = item.attempts + 1;
      try {
        if (item.maybeSent) {
          const landed = await deps.duplicates.findLanded(item, adapter, opened, signal);
          signal.throwIfAborted();
          if (landed) return await finish(landed, attempts);
          machine.note(item, { maybeSent: false });
        }
        const lookFirst = (byPolicy || adapter.dedupesByContent) && storedBefore === undefined;
        const findByHash = adapter.findByHash?.bind(adapter);
        if (lookFirst && findByHash && item.bytes >= HASH_BESIDE_MIN_BYTES) {
          machine.move(item, 'uploading', { attempts, attemptStartedAt: Date.now() });
          const outcome = await hashAndSend(
            opened,
            {
              policy: { byPolicy, skip: item.policy === 'skip' },
              label: adapter.info.label,
              lookup: async (checking) => findByHash(await deps.duplicates.hash(item, opened, checking), checking),
              send,
              remove: (id) => adapter.remove(id),
              learned: (id) => {
                storedBefore = id;
              },
            },
            signal,
          );
          signal.throwIfAborted();
          if (outcome.kind === 'stopped') return machine.move(item, outcome.state, { fileId: outcome.existing.id });
          storedBefore = outcome.storedBefore;
          return await finish(outcome.file, attempts);
        }
        if (lookFirst) {
          machine.move(item, 'hashing', { attempts });
          const existing = await deps.duplicates.find(item, adapter, opened, signal);
          signal.throwIfAborted();
          if (existing && byPolicy) return machine.move(item, item.policy === 'skip' ? 'skipped' : 'duplicate', { fileId: existing.id });
          storedBefore = existing?.id ?? null;
        }
        machine.move(item, 'uploading', { attempts, attemptStartedAt: Date.now() });
        return await finish(await send(opened, signal), attempts);
      } catch (error) {
        if (signal.aborted) throw error;
        const decision = decideRetry(error, attempts, deps.retry);
        if (!decision.retry) throw error;
        machine.move(item, 'queued', { attempts, maybeSent: item.maybeSent || decision.checkFirst, error: toErrorShape(error) });
        await deps.sleep(decision.delayMs, signal);
      }
    }
  } catch (error) {
    if (signal.aborted) return;
    machine.move(item, 'failed', { error: toErrorShape(error) });
  } finally {
    // Closed without waiting: the slot and the outcome do not wait on the disk.
    void source?.close();
  }
}
