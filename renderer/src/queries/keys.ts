import type { ListQuery } from '../../../shared/contract/files';
import type { Sort } from '../../../shared/models/files';

/** The parameters of one block of an audit's file list, every one of them part of its query key. */
export interface InventoryBlockParams {
  snapshotId: number;
  search: string;
  purpose: string | null;
  sort: Sort | null;
  offset: number;
  limit: number;
}

/** The parameters of one old-files question (and the page of matches shown), all in its query key. */
export interface StaleParams {
  snapshotId: number;
  olderThanDays: number;
  purpose: string | null;
  offset: number;
  limit: number;
}

/** The parameters of one page of the file table, every one of them part of its query key. */
export interface PageParams {
  workspaceId: string;
  pageSize: 25 | 50 | 100 | 500;
  page: ListQuery['page'];
  purpose: string | null;
  search: string;
  sort: Sort | null;
  /** "Sort all files": sort the whole workspace where the provider cannot (main reads it all). */
  wholeListing: boolean;
}

/** One page of the files added or gone between two saved audits. */
export interface ChangesParams {
  workspaceId: string;
  fromSnapshotId: number;
  toSnapshotId: number;
  side: 'added' | 'removed';
  offset: number;
  limit: number;
}

/** One page of likely-duplicate groups in a saved audit. */
export interface DuplicatesParams {
  workspaceId: string;
  snapshotId: number;
  offset: number;
  limit: number;
  filesPerGroup: number;
}

/**
 * Every query key in one place. Keys carry every parameter the request depends on, and nest by
 * workspace so "files changed in workspace W" invalidates exactly W's listings (an open preview
 * of a file that did not change stays as it is).
 */
export const queryKeys = {
  appInfo: ['app', 'info'] as const,
  workspaces: ['workspaces'] as const,
  /** Everything read from a workspace's saved audits (refreshed after an audit or a delete). */
  history: (workspaceId: string) => ['history', workspaceId] as const,
  historyAudits: (workspaceId: string) => ['history', workspaceId, 'audits'] as const,
  historyDiff: (workspaceId: string, from: number, to: number) => ['history', workspaceId, 'diff', from, to] as const,
  historyChanges: (p: ChangesParams) => ['history', p.workspaceId, 'changes', { from: p.fromSnapshotId, to: p.toSnapshotId, side: p.side, offset: p.offset, limit: p.limit }] as const,
  historyDuplicates: (p: DuplicatesParams) =>
    ['history', p.workspaceId, 'duplicates', { snapshotId: p.snapshotId, offset: p.offset, limit: p.limit, filesPerGroup: p.filesPerGroup }] as const,
  filesOf: (workspaceId: string) => ['files', workspaceId] as const,
  /** Every listing of a workspace (any page, filter or sort), but not its previews. */
  fileLists: (workspaceId: string) => ['files', workspaceId, 'list'] as const,
  filePage: (p: PageParams) =>
    ['files', p.workspaceId, 'list', { pageSize: p.pageSize, page: p.page, purpose: p.purpose, search: p.search, sort: p.sort, wholeListing: p.wholeListing }] as const,
  preview: (workspaceId: string, id: string) => ['files', workspaceId, 'preview', id] as const,
  previewText: (workspaceId: string, id: string, maxBytes: number) => ['files', workspaceId, 'previewText', id, maxBytes] as const,
  uploads: ['uploads'] as const,
  inventory: (runId: string) => ['inventory', runId] as const,
  /** Everything read from one audit's snapshot (refreshed together after a delete from the audit). */
  inventorySnapshot: (snapshotId: number) => ['inventory', 'snapshot', snapshotId] as const,
  inventoryBlock: (p: InventoryBlockParams) =>
    ['inventory', 'snapshot', p.snapshotId, 'files', { search: p.search, purpose: p.purpose, sort: p.sort, offset: p.offset, limit: p.limit }] as const,
  inventoryStale: (p: StaleParams) =>
    ['inventory', 'snapshot', p.snapshotId, 'stale', { olderThanDays: p.olderThanDays, purpose: p.purpose, offset: p.offset, limit: p.limit }] as const,
};
