import type { StoredFile } from '../../../../shared/models/files';
import { formatBytes } from '../../../../shared/format';
import { formatDate } from '../../lib/format';
import type { Selection } from '../files-table/use-selection';

/** A file in a pickable list, and what the list says about it. */
export interface PickableFile {
  file: StoredFile;
  /** Why it cannot be picked or opened (gone from the workspace, deleted since), or null. */
  unavailable: string | null;
  /** A short note beside the name ("Newest: kept"). */
  note?: string;
}

export interface PickableFilesProps {
  label: string;
  rows: readonly PickableFile[];
  /** Whether rows have a checkbox (a list of gone files has none: nothing there to delete). */
  selectable: boolean;
  selection: Selection;
  onSelection: (next: Selection) => void;
  onOpen?: (file: StoredFile) => void;
  stale?: boolean;
}

/**
 * A short table of files with a checkbox per file that adds it to (or takes it from) the audit's
 * selection, and the name as a button that opens the file's preview. Files that are no longer
 * there say so instead of offering either.
 */
export function PickableFiles({ label, rows, selectable, selection, onSelection, onOpen, stale }: PickableFilesProps) {
  const toggle = (file: StoredFile, on: boolean) => {
    const next = new Map(selection);
    if (on) next.set(file.id, file);
    else next.delete(file.id);
    onSelection(next);
  };
  return (
    <table className={`simple-table pickable-files${stale ? ' is-stale' : ''}`} aria-label={label}>
      <thead>
        <tr>
          {selectable && (
            <th scope="col" className="col-pick">
              <span className="visually-hidden">Selected</span>
            </th>
          )}
          <th scope="col">Name</th>
          <th scope="col">Uploaded</th>
          <th scope="col" className="align-end">
            Size
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ file, unavailable, note }) => (
          <tr key={file.id} className={unavailable ? 'is-unavailable' : undefined}>
            {selectable && (
              <td className="col-pick">
                {!unavailable && <input type="checkbox" aria-label={`Select ${file.name}`} checked={selection.has(file.id)} onChange={(e) => toggle(file, e.target.checked)} />}
              </td>
            )}
            <td>
              {onOpen && !unavailable ? (
                <button type="button" className="link-button file-link" onClick={() => onOpen(file)} title={`Preview ${file.name}`}>
                  {file.name}
                </button>
              ) : (
                <span>{file.name}</span>
              )}
              {note && <span className="badge">{note}</span>}
              {unavailable && <span className="muted small"> — {unavailable}</span>}
            </td>
            <td>{formatDate(file.createdAt)}</td>
            <td className="align-end">{formatBytes(file.bytes)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
