import type { Catalogue } from '../catalogue';
import type { ContentRecords, JsonContentRecords } from './content-records';

/**
 * The content records, also told to the catalogue: the likely-duplicates finder groups files by
 * the MD5s Stowage recorded when it uploaded them, and reads those from the catalogue's own table
 * (a join in SQL, not a lookup per file). Records kept before this existed are handed over once at
 * start; each new one goes to both at once. A record the catalogue cannot take (closed) only
 * leaves that file grouped by name and size.
 */
export function cataloguedRecords(records: JsonContentRecords, catalogue: Catalogue): ContentRecords {
  catalogue.rememberHashes(records.entries());
  return {
    md5Of: (workspaceId, fileId) => records.md5Of(workspaceId, fileId),
    async record(workspaceId, fileId, md5) {
      try {
        catalogue.rememberHash(workspaceId, fileId, md5);
      } catch {
        // The JSON record below still holds it for the upload duplicate check.
      }
      await records.record(workspaceId, fileId, md5);
    },
  };
}
