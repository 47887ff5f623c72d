import type { StoredFile } from '../../../shared/models/files';
import type { WorkspaceListings } from '../listings/workspace-listings';
import type { ProviderAdapter } from '../providers/types';
import { md5File } from './md5';
import type { QueueItem } from './queue-item';

const nameSize = (name: string, bytes: number) => `${bytes}\u0000${name}`;

/** How far back a listing entry may be dated and still count as "the upload that just broke off". */
const LANDED_SKEW_MS = 5 * 60_000;

/** What one batch checks names and sizes against. */
interface BatchListing {
  /** The workspace's listing when the batch started (a snapshot id), null until read or after a failed read. */
  snapshot: Promise<number> | null;
  /** Keeps that snapshot from retention while the batch may still ask. */
  release: (() => void) | null;
  /** Files the batch itself stored since: the snapshot predates them. */
  stored: Map<string, StoredFile>;
}

/** Waits for `promise`, but gives up (rejecting with the signal's reason) as soon as `signal` fires. */
function until<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  signal.throwIfAborted();
  return new Promise<T>((resolve, reject) => {
    const stop = () => reject(signal.reason);
    signal.addEventListener('abort', stop, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', stop);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', stop);
        reject(error);
      },
    );
  });
}

/**
 * Finds a stored copy of a file before it is sent. Where the provider can look content up by
 * MD5 (VLM Run), that is exact. Elsewhere a same-name, same-size file counts: looked up in the
 * workspace's listing in the catalogue (the snapshot current when the batch started, held until
 * the batch settles) and among what the batch itself has stored since.
 */
export class DuplicateFinder {
  private readonly batches = new Map<string, BatchListing>();

  /**
   * `learned` records a hash once computed (through the item's one writer, the queue's machine);
   * `listings` hands out the workspace's listing.
   */
  constructor(
    private readonly learned: (item: QueueItem, md5: string) => void,
    private readonly listings: WorkspaceListings,
  ) {}

  private batch(item: QueueItem): BatchListing {
    const key = `${item.batchId}\u0000${item.workspaceId}`;
    let batch = this.batches.get(key);
    if (!batch) {
      batch = { snapshot: null, release: null, stored: new Map() };
      this.batches.set(key, batch);
    }
    return batch;
  }

  /** The batch's snapshot, read once (without any one item's signal: the whole batch shares it). */
  private snapshotOf(batch: BatchListing, item: QueueItem, adapter: ProviderAdapter): Promise<number> {
    if (!batch.snapshot) {
      const read = this.listings.current(item.workspaceId, adapter).then((info) => {
        if (this.batches.get(`${item.batchId}\u0000${item.workspaceId}`) === batch) batch.release = this.listings.hold(info.id);
        return info.id;
      });
      read.catch(() => {
        if (batch.snapshot === read) batch.snapshot = null;
      });
      batch.snapshot = read;
    }
    return batch.snapshot;
  }

  /** Computes (once) and caches the item's MD5. */
  async hash(item: QueueItem, signal: AbortSignal): Promise<string> {
    if (item.md5) return item.md5;
    const md5 = await md5File(item.path, { signal, sizeHint: item.bytes });
    this.learned(item, md5);
    return md5;
  }

  async find(item: QueueItem, adapter: ProviderAdapter, signal: AbortSignal): Promise<StoredFile | null> {
    if (adapter.findByHash) return adapter.findByHash(await this.hash(item, signal), signal);
    const batch = this.batch(item);
    const snapshotId = await until(this.snapshotOf(batch, item, adapter), signal);
    return batch.stored.get(nameSize(item.name, item.bytes)) ?? this.listings.catalogue.findByNameSize(snapshotId, item.name, item.bytes);
  }

  /** Adds a file this batch stored, so a second copy later in the same batch is caught too. */
  remember(item: QueueItem, file: StoredFile): void {
    this.batches.get(`${item.batchId}\u0000${item.workspaceId}`)?.stored.set(nameSize(file.name, file.bytes), file);
  }

  /**
   * After an attempt that may have delivered the bytes without an answer: did the file land?
   * By hash where possible, else by name and size among the newest files, dated after the attempt.
   */
  async findLanded(item: QueueItem, adapter: ProviderAdapter, signal: AbortSignal): Promise<StoredFile | null> {
    if (adapter.findByHash) return adapter.findByHash(await this.hash(item, signal), signal);
    const start = adapter.info.pagination === 'offset' ? { offset: 0 } : { cursor: null };
    const page = await adapter.listPage({ position: start, limit: 100, purpose: null, createdOrder: 'desc', signal });
    const since = (item.attemptStartedAt ?? 0) - LANDED_SKEW_MS;
    return page.files.find((f) => f.name === item.name && f.bytes === item.bytes && Date.parse(f.createdAt) >= since) ?? null;
  }

  /** How many batches' listings are held (for the release test). */
  get heldBatches(): number {
    return new Set([...this.batches.keys()].map((key) => key.split('\u0000')[0])).size;
  }

  /** Lets go of a settled batch's listing (its snapshot may be retired again). */
  forgetBatch(batchId: string): void {
    for (const [key, batch] of this.batches) {
      if (!key.startsWith(`${batchId}\u0000`)) continue;
      batch.release?.();
      this.batches.delete(key);
    }
  }
}
