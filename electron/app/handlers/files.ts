import type { FilesService } from '../../services/files/files-service';
import type { Handlers } from './types';

type FileHandlers = Pick<Handlers, 'files:list' | 'files:get' | 'files:delete' | 'files:preview' | 'files:previewText'>;

/** The file table, deletes and previews. */
export function createFileHandlers(files: FilesService): FileHandlers {
  return {
    'files:list': (query) => files.list(query),
    'files:get': ({ workspaceId, id }) => files.get(workspaceId, id),
    'files:delete': async ({ workspaceId, ids }) => ({ results: await files.remove(workspaceId, ids) }),
    'files:preview': ({ workspaceId, id }) => files.preview(workspaceId, id),
    'files:previewText': ({ workspaceId, id, maxBytes }) => files.previewText(workspaceId, id, maxBytes),
  };
}
