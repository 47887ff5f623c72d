import { useCallback, type ReactNode } from 'react';
import { useDropzone, type DropEvent } from 'react-dropzone';
import { grantDroppedFile } from '../../api';
import { errorText } from '../../lib/errors';
import type { LocalRejection } from './local-rejection';
import { useUploadStarter } from './upload-starter';

/**
 * Hands react-dropzone the top-level dropped items as they are. Its default walks folders in the
 * page; here a folder stays one item (one grant) that main walks, so 10,000 files inside it cost
 * the renderer nothing and symlink loops are handled where the disk is.
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

/** A dropped item's grant, or the reason it has none, in the words the pre-flight dialog shows. */
async function grantOrReason(file: File): Promise<{ token: string } | LocalRejection> {
  const name = file.name || 'Unnamed item';
  try {
    const grant = await grantDroppedFile(file);
    return grant ?? { name, reason: 'Not a file on this computer (dragged from a web page or another app?).' };
  } catch (error) {
    return { name, reason: errorText(error) };
  }
}

/**
 * Makes the whole window a drop target. While files are dragged over it, a full-window overlay
 * says where they will go; on drop, each item is registered with main (the window only ever holds
 * its grant, never its path) and the grants go to the pre-flight. The app window itself never
 * navigates to a dropped file.
 */
export function DropTarget({ workspaceName, children }: { workspaceName: string | null; children: ReactNode }) {
  const { addGrants } = useUploadStarter();
  const onDrop = useCallback(
    async (files: File[]) => {
      const outcomes = await Promise.all(files.map(grantOrReason));
      const grants = outcomes.flatMap((o) => ('token' in o ? [o.token] : []));
      const rejected = outcomes.filter((o): o is LocalRejection => !('token' in o));
      if (grants.length > 0 || rejected.length > 0) addGrants(grants, rejected);
    },
    [addGrants],
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
