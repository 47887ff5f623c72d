import type { RefObject } from 'react';
import type { VisibilityState } from '@tanstack/react-table';
import type { ProviderInfo } from '../../../../shared/models/providers';
import { useUploadStarter } from '../dropzone/upload-starter';
import { ColumnChooser } from './column-chooser';

export interface FilesToolbarProps {
  provider: ProviderInfo;
  search: string;
  onSearch: (value: string) => void;
  searchRef: RefObject<HTMLInputElement | null>;
  purpose: string | null;
  onPurpose: (value: string | null) => void;
  columns: VisibilityState;
  onColumns: (next: VisibilityState) => void;
  hiddenToFit: readonly string[];
  selectedCount: number;
  onDelete: () => void;
}

/**
 * Everything a user does to the listing, in one row that never wraps (the search box gives way
 * first): add, find, filter, choose columns, delete. A picker error goes on its own line below.
 */
export function FilesToolbar(props: FilesToolbarProps) {
  const { provider, selectedCount } = props;
  const { pick, pickError } = useUploadStarter();
  return (
    <>
      <div className="toolbar" role="toolbar" aria-label="File actions">
        <button type="button" className="primary" onClick={() => pick(false)}>
          Add files…
        </button>
        <button type="button" onClick={() => pick(true)}>
          Add folder…
        </button>
        <input
          ref={props.searchRef}
          id="file-search"
          type="search"
          className="search"
          aria-label="Search by file name"
          placeholder="Search by name"
          value={props.search}
          onChange={(e) => props.onSearch(e.target.value)}
        />
        <label className="inline-field">
          <span className="field-label">Purpose</span>
          <select value={props.purpose ?? ''} onChange={(e) => props.onPurpose(e.target.value || null)}>
            <option value="">All purposes</option>
            {provider.listPurposes.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </label>
        <ColumnChooser visibility={props.columns} onChange={props.onColumns} hasExpiry={provider.hasExpiry} hiddenToFit={props.hiddenToFit} />
        <span className="toolbar-spacer" />
        <button type="button" className="danger" disabled={selectedCount === 0} onClick={props.onDelete}>
          {selectedCount > 0 ? `Delete ${selectedCount.toLocaleString('en-US')} selected…` : 'Delete…'}
        </button>
      </div>
      {pickError && (
        <p className="toolbar-error" role="alert">
          {pickError}
        </p>
      )}
    </>
  );
}
