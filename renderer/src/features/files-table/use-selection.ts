import { useCallback, useRef } from 'react';
import type { StoredFile } from '../../../../shared/models/files';

/** Selected files by id, with the file itself so a confirmation can list names and sizes. */
export type Selection = ReadonlyMap<string, StoredFile>;

export interface ClickModifiers {
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
}

/**
 * Desktop selection rules on the current page: click selects one, Ctrl/Cmd-click toggles,
 * Shift-click selects the range from the last clicked row; checkboxes toggle (Shift extends).
 */
export function useRowSelection(rows: readonly StoredFile[], selection: Selection, onChange: (next: Selection) => void) {
  const anchor = useRef<number | null>(null);

  const range = useCallback(
    (to: number, base: Map<string, StoredFile>) => {
      const from = anchor.current ?? to;
      const [lo, hi] = from < to ? [from, to] : [to, from];
      for (let i = lo; i <= hi; i += 1) {
        const row = rows[i];
        if (row) base.set(row.id, row);
      }
      return base;
    },
    [rows],
  );

  const click = useCallback(
    (index: number, mods: ClickModifiers) => {
      const row = rows[index];
      if (!row) return;
      if (mods.shiftKey) {
        onChange(range(index, mods.ctrlKey || mods.metaKey ? new Map(selection) : new Map()));
        return;
      }
      if (mods.ctrlKey || mods.metaKey) {
        const next = new Map(selection);
        if (next.has(row.id)) next.delete(row.id);
        else next.set(row.id, row);
        onChange(next);
      } else {
        onChange(new Map([[row.id, row]]));
      }
      anchor.current = index;
    },
    [onChange, range, rows, selection],
  );

  const toggle = useCallback(
    (index: number, shiftKey: boolean) => {
      const row = rows[index];
      if (!row) return;
      if (shiftKey && anchor.current !== null) {
        onChange(range(index, new Map(selection)));
        return;
      }
      const next = new Map(selection);
      if (next.has(row.id)) next.delete(row.id);
      else next.set(row.id, row);
      anchor.current = index;
      onChange(next);
    },
    [onChange, range, rows, selection],
  );

  const selectedOnPage = rows.filter((r) => selection.has(r.id)).length;

  const setAllOnPage = useCallback(
    (on: boolean) => {
      const next = new Map(selection);
      for (const row of rows) {
        if (on) next.set(row.id, row);
        else next.delete(row.id);
      }
      onChange(next);
    },
    [onChange, rows, selection],
  );

  return {
    click,
    toggle,
    setAllOnPage,
    allOnPage: rows.length > 0 && selectedOnPage === rows.length,
    someOnPage: selectedOnPage > 0 && selectedOnPage < rows.length,
  };
}
