import { useCallback, type ReactNode } from 'react';
import { useDropzone, type DropEvent } from 'react-dropzone';
import { pathForFile } from '../../api';
import type { LocalRejection } from './local-rejection';
import { useUploadStarter } from './upload-starter';

/**
 * Hands react-dropzone the top-level dropped items as they are. Its default walks folders in the
 * page; here a folder stays one item whose path main walks, so 10,000 files inside it cost the
 * renderer nothing and symlink loops are handled where the disk is.
 */
async function topLevelItems(event: DropEvent | FileSystemFileHandle[]): Promise<(File | DataTransferItem)[]> {
  if (Array.isArray(event)) return Promise.all(event.map((handle) => handle.getFile()));
  if ('dataTransfer' in event && event.dataTransfer) {
    const transfer = event.dataTransfer;
    if (event.type === 'drop') return Array.from(transfer.files);
    return Array.from(transfer.items).filter((item) => item.kind === 'file');
  }
  const target = (event as Event).target as HTMLInputElement | null;
  return Array.from(target?.files ?? []);
}

/**
 * Makes the whole window a drop target. While files are dragged over it, a full-window overlay
 * says where they will go; on drop, paths go to the pre-flight. The app window itself never
 * navigates to a dropped file.
 */
export function DropTarget({ workspaceName, children }: { workspaceName: string | null; children: ReactNode }) {
  const { addPaths } = useUploadStarter();
  const onDrop = useCallback(
    (files: File[]) => {
      const paths: string[] = [];
      const rejected: LocalRejection[] = [];
      for (const file of files) {
        const path = pathForFile(file);
        if (path) paths.push(path);
        else rejected.push({ name: file.name || 'Unnamed item', reason: 'Not a file on this computer (dragged from a web page or another app?).' });
      }
      if (paths.length > 0 || rejected.length > 0) addPaths(paths, rejected);
    },
    [addPaths],
  );
  const { getRootProps, isDragActive } = useDropzone({
    onDrop,
    noClick: true,
    noKeyboard: true,
    multiple: true,
    getFilesFromEvent: topLevelItems,
  });
  return (
    <div {...getRootProps({ className: 'drop-root' })}>
      {children}
      {isDragActive && (
        <div className="drop-overlay" role="status">
          <div className="drop-overlay-card">
            <p className="drop-overlay-title">Drop to upload</p>
            <p>{workspaceName ? `Files and folders go to “${workspaceName}”. You can check them before anything is sent.` : 'Choose a workspace first.'}</p>
          </div>
        </div>
      )}
    </div>
  );
}
