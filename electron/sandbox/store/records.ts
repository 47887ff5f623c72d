/**
 * The rows the sandbox keeps, in one dialect-neutral shape. Each dialect maps them onto its own
 * wire format; keeping one shape lets one store, one index set and one crash-safety story serve
 * all three.
 */

/** The three Files API dialects the sandbox speaks. */
export type Dialect = 'vlmrun' | 'openai' | 'llamacloud';

/** All dialects, in the order the CLI prints them. */
export const DIALECTS: readonly Dialect[] = ['vlmrun', 'openai', 'llamacloud'];

/** A stored, complete file. Times are Unix milliseconds. */
export interface FileRecord {
  id: string;
  dialect: Dialect;
  /** Folder/project the file belongs to ('' when the client named none). */
  scope: string;
  filename: string;
  bytes: number;
  purpose: string;
  contentType: string;
  md5: string;
  createdAt: number;
  expiresAt: number | null;
  externalId: string | null;
}

/** A presigned upload slot handed out before its bytes arrive (VLM Run's large-file path). */
export interface PendingUpload {
  id: string;
  dialect: Dialect;
  scope: string;
  filename: string;
  purpose: string;
  contentType: string;
  createdAt: number;
  expiresAt: number;
  /** The stored file once the bytes arrived (may be an older file with the same content). */
  fileId: string | null;
}

/** Sort orders the dialects need; each maps to one index. */
export type ListOrder = 'created_desc' | 'created_asc' | 'name_asc' | 'id_asc';

/** Where a keyset page starts: strictly after this sort key and id. */
export interface ListPosition {
  key: string | number;
  id: string;
}

/** Which live files a listing covers, already validated by the dialect. */
export interface ListFilter {
  dialect: Dialect;
  scope: string;
  purpose?: string;
  filename?: string;
  externalId?: string;
  ids?: string[];
  now: number;
}

/** One page request: a filter, a sort order and a position (keyset `after` or `offset`). */
export interface ListQuery extends ListFilter {
  order: ListOrder;
  after?: ListPosition;
  offset?: number;
  limit: number;
}
