import { useEffect, useRef, useState } from 'react';
import type { VisibilityState } from '@tanstack/react-table';
import { DATA_COLUMNS } from './columns';

const STORAGE_KEY = 'stowage.fileTable.columns';

/** Which columns the user hid, remembered between sessions on this computer. */
export function useColumnVisibility() {
  const [visibility, setVisibility] = useState<VisibilityState>(() => {
    try {
      return JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}') as VisibilityState;
    } catch {
      return {};
    }
  });
  useEffect(() => {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(visibility));
  }, [visibility]);
  return [visibility, setVisibility] as const;
}

export interface ColumnChooserProps {
  visibility: VisibilityState;
  onChange: (next: VisibilityState) => void;
  hasExpiry: boolean;
  /** Columns the user shows but the table has no room for right now (see fitColumns). */
  hiddenToFit: readonly string[];
}

/**
 * A "Columns" menu of checkboxes; Name always stays so a row is never anonymous. A column the
 * table had to leave out for lack of room is marked here with how to get it back (the screen
 * names it above the table too), so nothing disappears without a word.
 */
export function ColumnChooser({ visibility, onChange, hasExpiry, hiddenToFit }: ColumnChooserProps) {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent | KeyboardEvent) => {
      if (event instanceof KeyboardEvent ? event.key === 'Escape' : !ref.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', close);
    };
  }, [open]);

  return (
    <div className="menu-anchor" ref={ref}>
      <button type="button" aria-expanded={open} aria-controls="column-menu" onClick={() => setOpen(!open)}>
        Columns
      </button>
      {open && (
        <fieldset id="column-menu" className="menu">
          <legend>Show columns</legend>
          {DATA_COLUMNS.filter((c) => hasExpiry || !c.expiryOnly).map((c) => (
            <label key={c.id} className="menu-item">
              <input
                type="checkbox"
                disabled={c.id === 'name'}
                checked={visibility[c.id] !== false}
                onChange={(e) => onChange({ ...visibility, [c.id]: e.target.checked })}
              />
              {c.label}
              {hiddenToFit.includes(c.id) && <span className="menu-note">no room now</span>}
            </label>
          ))}
          {hiddenToFit.length > 0 && (
            <p className="menu-help">Close the preview or widen the window to show every column. The preview lists them all for its file.</p>
          )}
        </fieldset>
      )}
    </div>
  );
}
