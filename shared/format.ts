/**
 * The one way Stowage writes a size, in main and in the window alike, so a file reads the same in
 * the pre-flight, the queue, the table, the audit and the exports.
 *
 * Convention: decimal (SI) units, 1 kB = 1,000 bytes, 1 MB = 1,000,000 bytes. That is what
 * macOS Finder and GNOME Files show for the same file, so the number an operator sees in their
 * file manager is the number they see here. A limit a provider states in binary multiples
 * (OpenAI's 512 MiB) is written in the same decimal units (537 MB) rather than in a second unit.
 */

const UNITS = ['kB', 'MB', 'GB', 'TB', 'PB'] as const;

/**
 * "1 byte", "999 bytes", "35.7 kB", "136 MB", "1.2 GB": three significant figures, one decimal
 * below 100, and never "1000 kB" (a value that rounds up to the next unit is written in it).
 */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  const whole = Math.round(bytes);
  if (whole === 1) return '1 byte';
  if (whole < 1000) return `${whole} bytes`;
  let value = whole / 1000;
  for (let unit = 0; unit < UNITS.length; unit += 1) {
    const shown = value >= 99.95 ? Math.round(value) : Math.round(value * 10) / 10;
    if (shown < 1000 || unit === UNITS.length - 1) {
      return `${shown >= 100 ? shown.toFixed(0) : shown.toFixed(1)} ${UNITS[unit]}`;
    }
    value /= 1000;
  }
  return '—';
}

/** Transfer speed ("2.4 MB/s"); empty when nothing is moving. */
export function formatSpeed(bytesPerSecond: number): string {
  return bytesPerSecond > 0 ? `${formatBytes(bytesPerSecond)}/s` : '';
}
