import { createWriteStream } from 'node:fs';
import { rename, unlink } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import type { InventoryReport } from '../../../shared/contract/inventory';
import { formatBytes } from '../../../shared/format';
import type { StoredFile } from '../../../shared/models/files';

/**
 * The CSV's columns: the exact figures for formulas (`bytes`), and `size` as a person reads it,
 * written by the same formatter as the table and the audit so a spreadsheet matches the app.
 */
const CSV_COLUMNS: readonly [string, (f: StoredFile) => string | number | null][] = [
  ['id', (f) => f.id],
  ['name', (f) => f.name],
  ['bytes', (f) => f.bytes],
  ['size', (f) => formatBytes(f.bytes)],
  ['purpose', (f) => f.purpose],
  ['createdAt', (f) => f.createdAt],
  ['expiresAt', (f) => f.expiresAt],
];

/**
 * One CSV field. Quoted when needed, and a leading = + - @ (or tab/CR) gets a quote mark so a
 * file name like `=HYPERLINK(...)` stays text when the export is opened in a spreadsheet.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

async function writeStreamed(path: string, lines: Iterable<string>): Promise<void> {
  const temp = `${path}.stowage-${process.pid}.tmp`;
  const out = createWriteStream(temp, { encoding: 'utf8' });
  try {
    for (const line of lines) {
      if (!out.write(line)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    }
    out.end();
    await finished(out);
    await rename(temp, path);
  } catch (error) {
    out.destroy();
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}

function* csvLines(report: InventoryReport): Iterable<string> {
  yield `${CSV_COLUMNS.map(([name]) => name).join(',')}\r\n`;
  for (const f of report.files) yield `${CSV_COLUMNS.map(([, value]) => csvField(value(f))).join(',')}\r\n`;
}

function* jsonLines(report: InventoryReport): Iterable<string> {
  const { files, ...head } = report;
  yield `${JSON.stringify(head, null, 2).replace(/\n}$/, ',\n  "files": [\n')}`;
  for (let i = 0; i < files.length; i += 1) yield `    ${JSON.stringify(files[i])}${i < files.length - 1 ? ',' : ''}\n`;
  yield '  ]\n}\n';
}

/** Writes the report (streamed, then renamed into place, so a failed export never leaves half a file). */
export function writeExport(path: string, report: InventoryReport, format: 'csv' | 'json'): Promise<void> {
  return writeStreamed(path, format === 'csv' ? csvLines(report) : jsonLines(report));
}
