import { useState } from 'react';
import { MAX_HISTORY_SELECTION, type DuplicateGroup, type SavedAudit } from '../../../../shared/contract/history';
import type { StoredFile } from '../../../../shared/models/files';
import { formatBytes } from '../../../../shared/format';
import { call } from '../../api';
import { ErrorNotice } from '../../components/error-notice';
import { errorText } from '../../lib/errors';
import { plural } from '../../lib/format';
import { useDuplicates } from '../../queries/history';
import type { Selection } from '../files-table/use-selection';
import { ListPager } from './list-pager';
import { PickableFiles } from './pickable-files';
import { formatAuditTime } from './audit-time';

/** Groups per page. */
const PAGE = 10;
/** Files listed per group (the count of copies is always exact). */
const FILES_PER_GROUP = 10;

export interface DuplicatesPanelProps {
  workspaceId: string;
  /** The newest saved audit: what the groups are found in. */
  audit: SavedAudit;
  selection: Selection;
  onSelection: (next: Selection) => void;
  onOpen: (file: StoredFile) => void;
  onDelete: () => void;
}

/** The group's heading in plain words, saying how sure it is. */
function groupLabel(group: DuplicateGroup): { basis: string; title: string } {
  if (group.basis === 'content') return { basis: 'Same content (MD5)', title: `${plural(group.copies, 'copy', 'copies')} with MD5 ${group.md5 ?? ''}` };
  return { basis: 'Same name and size', title: `${plural(group.copies, 'copy', 'copies')} of “${group.name ?? ''}”` };
}

function Group({ group, selection, onSelection, onOpen }: { group: DuplicateGroup; selection: Selection; onSelection: (next: Selection) => void; onOpen: (file: StoredFile) => void }) {
  const { basis, title } = groupLabel(group);
  const rows = group.files.map((file, i) => ({ file, unavailable: null, note: i === 0 ? 'Newest: kept' : undefined }));
  return (
    <li className="duplicate-group">
      <p className="duplicate-head">
        <span className={`basis-tag ${group.basis === 'content' ? 'is-fact' : 'is-guess'}`}>{basis}</span> {title}, {formatBytes(group.bytes)} each ·{' '}
        <strong>{formatBytes(group.reclaimableBytes)} reclaimable</strong>
      </p>
      <PickableFiles label={`${basis}: ${title}`} rows={rows} selectable selection={selection} onSelection={onSelection} onOpen={onOpen} />
      {group.copies > group.files.length && <p className="muted small">and {plural(group.copies - group.files.length, 'more copy', 'more copies')} not listed here</p>}
    </li>
  );
}

/**
 * Likely duplicates in the newest saved audit, largest saving first: files with the same MD5
 * (known for files uploaded from this computer) are the same content, a fact; other files with
 * the same name and size are only a guess, and are labelled so. "Select all but the newest"
 * hands exactly those copies to the bulk delete and its confirmation. Files deleted from here
 * since the audit are left out, so the newest copy still there is always the one kept.
 */
export function DuplicatesPanel({ workspaceId, audit, selection, onSelection, onOpen, onDelete }: DuplicatesPanelProps) {
  const [offset, setOffset] = useState(0);
  const page = useDuplicates({ workspaceId, snapshotId: audit.snapshotId, offset, limit: PAGE, filesPerGroup: FILES_PER_GROUP });
  const [selecting, setSelecting] = useState<{ error: unknown } | 'busy' | null>(null);
  const select = () => {
    setSelecting('busy');
    call('history:selectDuplicates', { snapshotId: audit.snapshotId })
      .then(({ files }) => {
        setSelecting(null);
        onSelection(new Map(files.map((f) => [f.id, f])));
      })
      .catch((error: unknown) => setSelecting({ error }));
  };
  const data = page.data;
  return (
    <section aria-labelledby="duplicates-title" className="audit-section">
      <div className="section-header">
        <h2 id="duplicates-title">Likely duplicates</h2>
        {data && data.totalGroups > 0 && (
          <div className="button-row">
            <button type="button" disabled={selecting === 'busy'} onClick={select}>
              {selecting === 'busy' ? 'Selecting…' : 'Select all but the newest in each group'}
            </button>
            <button type="button" className="danger" disabled={selection.size === 0} onClick={onDelete}>
              {selection.size > 0 ? `Delete ${plural(selection.size, 'selected file')}…` : 'Delete…'}
            </button>
          </div>
        )}
      </div>
      <p className="muted small">
        From the audit of {formatAuditTime(audit.finishedAt)}, leaving out files deleted from here since then. “Same content (MD5)” is known for files uploaded from this computer;
        other files are grouped by “same name and size”, which is likely but not certain: their contents were not compared.
      </p>
      {page.isError && <ErrorNotice message={errorText(page.error)} onRetry={() => void page.refetch()} />}
      {!data && !page.isError && <p role="status">Looking for duplicates…</p>}
      {data && data.totalGroups === 0 && <p className="empty-note">No likely duplicates: no two files share their content (where known) or their name and size.</p>}
      {data && data.totalGroups > 0 && (
        <>
          <p data-testid="duplicates-summary">
            <strong>{plural(data.totalGroups, 'group')}</strong> of likely duplicates. Keeping only the newest file of each would free{' '}
            <strong>{formatBytes(data.totalReclaimableBytes)}</strong>.
          </p>
          {selecting !== null && selecting !== 'busy' && <ErrorNotice message={errorText(selecting.error)} onRetry={select} />}
          {selection.size >= MAX_HISTORY_SELECTION && (
            <p className="muted small">One delete takes at most {MAX_HISTORY_SELECTION.toLocaleString('en-US')} files: delete these, then select again for the rest.</p>
          )}
          <ul className={`plain-list duplicate-groups${page.isPlaceholderData ? ' is-stale' : ''}`} aria-label="Duplicate groups">
            {data.groups.map((group) => (
              <Group key={`${group.basis}:${group.md5 ?? ''}:${group.name ?? ''}:${group.bytes}`} group={group} selection={selection} onSelection={onSelection} onOpen={onOpen} />
            ))}
          </ul>
          <ListPager offset={offset} pageSize={PAGE} total={data.totalGroups} label="Duplicate groups: pages" onPage={setOffset} />
        </>
      )}
    </section>
  );
}
