import { toErrorShape } from '../../../shared/errors';
import type { StoredFile } from '../../../shared/models/files';
import type { ProviderAdapter } from '../providers/types';
import type { Connection } from '../workspaces/workspace-service';
import { settleChangedCopy } from './changed-copy';
import { keptExisting, type DuplicateFinder, type Lookup } from './duplicates';
import type { ItemMachine } from './item-machine';
import type { QueueItem } from './queue-item';
import { SourceFile } from './source-file';
import { decideRetry, type RetryOptions } from '../net/retry-policy';

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
 * Before sending: is a copy already stored? Under "ask" and "skip" the answer decides (an exact
 * match is skipped by "skip", a guess by name and size always waits for the user). Where the
 * provider keeps one copy per content (VLM Run), the exact twin is looked up even when a second
 * copy was asked for, to tell afterwards whether one was made (and, if the file then changed,
 * whether the copy was created by this upload). 'settled' when the check ended the item.
 */
async function checkFirst(item: QueueItem, attempts: number, adapter: ProviderAdapter, source: SourceFile, deps: RunnerDeps, signal: AbortSignal): Promise<Lookup | 'settled'> {
  const decides = !item.forceUpload && item.policy !== 'upload';
  if (!decides && (!adapter.dedupesByContent || item.maybeSent)) return { match: null, twin: null };
  deps.machine.move(item, 'hashing', { attempts });
  const found = decides ? await deps.duplicates.find(item, adapter, source, signal) : { match: null, twin: await deps.duplicates.twin(item, adapter, source, signal) };
  signal.throwIfAborted();
  if (!found.match) return found;
  const { file, basis } = found.match;
  deps.machine.move(item, item.policy === 'skip' && basis === 'content' ? 'skipped' : 'duplicate', { fileId: file.id, matchBasis: basis });
  return 'settled';
}

/**
 * Runs one upload to its end: open the file once (it must still be the file pre-flight checked),
 * the duplicate check (by the batch's policy), then attempts with the retry rules, all reading
 * from that one descriptor. An attempt looks for the file before any resend that could duplicate
 * it. A provider that answers with the copy it already held ends the item as "kept", not "done";
 * a copy sent from a file that then changed is settled by one rule (changed-copy.ts). Every
 * change goes through the item machine. Once the signal fires it stops and leaves the state to
 * whoever aborted it (Cancel moves the item to cancelled; quitting keeps it as it was).
 */
export async function runUpload(item: QueueItem, signal: AbortSignal, deps: RunnerDeps): Promise<void> {
  const { machine } = deps;
  let source: SourceFile | null = null;
  try {
    const { adapter } = await deps.connect(item.workspaceId);
    const opened = await SourceFile.open(item.path, { bytes: item.bytes, mtimeMs: item.mtimeMs, fileKey: item.fileKey }, adapter.info.maxFileBytes);
    source = opened;
    signal.throwIfAborted();
    let checked = false;
    /** Same bytes already stored (any purpose), where the provider can look content up. */
    let twin: StoredFile | null = null;
    /** For a changed file: the id the provider held before this upload (null: none; undefined: not looked up). */
    let storedBefore: string | null | undefined;

    /** The provider holds `file` from this upload: done (or kept), unless the file changed after it was read. */
    const finish = async (file: StoredFile, attempts: number): Promise<void> => {
      const changed = await opened.changed();
      if (changed) {
        const copy = await settleChangedCopy(adapter, file, storedBefore, changed);
        signal.throwIfAborted();
        return machine.move(item, 'failed', { error: copy.error, fileId: copy.fileId, attempts });
      }
      signal.throwIfAborted();
      if (keptExisting(twin, file)) return machine.move(item, 'kept', { fileId: file.id, attempts });
      await deps.duplicates.remember(item, file, opened, signal);
      signal.throwIfAborted();
      return machine.move(item, 'done', { fileId: file.id, attempts });
    };

    for (;;) {
      const attempts = item.attempts + 1;
      try {
        if (!checked) {
          const lookup = await checkFirst(item, attempts, adapter, opened, deps, signal);
          if (lookup === 'settled') return;
          checked = true;
          twin = item.maybeSent ? null : lookup.twin;
          if (adapter.dedupesByContent && !item.maybeSent) storedBefore = lookup.twin?.id ?? null;
        }
        if (item.maybeSent) {
          const landed = await deps.duplicates.findLanded(item, adapter, opened, signal);
          signal.throwIfAborted();
          if (landed) return await finish(landed, attempts);
          machine.note(item, { maybeSent: false });
        }
        machine.move(item, 'uploading', { attempts, attemptStartedAt: Date.now() });
        const file = await adapter.upload({
          file: opened,
          name: item.name,
          purpose: item.purpose,
          contentType: item.contentType,
          expiresAfterSeconds: item.expiresAfterSeconds,
          signal,
          onProgress: (sent) => machine.progress(item, sent, deps.speed(item, Math.min(sent, item.bytes))),
          onVerifying: () => machine.move(item, 'verifying'),
        });
        return await finish(file, attempts);
      } catch (error) {
        if (signal.aborted) throw error;
        const decision = decideRetry(error, attempts, deps.retry);
        if (!decision.retry) throw error;
        // A failed "did it land?" check happens while the item is still queued: it stays there.
        const retry = { attempts, maybeSent: item.maybeSent || decision.checkFirst };
        if (item.state === 'queued') machine.note(item, retry);
        else machine.move(item, 'queued', { ...retry, error: toErrorShape(error) });
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
