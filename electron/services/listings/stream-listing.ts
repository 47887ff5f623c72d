/**
 * Reads a workspace's whole listing from its provider and hands each page on as it arrives,
 * keeping none of it: the catalogue stores the pages, so a million files never sit in memory.
 */
import { setMaxListeners } from 'node:events';
import type { StoredFile } from '../../../shared/models/files';
import { abortableSleep } from '../net/sleep';
import { decideRetry, DEFAULT_RETRY } from '../net/retry-policy';
import type { ListRequest, ProviderAdapter, RawPage } from '../providers/types';

/** Pages in flight at once: enough to hide a real API's round trip, few enough to stay polite. */
export const DEFAULT_PARALLEL_PAGES = 16;

/** Where the pages go, how to stop, and how many to ask for at once. */
export interface StreamOptions {
  /** Called with each page as it arrives (skip/limit pages may arrive out of order). Throwing stops the listing. */
  onPage(files: readonly StoredFile[]): void;
  signal?: AbortSignal;
  /** Pages in flight at once for skip/limit providers. */
  parallel?: number;
}

/** What a finished listing read (before ids seen twice are dropped by whoever stores them). */
export interface StreamTotals {
  pages: number;
  files: number;
}

/**
 * One page, retried like an upload would be (connection errors, 429 with Retry-After, 502-504):
 * reading a page twice is harmless, and one hiccup should not throw away a long listing.
 */
async function fetchPage(adapter: ProviderAdapter, req: ListRequest & { signal: AbortSignal }): Promise<RawPage> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await adapter.listPage(req);
    } catch (error) {
      const decision = decideRetry(error, attempt, DEFAULT_RETRY);
      if (!decision.retry || req.signal.aborted) throw error;
      await abortableSleep(decision.delayMs, req.signal);
    }
  }
}

/**
 * Skip/limit: the offsets are known up front, so `parallel` workers each take the next page
 * until a short page marks the end. The first failure (after its retries) stops the others.
 */
async function streamOffsets(adapter: ProviderAdapter, options: StreamOptions, totals: StreamTotals): Promise<void> {
  const size = adapter.maxPageSize;
  let next = 0;
  let end = Number.POSITIVE_INFINITY;
  const stop = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
  const parallel = Math.max(1, Math.floor(options.parallel ?? DEFAULT_PARALLEL_PAGES));
  setMaxListeners(parallel * 2 + 10, signal);
  const worker = async () => {
    for (;;) {
      signal.throwIfAborted();
      const index = next;
      if (index > end) return;
      next += 1;
      const page = await fetchPage(adapter, { position: { offset: index * size }, limit: size, purpose: null, createdOrder: 'desc', signal });
      signal.throwIfAborted();
      if (page.files.length < size) end = Math.min(end, index);
      totals.pages += 1;
      totals.files += page.files.length;
      options.onPage(page.files);
    }
  };
  await Promise.all(
    Array.from({ length: parallel }, () =>
      worker().catch((error: unknown) => {
        stop.abort(error);
        throw error;
      }),
    ),
  );
}

/**
 * Cursor and token providers can only be read one page after another. A server whose cursor
 * repeats, or whose tokens cycle between pages, would otherwise be read forever: the listing
 * stops at a cursor it has already followed (one string per page is kept, never the files).
 */
async function streamCursors(adapter: ProviderAdapter, options: StreamOptions, totals: StreamTotals): Promise<void> {
  const signal = options.signal ?? new AbortController().signal;
  const followed = new Set<string>();
  let cursor: string | null = null;
  for (;;) {
    signal.throwIfAborted();
    const page = await fetchPage(adapter, { position: { cursor }, limit: adapter.maxPageSize, purpose: null, createdOrder: 'desc', signal });
    signal.throwIfAborted();
    totals.pages += 1;
    totals.files += page.files.length;
    options.onPage(page.files);
    if (!page.next || !('cursor' in page.next) || page.next.cursor === null || followed.has(page.next.cursor)) return;
    cursor = page.next.cursor;
    followed.add(cursor);
  }
}

/**
 * Streams every file of a workspace to `onPage`, to the end of the listing, and resolves with
 * what it read. Nothing is collected; ids seen twice (the listing shifted while it was read) are
 * passed on as they came, for the store to keep once.
 */
export async function streamListing(adapter: ProviderAdapter, options: StreamOptions): Promise<StreamTotals> {
  const totals: StreamTotals = { pages: 0, files: 0 };
  try {
    if (adapter.info.pagination === 'offset') await streamOffsets(adapter, options, totals);
    else await streamCursors(adapter, options, totals);
  } catch (error) {
    // Whichever request noticed first, a listing the caller stopped fails with the caller's reason.
    options.signal?.throwIfAborted();
    throw error;
  }
  return totals;
}
