import { once } from 'node:events';
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
export const CSV_COLUMNS: readonly [string, (f: StoredFile) => string | number | null][] = [
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

/** Characters gathered before each write: fewer, larger writes than one per line. */
const WRITE_CHUNK = 64 * 1024;

/**
 * Writes lines to a temporary file renamed into place at the end (so a failed export never
 * leaves half a file), a chunk at a time so a million rows never sit in memory.
 */
export async function writeStreamed(path: string, lines: Iterable<string>): Promise<void> {
  const temp = `${path}.stowage-${process.pid}.tmp`;
  const out = createWriteStream(temp, { encoding: 'utf8' });
  try {
    let chunk = '';
    for (const line of lines) {
      chunk += line;
      if (chunk.length < WRITE_CHUNK) continue;
      const more = out.write(chunk);
      chunk = '';
      if (!more) await once(out, 'drain');
    }
    out.end(chunk);
    await finished(out);
    await rename(temp, path);
  } catch (error) {
    out.destroy();
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}

function* csvLines(files: Iterable<StoredFile>): Iterable<string> {
  yield `${CSV_COLUMNS.map(([name]) => name).join(',')}\r\n`;
  for (const f of files) yield `${CSV_COLUMNS.map(([, value]) => csvField(value(f))).join(',')}\r\n`;
}

function* jsonLines(report: InventoryReport, files: Iterable<StoredFile>): Iterable<string> {
  yield `${JSON.stringify(report, null, 2).replace(/\n}$/, ',\n  "files": [\n')}`;
  let first = true;
  for (const file of files) {
    yield `${first ? '' : ',\n'}    ${JSON.stringify(file)}`;
    first = false;
  }
  yield `${first ? '' : '\n'}  ]\n}\n`;
}

/**
 * Writes the report with every file of its audit, streamed from `files` line by line (so a
 * million rows never sit in memory), to a temporary file renamed into place at the end, so a
 * failed export never leaves half a file.
 */
export function writeExport(path: string, report: InventoryReport, files: Iterable<StoredFile>, format: 'csv' | 'json'): Promise<void> {
  return writeStreamed(path, format === 'csv' ? csvLines(files) : jsonLines(report, files));
}
