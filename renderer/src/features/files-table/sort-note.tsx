import type { ProviderInfo } from '../../../../shared/models/providers';

export interface SortNoteProps {
  provider: ProviderInfo;
  /** The page says its order holds across pages. */
  acrossPages: boolean;
  /** The order holds because Stowage read and sorted the whole workspace ("Sort all files"). */
  wholeListing: boolean;
  busy: boolean;
  onSortAll: () => void;
}

/**
 * Says how far the current sort reaches. Where the provider can only sort a page, it says so and
 * offers "Sort all files", which reads the whole workspace (as a search does) so "find the
 * biggest file" works; then it says the order holds across all pages.
 */
export function SortNote({ provider, acrossPages, wholeListing, busy, onSortAll }: SortNoteProps) {
  if (acrossPages && !wholeListing) return null;
  if (acrossPages) {
    return <p className="table-note table-note-ok">Sorted across all pages: Stowage read the whole workspace to sort it.</p>;
  }
  return (
    <p className="table-note">
      Sorted within this page: {provider.label} cannot sort the whole listing.{' '}
      <button type="button" className="link-button" disabled={busy} onClick={onSortAll}>
        Sort all files
      </button>
    </p>
  );
}
