import type { StoredFile } from '../../../shared/models/files';
import type { ProviderAdapter } from '../providers/types';

export interface ListAllOptions {
  signal?: AbortSignal;
  /** Called after every page with the files it brought. */
  onPage?(files: readonly StoredFile[]): void;
  /** Pages in flight at once for skip/limit providers. */
  parallel?: number;
}

export const DEFAULT_PARALLEL_PAGES = 6;

async function listOffsets(adapter: ProviderAdapter, options: ListAllOptions): Promise<StoredFile[]> {
  const size = adapter.maxPageSize;
  const pages: StoredFile[][] = [];
  let next = 0;
  let end = Number.POSITIVE_INFINITY;
  const stop = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
  const worker = async () => {
    for (;;) {
      const index = next;
      if (index > end) return;
      next += 1;
      const page = await adapter.listPage({ position: { offset: index * size }, limit: size, purpose: null, createdOrder: 'desc', signal });
      pages[index] = page.files;
      options.onPage?.(page.files);
      if (page.files.length < size) end = Math.min(end, index);
    }
  };
  const workers = Array.from({ length: Math.max(1, options.parallel ?? DEFAULT_PARALLEL_PAGES) }, () =>
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

async function listCursors(adapter: ProviderAdapter, options: ListAllOptions): Promise<StoredFile[]> {
  const out: StoredFile[] = [];
  let cursor: string | null = null;
  for (;;) {
    const page = await adapter.listPage({ position: { cursor }, limit: adapter.maxPageSize, purpose: null, createdOrder: 'desc', signal: options.signal });
    for (const file of page.files) out.push(file);
    options.onPage?.(page.files);
    if (!page.next || !('cursor' in page.next) || page.next.cursor === null || page.next.cursor === cursor) return out;
    cursor = page.next.cursor;
  }
}

/**
 * Every file in a workspace, to the end of the listing. Skip/limit providers are read with
 * several pages in flight (the offsets are known up front) until a short page marks the end;
 * cursor and token providers can only be read one page after another. Ids seen twice (the
 * listing shifted while it was read) are kept once.
 */
export function listAll(adapter: ProviderAdapter, options: ListAllOptions = {}): Promise<StoredFile[]> {
  return adapter.info.pagination === 'offset' ? listOffsets(adapter, options) : listCursors(adapter, options);
}
