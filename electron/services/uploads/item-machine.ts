import type { UploadState } from '../../../shared/models/uploads';
import { storedBytes } from './part-session';
import { FINISHED_STATES, type QueueItem } from './queue-item';

/**
 * Every move an upload item may make. Anything else is a bug in the caller and throws, so a late
 * "done" can never overwrite a "cancelled" the user asked for.
 */
const MOVES: Record<UploadState, readonly UploadState[]> = {
  queued: ['hashing', 'uploading', 'skipped', 'duplicate', 'done', 'kept', 'failed', 'cancelled'],
  hashing: ['uploading', 'skipped', 'duplicate', 'done', 'kept', 'queued', 'failed', 'cancelled'],
  // A large file hashed while it is sent stops with what its lookup found (hash-and-send.ts).
  uploading: ['verifying', 'done', 'kept', 'skipped', 'duplicate', 'queued', 'failed', 'cancelled'],
  /** Back to uploading: a multipart upload whose session ended at completion sends its parts again. */
  verifying: ['done', 'kept', 'uploading', 'queued', 'failed', 'cancelled'],
  duplicate: ['skipped', 'queued', 'cancelled'],
  paused: ['queued', 'cancelled'],
  failed: ['queued'],
  cancelled: ['queued'],
  done: [],
  kept: [],
  skipped: [],
};

/** Bookkeeping a move may set along with the state. */
export type ItemPatch = Partial<
  Pick<
    QueueItem,
    'fileId' | 'matchBasis' | 'error' | 'md5' | 'maybeSent' | 'attemptStartedAt' | 'attempts' | 'bytes' | 'mtimeMs' | 'forceUpload' | 'parts' | 'notice' | 'resumedFrom'
  >
>;

/** Thrown when a caller asks for a move the table does not allow. */
export class IllegalMove extends Error {
  constructor(from: UploadState, to: UploadState) {
    super(`An upload cannot go from ${from} to ${to}.`);
    this.name = 'IllegalMove';
  }
}

/** Whether `from` may move to `to`. */
export function canMove(from: UploadState, to: UploadState): boolean {
  return MOVES[from].includes(to);
}

/**
 * The one writer of a queue item. The queue's commands, the runner and the progress meter all
 * change items through it, and every change is reported once to `onChange` (which announces and
 * persists it; `durable` asks for the copy on disk now, not in a moment, because a crash must not
 * forget a stored part). The fields that follow from a state are set here, not by each caller: a
 * finished item has no speed or ETA, a stored one has sent all its bytes, a fresh attempt starts
 * at zero, and a stored, skipped or cancelled one has no multipart session left to resume.
 */
export class ItemMachine {
  /**
   * `beforeSend` hears of every move to "uploading" before the move returns, so before the
   * request that follows it starts (the queue notes it on disk for crash recovery).
   */
  constructor(
    private readonly onChange: (item: QueueItem, durable: boolean) => void,
    private readonly beforeSend: (item: QueueItem) => void = () => undefined,
  ) {}

  move(item: QueueItem, to: UploadState, patch: ItemPatch = {}): void {
    if (!canMove(item.state, to)) throw new IllegalMove(item.state, to);
    Object.assign(item, patch);
    item.state = to;
    if (to === 'uploading') this.beforeSend(item);
    if (to !== 'uploading' && to !== 'verifying') {
      item.speedBps = 0;
      item.etaSeconds = null;
    }
    if (to === 'uploading' || to === 'queued') {
      item.sentBytes = 0;
      item.error = null;
    }
    if (to === 'done' || to === 'kept') item.sentBytes = item.bytes;
    // Stopped by its lookup while sending (hash-and-send.ts): the body never completed.
    if (to === 'skipped' || to === 'duplicate') item.sentBytes = 0;
    if (to === 'done' || to === 'kept' || to === 'skipped' || to === 'duplicate' || to === 'cancelled') {
      item.maybeSent = false;
      item.error = null;
    }
    const hadParts = item.parts !== null;
    if (to === 'done' || to === 'kept' || to === 'skipped' || to === 'cancelled') item.parts = null;
    this.onChange(item, 'parts' in patch || (hadParts && item.parts === null));
  }

  /** Changes bookkeeping without a move (e.g. the file's hash became known, or a part was stored). */
  note(item: QueueItem, patch: ItemPatch): void {
    Object.assign(item, patch);
    this.onChange(item, 'parts' in patch);
  }

  /** Bytes went out: what was sent, and the speed and ETA measured from it. */
  progress(item: QueueItem, sentBytes: number, speedBps: number): void {
    if (item.state !== 'uploading' && item.state !== 'verifying') return;
    item.sentBytes = Math.min(sentBytes, item.bytes);
    item.speedBps = Math.max(0, speedBps);
    item.etaSeconds = item.speedBps > 0 ? Math.max(0, (item.bytes - item.sentBytes) / item.speedBps) : null;
    this.onChange(item, false);
  }
}

/**
 * An item as it comes back after a quit or crash: finished and paused ones as they were, anything
 * unfinished paused (the user resumes it), and one that was mid-send marked "may have arrived"
 * so resuming looks for it before sending again. A multipart upload keeps its session and shows
 * the bytes its stored parts hold.
 */
export function restored(item: QueueItem): QueueItem {
  if (FINISHED_STATES.has(item.state) || item.state === 'paused') return item;
  const wasSending = item.state === 'uploading' || item.state === 'verifying' || item.maybeSent;
  const sentBytes = item.parts ? storedBytes(item.parts) : 0;
  return { ...item, state: 'paused', sentBytes, speedBps: 0, etaSeconds: null, maybeSent: wasSending };
}
