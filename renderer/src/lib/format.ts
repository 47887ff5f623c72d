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

const exactFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'full', timeStyle: 'long' });

/** A date to the second with its time zone, for a tooltip under a rounded or relative date. */
export function formatExactDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : exactFormat.format(date);
}

/**
 * How far off a future date is, rounded for a glance ("in 40 min", "in 5 hours", "in 3 days");
 * "already passed" once it has (the exact date goes beside it, in a title).
 */
export function formatTimeUntil(iso: string, now = Date.now()): string {
  const ms = new Date(iso).getTime() - now;
  if (Number.isNaN(ms)) return '—';
  if (ms <= 0) return 'already passed';
  const minutes = Math.ceil(ms / 60_000);
  if (minutes < 60) return `in ${plural(minutes, 'min', 'min')}`;
  const hours = Math.round(ms / 3_600_000);
  if (hours < 24) return `in ${plural(hours, 'hour')}`;
  return `in ${plural(Math.round(ms / 86_400_000), 'day')}`;
}
