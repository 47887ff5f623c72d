import { z } from 'zod';
import { invoke } from '../ipc/define';
import { LIMITS, Purpose, RecordId } from '../models/bounds';
import { FileId, Sort, StoredFile } from '../models/files';

/**
 * Where in the listing a page starts: an item index (offset paging: page N of size S starts at
 * index N×S) or the provider's cursor/token (pass the previous page's `nextCursor` unchanged).
 */
export const PageRef = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('offset'), index: z.number().int().min(0) }),
  z.object({ kind: z.literal('cursor'), cursor: z.string().max(LIMITS.cursor).nullable() }),
]);
export type PageRef = z.infer<typeof PageRef>;

export const ListQuery = z.object({
  workspaceId: RecordId,
  pageSize: z.union([z.literal(25), z.literal(50), z.literal(100), z.literal(500)]),
  page: PageRef,
  purpose: Purpose.nullable().default(null),
  search: z.string().max(500).default(''),
  sort: Sort.nullable().default(null),
  /**
   * Sort the whole workspace rather than the page, where the provider cannot sort that way
   * itself: main reads the full listing (as it does for a search) so the order holds across pages.
   */
  wholeListing: z.boolean().default(false),
});
export type ListQuery = z.input<typeof ListQuery>;

export const ListPage = z.object({
  files: z.array(StoredFile),
  /** Cursor for the next page (cursor/token providers), null on the last page. */
  nextCursor: z.string().nullable(),
  hasMore: z.boolean(),
  /** Total count where it is known (providers report none; a listing filtered in main has one). */
  total: z.number().int().nullable(),
  /**
   * True when the provider could not apply the purpose/search filter (no such filter, or it
   * ignored it) and main filtered the whole listing itself; the table is still exact. False
   * when main read the whole listing only to sort it.
   */
  filteredLocally: z.boolean(),
  /**
   * False when the sort applies within this page only (the provider cannot sort that way): the
   * UI says "sorted within this page". True when the order holds across pages.
   */
  sortedAcrossPages: z.boolean(),
});
export type ListPage = z.infer<typeof ListPage>;

export const PreviewKind = z.enum(['image', 'pdf', 'text', 'audio', 'video', 'none']);
export type PreviewKind = z.infer<typeof PreviewKind>;

export const DeleteResult = z.object({
  id: z.string(),
  ok: z.boolean(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
});

/** Events about stored files. */
export const fileEvents = {
  /** A file landed in or was deleted from this workspace: its listings are stale. */
  'files:changed': z.object({ workspaceId: z.string() }),
} as const;

export const fileChannels = {
  'files:list': invoke(ListQuery, ListPage),
  'files:get': invoke(z.object({ workspaceId: RecordId, id: FileId }), StoredFile),
  /** Deletes exactly these ids (the ones the user confirmed), one result per id. */
  'files:delete': invoke(
    z.object({ workspaceId: RecordId, ids: z.array(FileId).min(1).max(LIMITS.batch) }),
    z.object({ results: z.array(DeleteResult) }),
  ),
  /** A URL the renderer may show: public, presigned, or a key-less loopback proxy made by main. */
  'files:preview': invoke(
    z.object({ workspaceId: RecordId, id: FileId }),
    z.object({
      url: z.string().nullable(),
      kind: PreviewKind,
      contentType: z.string().nullable(),
      source: z.enum(['public', 'presigned', 'proxy', 'none']),
    }),
  ),
  /** The first bytes of a text-like file, fetched by main, for the text/JSON/CSV preview. */
  'files:previewText': invoke(
    z.object({ workspaceId: RecordId, id: FileId, maxBytes: z.number().int().min(1).max(1_048_576).default(65_536) }),
    z.object({ text: z.string(), truncated: z.boolean(), contentType: z.string().nullable() }),
  ),
} as const;
