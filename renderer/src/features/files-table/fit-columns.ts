import type { VisibilityState } from '@tanstack/react-table';

/** Widths the table's CSS gives each column (px); the name takes what is left, at least `NAME_MIN`. */
export const COLUMN_WIDTHS: Record<string, number> = { select: 38, preview: 76, bytes: 90, purpose: 110, createdAt: 160, expiresAt: 160, id: 150 };
const NAME_MIN = 150;
/** The first to give way when the table is narrow (the preview pane shows all of them for its file). */
const DROP_ORDER = ['id', 'expiresAt', 'createdAt', 'purpose', 'bytes'] as const;

/**
 * Which of the columns the user chose fit in `width` pixels: the lowest-priority ones are hidden
 * deliberately (and named, so the column menu can say so) rather than cut off at the edge.
 * With no width measured yet, nothing is hidden.
 */
export function fitColumns(chosen: VisibilityState, width: number | null, hasExpiry: boolean): { visibility: VisibilityState; hiddenToFit: string[] } {
  const fixed = ['select', 'preview'];
  const shown = Object.keys(COLUMN_WIDTHS).filter((id) => !fixed.includes(id) && chosen[id] !== false && (hasExpiry || id !== 'expiresAt'));
  if (width === null) return { visibility: chosen, hiddenToFit: [] };
  const hiddenToFit: string[] = [];
  let used = [...fixed, ...shown].reduce((sum, id) => sum + (COLUMN_WIDTHS[id] ?? 0), NAME_MIN);
  for (const id of DROP_ORDER) {
    if (used <= width) break;
    if (!shown.includes(id)) continue;
    hiddenToFit.push(id);
    used -= COLUMN_WIDTHS[id] ?? 0;
  }
  const visibility = { ...chosen };
  for (const id of hiddenToFit) visibility[id] = false;
  return { visibility, hiddenToFit };
}
