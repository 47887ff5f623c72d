import type { VirtualItem } from '@tanstack/react-virtual';

/**
 * The heights above and below the rendered window of a virtualized table, so the scrollbar
 * stays the size of the whole list while only the visible rows exist.
 */
export function virtualPadding(items: readonly VirtualItem[], totalSize: number): { top: number; bottom: number } {
  const first = items[0];
  const last = items[items.length - 1];
  return { top: first?.start ?? 0, bottom: last ? totalSize - last.end : 0 };
}

/** An invisible table row standing in for the rows scrolled out of view. */
export function SpacerRow({ height, colSpan }: { height: number; colSpan: number }) {
  if (height <= 0) return null;
  return (
    <tr aria-hidden="true" className="spacer">
      <td colSpan={colSpan} style={{ height }} />
    </tr>
  );
}
