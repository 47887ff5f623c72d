import type { StoredFile } from '../../../shared/models/files';
import { formatBytes } from '../../../shared/format';
import { formatDate } from '../lib/format';

export interface DatedFileTableProps {
  files: readonly StoredFile[];
  /** The date column: its heading and which date of the file it shows. */
  dateLabel: string;
  dateOf: (file: StoredFile) => string | null;
  /** Extra class on the date cells (e.g. the expiring list's warning colour). */
  dateClassName?: string;
  label?: string;
}

/** A short name / date / size table, as the audit's small lists show their files (props only). */
export function DatedFileTable({ files, dateLabel, dateOf, dateClassName, label }: DatedFileTableProps) {
  return (
    <table className="simple-table" aria-label={label}>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">{dateLabel}</th>
          <th scope="col" className="align-end">
            Size
          </th>
        </tr>
      </thead>
      <tbody>
        {files.map((f) => (
          <tr key={f.id}>
            <td>{f.name}</td>
            <td className={dateClassName}>{formatDate(dateOf(f))}</td>
            <td className="align-end">{formatBytes(f.bytes)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
