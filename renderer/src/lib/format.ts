/**
 * Count, date and time wording shared by every screen, so a date reads the same in the table,
 * the queue, the dialogs and the status bar. Sizes are written by `shared/format.ts`, the one
 * formatter main uses too.
 */

/** "1 file" / "3 files", with thousands separators. */
export function plural(count: number, word: string, many = `${word}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? word : many}`;
}

const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });

/** A date in the user's time zone, unambiguous ("3 Mar 2025, 14:05"); '—' where there is none. */
export function formatDate(iso: string | null): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '—' : dateFormat.format(date);
}

/** Time left in words a user reads at a glance ("12 s", "3 min", "1 h 5 min"). */
export function formatEta(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s left`;
  const minutes = Math.round(s / 60);
  if (minutes < 60) return `${minutes} min left`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min left`;
}

/** Whole days between an ISO date and now (negative for the future). */
export function ageInDays(iso: string, now = Date.now()): number {
  return Math.floor((now - new Date(iso).getTime()) / 86_400_000);
}
