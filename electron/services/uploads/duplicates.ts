import type { StoredFile } from '../../../shared/models/files';
import type { MatchBasis } from '../../../shared/models/uploads';
import type { WorkspaceListings } from '../listings/workspace-listings';
import { abortable } from '../net/sleep';
import type { ProviderAdapter } from '../providers/types';
import type { ContentRecords } from './content-records';
import type { QueueItem } from './queue-item';
import type { SourceFile } from './source-file';

const nameSize = (name: string, bytes: number) => `${bytes}\u0000${name}`;

/** How far back a listing entry may be dated and still count as "the upload that just broke off". */
const LANDED_SKEW_MS = 5 * 60_000;

/** A stored file that stands for the one about to be sent, and how sure that is. */
export interface DuplicateMatch {
  file: StoredFile;
  /** 'content': same bytes and purpose (a fact). 'name_size': same name, size and purpose, contents not compared (a guess). */
  basis: MatchBasis;
}

/** What the duplicate check found before an upload. */
export interface Lookup {
  /** A stored file the user may not want twice (exact or guessed), or null. */
  match: DuplicateMatch | null;
  /**
   * A stored file with exactly these bytes, whatever its purpose, where the provider can look
   * content up. After an upload it tells a second copy from the provider handing back the one it
   * already held (same id, or a file created before this one).
   */
  twin: StoredFile | null;
}

/** Whether the provider answered an upload with a copy it already held rather than a new one. */
export function keptExisting(twin: StoredFile | null, stored: StoredFile): boolean {
  if (!twin) return false;
  return stored.id === twin.id || Date.parse(stored.createdAt) < Date.parse(twin.createdAt);
}

/** What one batch checks names and sizes against. */
interface BatchListing {
  /** The workspace's listing when the batch started (a snapshot id), null until read or after a failed read. */
  snapshot: Promise<number> | null;
  /** Keeps that snapshot from retention while the batch may still ask. */
  release: (() => void) | null;
  /** Files the batch itself stored since: the snapshot predates them. */
  stored: Map<string, StoredFile[]>;
}

/**
 * Finds a stored copy of a file before it is sent. Where the provider can look content up by
 * MD5 (VLM Run), that is exact, and a copy stored for another purpose is not "already stored".
 * Elsewhere a file with the same name, size and purpose is only a guess, unless Stowage uploaded
 * it from this computer and recorded its MD5: then the guess becomes a fact either way. Names and
 * sizes are looked up in the workspace's listing in the catalogue (the snapshot current when the
 * batch started, held until the batch settles) and among what the batch itself stored since.
 */
export class DuplicateFinder {
  private readonly batches = new Map<string, BatchListing>();

  /**
   * `learned` records a hash once computed (through the item's one writer, the queue's machine);
   * `listings` hands out the workspace's listing; `records` holds the MD5s of files sent from here.
   */
  constructor(
    private readonly learned: (item: QueueItem, md5: string) => void,
    private readonly listings: WorkspaceListings,
    private readonly records: ContentRecords,
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

  /** Computes (once, from the item's open file) and caches the item's MD5. */
  async hash(item: QueueItem, source: SourceFile, signal: AbortSignal): Promise<string> {
    if (item.md5) return item.md5;
    const md5 = await source.md5({ signal });
    this.learned(item, md5);
    return md5;
  }

  /** The exact copy by content lookup (any purpose), where the provider has one. */
  async twin(item: QueueItem, adapter: ProviderAdapter, source: SourceFile, signal: AbortSignal): Promise<StoredFile | null> {
    return adapter.findByHash ? adapter.findByHash(await this.hash(item, source, signal), signal) : null;
  }

  /** Looks for a stored copy: exact by content, or guessed by name and size (see the class). */
  async find(item: QueueItem, adapter: ProviderAdapter, source: SourceFile, signal: AbortSignal): Promise<Lookup> {
    if (adapter.findByHash) {
      const twin = await this.twin(item, adapter, source, signal);
      return { twin, match: twin && twin.purpose === item.purpose ? { file: twin, basis: 'content' } : null };
    }
    const batch = this.batch(item);
    const snapshotId = await abortable(this.snapshotOf(batch, item, adapter), signal);
    const candidates = [...(batch.stored.get(nameSize(item.name, item.bytes)) ?? []), ...this.listings.catalogue.allByNameSize(snapshotId, item.name, item.bytes)].filter(
      (f) => f.purpose === item.purpose,
    );
    let guess: StoredFile | null = null;
    for (const file of candidates) {
      const recorded = this.records.md5Of(item.workspaceId, file.id);
      if (recorded === null) guess ??= file;
      else if (recorded === (await this.hash(item, source, signal))) return { twin: null, match: { file, basis: 'content' } };
    }
    return { twin: null, match: guess ? { file: guess, basis: 'name_size' } : null };
  }

  /**
   * Notes a file this upload stored: its MD5 goes to the records (so a later check can compare
   * contents), and into the batch's own list, so a second copy later in the same batch is caught.
   */
  async remember(item: QueueItem, file: StoredFile, source: SourceFile, signal: AbortSignal): Promise<void> {
    const batch = this.batches.get(`${item.batchId}\u0000${item.workspaceId}`);
    if (batch) batch.stored.set(nameSize(file.name, file.bytes), [...(batch.stored.get(nameSize(file.name, file.bytes)) ?? []), file]);
    // A record that cannot be made only leaves a later check at "same name and size". It is
    // readable at once; the item does not wait for it to reach the disk (an fsync'd rewrite of the
    // records file), which held every small file's slot for a disk flush.
    const md5 = await this.hash(item, source, signal).catch(() => null);
    if (md5) void this.records.record(item.workspaceId, file.id, md5).catch(() => undefined);
  }

  /**
   * After an attempt that may have delivered the bytes without an answer: did the file land?
   * By hash where possible, else by name and size among the newest files, dated after the
   * attempt; either way only a file with the item's purpose counts.
   */
  async findLanded(item: QueueItem, adapter: ProviderAdapter, source: SourceFile, signal: AbortSignal): Promise<StoredFile | null> {
    if (adapter.findByHash) {
      const found = await adapter.findByHash(await this.hash(item, source, signal), signal);
      return found && found.purpose === item.purpose ? found : null;
    }
    const start = adapter.info.pagination === 'offset' ? { offset: 0 } : { cursor: null };
    const page = await adapter.listPage({ position: start, limit: 100, purpose: null, createdOrder: 'desc', signal });
    const since = (item.attemptStartedAt ?? 0) - LANDED_SKEW_MS;
    return page.files.find((f) => f.name === item.name && f.bytes === item.bytes && f.purpose === item.purpose && Date.parse(f.createdAt) >= since) ?? null;
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
