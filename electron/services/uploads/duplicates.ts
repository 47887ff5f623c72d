import type { StoredFile } from '../../../shared/models/files';
import { listAll } from '../inventory/list-all';
import { abortable } from '../net/sleep';
import type { ProviderAdapter } from '../providers/types';
import type { QueueItem } from './queue-item';
import type { SourceFile } from './source-file';

const nameSize = (name: string, bytes: number) => `${bytes}\u0000${name}`;

/** How far back a listing entry may be dated and still count as "the upload that just broke off". */
const LANDED_SKEW_MS = 5 * 60_000;

/**
 * Finds a stored copy of a file before it is sent. Where the provider can look content up by
 * MD5 (VLM Run), that is exact. Elsewhere a same-name, same-size file counts: the workspace's
 * listing is read once per batch (and grows with what the batch uploads).
 */
export class DuplicateFinder {
  private readonly indexes = new Map<string, Promise<Map<string, StoredFile>>>();

  /** `learned` records a hash once computed (through the item's one writer, the queue's machine). */
  constructor(private readonly learned: (item: QueueItem, md5: string) => void) {}

  private index(item: QueueItem, adapter: ProviderAdapter): Promise<Map<string, StoredFile>> {
    const key = `${item.batchId}\u0000${item.workspaceId}`;
    let index = this.indexes.get(key);
    if (!index) {
      index = listAll(adapter).then((files) => new Map(files.map((f) => [nameSize(f.name, f.bytes), f])));
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

  async find(item: QueueItem, adapter: ProviderAdapter, source: SourceFile, signal: AbortSignal): Promise<StoredFile | null> {
    if (adapter.findByHash) return adapter.findByHash(await this.hash(item, source, signal), signal);
    return (await abortable(this.index(item, adapter), signal)).get(nameSize(item.name, item.bytes)) ?? null;
  }

  /** Adds a file this batch stored, so a second copy later in the same batch is caught too. */
  remember(item: QueueItem, file: StoredFile): void {
    const index = this.indexes.get(`${item.batchId}\u0000${item.workspaceId}`);
    void index?.then((map) => map.set(nameSize(file.name, file.bytes), file)).catch(() => undefined);
  }

  /**
   * After an attempt that may have delivered the bytes without an answer: did the file land?
   * By hash where possible, else by name and size among the newest files, dated after the attempt.
   */
  async findLanded(item: QueueItem, adapter: ProviderAdapter, source: SourceFile, signal: AbortSignal): Promise<StoredFile | null> {
    if (adapter.findByHash) return adapter.findByHash(await this.hash(item, source, signal), signal);
    const start = adapter.info.pagination === 'offset' ? { offset: 0 } : { cursor: null };
    const page = await adapter.listPage({ position: start, limit: 100, purpose: null, createdOrder: 'desc', signal });
    const since = (item.attemptStartedAt ?? 0) - LANDED_SKEW_MS;
    return page.files.find((f) => f.name === item.name && f.bytes === item.bytes && Date.parse(f.createdAt) >= since) ?? null;
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
