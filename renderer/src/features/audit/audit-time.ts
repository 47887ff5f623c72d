const withSeconds = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });

/**
 * When a saved audit finished, to the second ("7 Dec 2026, 18:22:05"): two audits run within
 * the same minute must still read as two different points in the history and the compare list.
 */
export function formatAuditTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '—' : withSeconds.format(date);
}
