import { toErrorShape } from '../../../shared/errors';
import type { StoredFile } from '../../../shared/models/files';
import type { ProviderAdapter } from '../providers/types';
import type { Connection } from '../workspaces/workspace-service';
import { settleChangedCopy } from './changed-copy';
import { keptExisting, type DuplicateFinder, type Lookup } from './duplicates';
import { HASH_BESIDE_MIN_BYTES, hashAndSend } from './hash-and-send';
import type { ItemMachine } from './item-machine';
import type { QueueItem } from './queue-item';
import { SourceFile } from './source-file';
import { decideRetry, type RetryOptions } from '../net/retry-policy';
import type { PartOptions } from './part-session';
import { sendInParts } from './send-in-parts';
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
  /** How big files are cut into parts, where the provider takes them in parts. */
  partOptions: PartOptions;
  /** A line for the activity log about an upload still under way (a part sent again, a resume). */
  remark(item: QueueItem, detail: string): void;
}

/** A resumable session that can never be completed: cancelled on the server (best effort) and forgotten. */
function abandonParts(item: QueueItem, adapter: ProviderAdapter, machine: ItemMachine): void {
  const session = item.parts;
  if (!session) return;
  void adapter.parts?.cancel(session.uploadId).catch(() => undefined);
  machine.note(item, { parts: null, resumedFrom: null });
}

/**
 * Before sending: is a copy already stored? Under "ask" and "skip" the answer decides (an exact
 * match is skipped by "skip", a guess by name and size always waits for the user). Where the
 * provider keeps one copy per content (VLM Run), the exact twin is looked up even when a second
 * copy was asked for, to tell afterwards whether one was made (and, if the file then changed,
 * whether the copy was created by this upload). 'settled' when the check ended the item.
 */
/**
 * Whether this attempt hashes while it sends (hash-and-send.ts) instead of hashing first: a large
 * file, a provider that looks content up, the check not yet made, and no earlier attempt that may
 * have delivered it (that one is looked for first, as everywhere).
 */
function hashesBeside(item: QueueItem, adapter: ProviderAdapter, checked: boolean): boolean {
  if (checked || item.maybeSent || !adapter.findByHash || item.bytes < HASH_BESIDE_MIN_BYTES) return false;
  return (!item.forceUpload && item.policy !== 'upload') || adapter.dedupesByContent;
}

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
 * a copy sent from a file that then changed is settled by one rule (changed-copy.ts). A large
 * file on a provider that looks content up is hashed while it is sent (hash-and-send.ts). A big
 * file goes in resumable parts where the provider has multipart Uploads (send-in-parts.ts), read
 * from the same descriptor; its session survives a quit and is cancelled on the server once the
 * file is gone or changed. Every change goes through the item machine. Once the signal fires it
 * stops and leaves the state to whoever aborted it (Cancel moves the item to cancelled; quitting
 * keeps it as it was, to be resumed).
 */
export async function runUpload(item: QueueItem, signal: AbortSignal, deps: RunnerDeps): Promise<void> {
  const { machine } = deps;
  let source: SourceFile | null = null;
  try {
    const { adapter } = await deps.connect(item.workspaceId);
    const opened = await SourceFile.open(item.path, { bytes: item.bytes, mtimeMs: item.mtimeMs, fileKey: item.fileKey }, adapter.info.maxFileBytes).catch(
      (error: unknown) => {
        // Parts of a file that is gone or changed can never be completed: drop the Upload now.
        if (item.parts) abandonParts(item, adapter, machine);
        throw error;
      },
    );
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

    /** Sends `body` (the opened file, or it with its last bytes held) as this item. */
    const send = (body: FileSource, sending: AbortSignal): Promise<StoredFile> =>
      adapter.upload({
        file: body,
        name: item.name,
        purpose: item.purpose,
        contentType: item.contentType,
        expiresAfterSeconds: item.expiresAfterSeconds,
        signal: sending,
        onProgress: (sent) => machine.progress(item, sent, deps.speed(item, Math.min(sent, item.bytes))),
        onVerifying: () => machine.move(item, 'verifying'),
      });

    /** What the duplicate check found: kept for finishing, and so a retry does not ask again. */
    const learned = (lookup: Lookup): void => {
      checked = true;
      twin = item.maybeSent ? null : lookup.twin;
      if (adapter.dedupesByContent && !item.maybeSent) storedBefore = lookup.twin?.id ?? null;
    };

    for (;;) {
      const attempts = item.attempts + 1;
      try {
        if (hashesBeside(item, adapter, checked)) {
          const decides = !item.forceUpload && item.policy !== 'upload';
          machine.move(item, 'uploading', { attempts, attemptStartedAt: Date.now() });
          const outcome = await hashAndSend(
            opened,
            {
              policy: { decides, skip: item.policy === 'skip' },
              label: adapter.info.label,
              lookup: async (checking) =>
                decides ? deps.duplicates.find(item, adapter, opened, checking) : { match: null, twin: await deps.duplicates.twin(item, adapter, opened, checking) },
              send,
              remove: (id) => adapter.remove(id),
              learned,
            },
            signal,
          );
          signal.throwIfAborted();
          if (outcome.kind === 'stopped') return machine.move(item, outcome.state, { fileId: outcome.existing.id, matchBasis: outcome.basis });
          return await finish(outcome.file, attempts);
        }
        if (!checked) {
          const lookup = await checkFirst(item, attempts, adapter, opened, deps, signal);
          if (lookup === 'settled') return;
          learned(lookup);
        }
        if (item.maybeSent) {
          const landed = await deps.duplicates.findLanded(item, adapter, opened, signal);
          signal.throwIfAborted();
          if (landed) return await finish(landed, attempts);
          machine.note(item, { maybeSent: false });
        }
        machine.move(item, 'uploading', { attempts, attemptStartedAt: Date.now() });
        return await finish((await sendInParts(item, adapter, opened, signal, deps)) ?? (await send(opened, signal)), attempts);
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
