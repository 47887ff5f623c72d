import type { ListPage } from '../../../shared/contract/files';
import type { Sort, StoredFile } from '../../../shared/models/files';
import { listAll } from '../inventory/list-all';
import type { ProviderAdapter } from '../providers/types';

/** A list request after zod defaults. */
export interface PageQuery {
  workspaceId: string;
  pageSize: number;
  page: { kind: 'offset'; index: number } | { kind: 'cursor'; cursor: string | null };
  purpose: string | null;
  search: string;
  sort: Sort | null;
  /** Sort the whole listing in main where the provider cannot (see the contract). */
  wholeListing: boolean;
}

/** Compares two files by a sort key (stable, name as the tie-breaker). */
export function compareFiles(sort: Sort): (a: StoredFile, b: StoredFile) => number {
  const dir = sort.dir === 'asc' ? 1 : -1;
  return (a, b) => {
    let d: number;
    if (sort.by === 'bytes') d = a.bytes - b.bytes;
    else if (sort.by === 'createdAt') d = Date.parse(a.createdAt) - Date.parse(b.createdAt);
    else d = (a[sort.by] ?? '').localeCompare(b[sort.by] ?? '');
    return d !== 0 ? d * dir : a.name.localeCompare(b.name);
  };
}

/** How a sort maps onto the provider: natural order, a server parameter, or sorting the page in main. */
export function sortPlan(adapter: ProviderAdapter, sort: Sort | null): { createdOrder: 'asc' | 'desc'; byName: boolean; server: boolean } {
  if (!sort || (sort.by === 'createdAt' && sort.dir === 'desc')) return { createdOrder: 'desc', byName: false, server: true };
  if (sort.by === 'createdAt' && adapter.canSortCreatedAsc) return { createdOrder: 'asc', byName: false, server: true };
  if (sort.by === 'name' && sort.dir === 'asc' && adapter.canSortByName) return { createdOrder: 'desc', byName: true, server: true };
  return { createdOrder: 'desc', byName: false, server: false };
}

/**
 * One page straight from the provider: its own paging, its own filter (checked by the caller),
 * and, where it cannot sort that way, the page sorted in main (and flagged as such).
 */
export async function directPage(adapter: ProviderAdapter, q: PageQuery): Promise<ListPage> {
  const plan = sortPlan(adapter, q.sort);
  const offset = q.page.kind === 'offset';
  const position = offset ? { offset: q.page.kind === 'offset' ? q.page.index : 0 } : { cursor: q.page.kind === 'cursor' ? q.page.cursor : null };
  const raw = await adapter.listPage({
    position,
    limit: offset ? q.pageSize + 1 : q.pageSize,
    purpose: q.purpose,
    createdOrder: plan.createdOrder,
    byName: plan.byName,
  });
  let files = offset ? raw.files.slice(0, q.pageSize) : raw.files;
  if (!plan.server && q.sort) files = [...files].sort(compareFiles(q.sort));
  const nextCursor = !offset && raw.next && 'cursor' in raw.next ? raw.next.cursor : null;
  return {
    files,
    nextCursor,
    hasMore: offset ? raw.files.length > q.pageSize : nextCursor !== null,
    total: null,
    filteredLocally: false,
    sortedAcrossPages: plan.server,
  };
}

const LOCAL_CURSOR = 'local:';
const CACHE_TTL_MS = 60_000;

/**
 * The listing filtered (and sorted) in main, for filters the provider does not apply: name
 * search everywhere, purpose where the server lacks or ignores the filter. The whole listing is
 * read once (in parallel where the provider allows), filtered, and kept briefly so paging forward
 * is instant; the first page always reads afresh, so it never shows a stale table.
 */
export class LocalListing {
  private readonly cache = new Map<string, { files: StoredFile[]; at: number }>();

  invalidate(workspaceId: string): void {
    for (const key of this.cache.keys()) if (key.startsWith(`${workspaceId}\u0000`)) this.cache.delete(key);
  }

  /** One page of the whole listing; `filtered` says whether main applied a filter the provider could not. */
  async page(adapter: ProviderAdapter, q: PageQuery, filtered: boolean): Promise<ListPage> {
    const start = q.page.kind === 'offset' ? q.page.index : q.page.cursor?.startsWith(LOCAL_CURSOR) ? Number(q.page.cursor.slice(LOCAL_CURSOR.length)) || 0 : 0;
    const key = [q.workspaceId, q.purpose ?? '', q.search.toLowerCase(), q.sort ? `${q.sort.by}:${q.sort.dir}` : ''].join('\u0000');
    let entry = this.cache.get(key);
    if (start === 0 || !entry || Date.now() - entry.at > CACHE_TTL_MS) {
      const needle = q.search.trim().toLowerCase();
      const all = await listAll(adapter);
      const files = all.filter((f) => (!q.purpose || f.purpose === q.purpose) && (!needle || f.name.toLowerCase().includes(needle)));
      if (q.sort) files.sort(compareFiles(q.sort));
      entry = { files, at: Date.now() };
      this.cache.set(key, entry);
    }
    const files = entry.files.slice(start, start + q.pageSize);
    const more = start + q.pageSize < entry.files.length;
    return {
      files,
      nextCursor: q.page.kind === 'cursor' && more ? `${LOCAL_CURSOR}${start + q.pageSize}` : null,
      hasMore: more,
      total: entry.files.length,
      filteredLocally: filtered,
      sortedAcrossPages: true,
    };
  }
}
