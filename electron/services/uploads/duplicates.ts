import type { StoredFile } from '../../../shared/models/files';
import type { MatchBasis } from '../../../shared/models/uploads';
import { listAll } from '../inventory/list-all';
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

/**
 * Finds a stored copy of a file before it is sent. Where the provider can look content up by
 * MD5 (VLM Run), that is exact, and a copy stored for another purpose is not "already stored".
 * Elsewhere a file with the same name, size and purpose is only a guess, unless Stowage uploaded
 * it from this computer and recorded its MD5: then the guess becomes a fact either way. The
 * workspace's listing is read once per batch (and grows with what the batch uploads).
 */
export class DuplicateFinder {
  private readonly indexes = new Map<string, Promise<Map<string, StoredFile[]>>>();

  /** `learned` records a hash once computed (through the item's one writer, the queue's machine). */
  constructor(
    private readonly learned: (item: QueueItem, md5: string) => void,
    private readonly records: ContentRecords,
  ) {}

  private index(item: QueueItem, adapter: ProviderAdapter): Promise<Map<string, StoredFile[]>> {
    const key = `${item.batchId}\u0000${item.workspaceId}`;
    let index = this.indexes.get(key);
    if (!index) {
      index = listAll(adapter).then((files) => {
        const map = new Map<string, StoredFile[]>();
        for (const f of files) map.set(nameSize(f.name, f.bytes), [...(map.get(nameSize(f.name, f.bytes)) ?? []), f]);
        return map;
      });
      index.catch(() => this.indexes.delete(key));
      this.indexes.set(key, index);
    }
    return index;
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
    const candidates = ((await abortable(this.index(item, adapter), signal)).get(nameSize(item.name, item.bytes)) ?? []).filter((f) => f.purpose === item.purpose);
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
   * contents), and into the batch's listing, so a second copy later in the same batch is caught.
   */
  async remember(item: QueueItem, file: StoredFile, source: SourceFile, signal: AbortSignal): Promise<void> {
    const index = this.indexes.get(`${item.batchId}\u0000${item.workspaceId}`);
    void index?.then((map) => map.set(nameSize(file.name, file.bytes), [...(map.get(nameSize(file.name, file.bytes)) ?? []), file])).catch(() => undefined);
    // A record that cannot be made only leaves a later check at "same name and size".
    const md5 = await this.hash(item, source, signal).catch(() => null);
    if (md5) await this.records.record(item.workspaceId, file.id, md5).catch(() => undefined);
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
    return new Set([...this.indexes.keys()].map((key) => key.split('\u0000')[0])).size;
  }

  /** Drops a settled batch's listing. */
  forgetBatch(batchId: string): void {
    for (const key of this.indexes.keys()) if (key.startsWith(`${batchId}\u0000`)) this.indexes.delete(key);
  }
}
