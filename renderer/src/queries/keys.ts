import type { ListQuery } from '../../../shared/contract/files';
import type { Sort } from '../../../shared/models/files';

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

/**
 * Every query key in one place. Keys carry every parameter the request depends on, and nest by
 * workspace so "files changed in workspace W" invalidates exactly W's listings (an open preview
 * of a file that did not change stays as it is).
 */
export const queryKeys = {
  appInfo: ['app', 'info'] as const,
  workspaces: ['workspaces'] as const,
  filesOf: (workspaceId: string) => ['files', workspaceId] as const,
  /** Every listing of a workspace (any page, filter or sort), but not its previews. */
  fileLists: (workspaceId: string) => ['files', workspaceId, 'list'] as const,
  filePage: (p: PageParams) =>
    ['files', p.workspaceId, 'list', { pageSize: p.pageSize, page: p.page, purpose: p.purpose, search: p.search, sort: p.sort, wholeListing: p.wholeListing }] as const,
  preview: (workspaceId: string, id: string) => ['files', workspaceId, 'preview', id] as const,
  previewText: (workspaceId: string, id: string, maxBytes: number) => ['files', workspaceId, 'previewText', id, maxBytes] as const,
  uploads: ['uploads'] as const,
  inventory: (runId: string) => ['inventory', runId] as const,
};
