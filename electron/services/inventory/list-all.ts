import { setMaxListeners } from 'node:events';
import type { StoredFile } from '../../../shared/models/files';
import type { ListRequest, ProviderAdapter, RawPage } from '../providers/types';
import { abortableSleep } from '../net/sleep';
import { decideRetry, DEFAULT_RETRY } from '../net/retry-policy';

/** Cancel and progress for a full listing. */
export interface ListAllOptions {
  signal?: AbortSignal;
  /** Called after every page with the files it brought. */
  onPage?(files: readonly StoredFile[]): void;
  /** Pages in flight at once for skip/limit providers. */
  parallel?: number;
}

/** Pages in flight at once: enough to hide a real API's round trip, few enough to stay polite. */
export const DEFAULT_PARALLEL_PAGES = 16;

/**
 * One page, retried like an upload would be (connection errors, 429 with Retry-After, 502-504):
 * reading a page twice is harmless, and one hiccup should not throw away a long audit.
 */
async function fetchPage(adapter: ProviderAdapter, req: ListRequest): Promise<RawPage> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await adapter.listPage(req);
    } catch (error) {
      const decision = decideRetry(error, attempt, DEFAULT_RETRY);
      if (!decision.retry || !req.signal || req.signal.aborted) throw error;
      await abortableSleep(decision.delayMs, req.signal);
    }
  }
}

async function listOffsets(adapter: ProviderAdapter, options: ListAllOptions): Promise<StoredFile[]> {
  const size = adapter.maxPageSize;
  const pages: StoredFile[][] = [];
  let next = 0;
  let end = Number.POSITIVE_INFINITY;
  const stop = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
  const parallel = Math.max(1, options.parallel ?? DEFAULT_PARALLEL_PAGES);
  setMaxListeners(parallel * 2 + 10, signal);
  const worker = async () => {
    for (;;) {
      const index = next;
      if (index > end) return;
      next += 1;
      const page = await fetchPage(adapter, { position: { offset: index * size }, limit: size, purpose: null, createdOrder: 'desc', signal });
      pages[index] = page.files;
      options.onPage?.(page.files);
      if (page.files.length < size) end = Math.min(end, index);
    }
  };
  const workers = Array.from({ length: parallel }, () =>
    worker().catch((error: unknown) => {
      stop.abort();
      throw error;
    }),
  );
  await Promise.all(workers);
  const seen = new Set<string>();
  const out: StoredFile[] = [];
  for (let i = 0; i <= end && i < pages.length; i += 1) {
    for (const file of pages[i] ?? []) {
      if (seen.has(file.id)) continue;
      seen.add(file.id);
      out.push(file);
    }
  }
  return out;
}

/**
 * Cursor and token pages, one after another, until the server says there are no more or a page
 * brings no file not already seen: a server whose cursor repeats, or cycles between pages, would
 * otherwise be read forever (each id is kept once).
 */
async function listCursors(adapter: ProviderAdapter, options: ListAllOptions): Promise<StoredFile[]> {
  const out: StoredFile[] = [];
  const seen = new Set<string>();
  let cursor: string | null = null;
  const signal = options.signal ?? new AbortController().signal;
  for (;;) {
    const page = await fetchPage(adapter, { position: { cursor }, limit: adapter.maxPageSize, purpose: null, createdOrder: 'desc', signal });
    const fresh = page.files.filter((file) => !seen.has(file.id));
    for (const file of fresh) {
      seen.add(file.id);
      out.push(file);
    }
    options.onPage?.(fresh);
    if (fresh.length === 0 || !page.next || !('cursor' in page.next) || page.next.cursor === null || page.next.cursor === cursor) return out;
    cursor = page.next.cursor;
  }
}

/**
 * Every file in a workspace, to the end of the listing. Skip/limit providers are read with
 * several pages in flight (the offsets are known up front) until a short page marks the end;
 * cursor and token providers can only be read one page after another. Ids seen twice (the
 * listing shifted while it was read, or a server sent a page again) are kept once.
 */
export function listAll(adapter: ProviderAdapter, options: ListAllOptions = {}): Promise<StoredFile[]> {
  return adapter.info.pagination === 'offset' ? listOffsets(adapter, options) : listCursors(adapter, options);
}
