import { constants, type Stats } from 'node:fs';
import { access, lstat, readdir, realpath, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Rejected } from '../../../shared/models/uploads';
import type { ProviderInfo } from '../../../shared/models/providers';

/** One file that passed pre-flight, with what the uploader checks later to spot a change. */
export interface PlannedFile {
  path: string;
  name: string;
  bytes: number;
  mtimeMs: number;
}

/** What the pre-flight dialog shows: files to send, files refused with their reasons, and notes. */
export interface PreflightResult {
  files: PlannedFile[];
  rejected: Rejected[];
  /** What the user should know that refuses nothing (big files going in parts). */
  notes: string[];
}

/** Most files one batch may hold (the contract's limit too). */
export const MAX_BATCH_FILES = 100_000;

/** A size in the words pre-flight and the uploader's messages use ("512 MB", "8.0 GB"). */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${bytes} bytes` : `${value.toFixed(value >= 100 ? 0 : 1)} ${units[unit]}`;
}

function specialKind(s: Stats): string {
  if (s.isFIFO()) return 'a named pipe';
  if (s.isSocket()) return 'a socket';
  if (s.isCharacterDevice() || s.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

/**
 * Walks what the user dropped or picked (folders recursively) and sorts it into files to send and
 * files refused with a reason a person understands: symbolic-link loops, special files, empty or
 * unreadable files, files over the provider's size limit. Nothing is sent; this is the summary the
 * pre-flight dialog shows.
 */
export async function preflight(paths: readonly string[], provider: ProviderInfo): Promise<PreflightResult> {
  const files: PlannedFile[] = [];
  const rejected: Rejected[] = [];
  const seenFiles = new Set<string>();
  const seenDirs = new Set<string>();
  let overflow = false;

  const addFile = async (path: string, real: string, size: number, mtimeMs: number) => {
    if (seenFiles.has(real)) return;
    seenFiles.add(real);
    if (size === 0) return void rejected.push({ path, reason: 'Empty file (0 bytes): there is nothing to upload.' });
    if (provider.maxFileBytes !== null && size > provider.maxFileBytes) {
      const how = provider.partUploads ? ', even in parts' : ' (it takes each file in one request)';
      return void rejected.push({
        path,
        reason: `Too large: ${formatBytes(size)}, and ${provider.label} accepts at most ${formatBytes(provider.maxFileBytes)} per file${how}. Split it into smaller files to upload it.`,
      });
    }
    try {
      await access(path, constants.R_OK);
    } catch {
      return void rejected.push({ path, reason: 'Cannot be read (permission denied). Check the file’s permissions and add it again.' });
    }
    if (files.length >= MAX_BATCH_FILES) {
      overflow = true;
      return;
    }
    files.push({ path, name: basename(path), bytes: size, mtimeMs });
  };

  const visit = async (path: string, ancestors: readonly string[]): Promise<void> => {
    let info;
    try {
      info = await lstat(path);
    } catch {
      return void rejected.push({ path, reason: 'Not found: it was moved or deleted after it was chosen.' });
    }
    let real = path;
    if (info.isSymbolicLink()) {
      try {
        real = await realpath(path);
        info = await stat(real);
      } catch {
        return void rejected.push({ path, reason: 'Broken link: the file it points to does not exist.' });
      }
    }
    if (info.isDirectory()) {
      real = await realpath(path).catch(() => path);
      if (ancestors.includes(real)) return void rejected.push({ path, reason: 'Skipped: this link points back into a folder that contains it (a loop).' });
      if (seenDirs.has(real)) return;
      seenDirs.add(real);
      let entries: string[];
      try {
        entries = (await readdir(path)).sort();
      } catch {
        return void rejected.push({ path, reason: 'Folder cannot be read (permission denied). Check its permissions and add it again.' });
      }
      for (const entry of entries) await visit(join(path, entry), [...ancestors, real]);
      return;
    }
    if (!info.isFile()) return void rejected.push({ path, reason: `Skipped: ${specialKind(info)}, not a regular file.` });
    await addFile(path, real === path ? await realpath(path).catch(() => path) : real, info.size, info.mtimeMs);
  };

  for (const path of paths) await visit(path, []);
  if (overflow) rejected.push({ path: '', reason: `More than ${MAX_BATCH_FILES.toLocaleString('en')} files: the rest were not added. Upload them in another batch.` });
  return { files, rejected, notes: partNotes(files, provider) };
}

/**
 * Says which files can go only in parts (over the one-request limit, through the provider's
 * multipart Uploads), and what happens on a server that turns out not to offer them.
 */
function partNotes(files: readonly PlannedFile[], provider: ProviderInfo): string[] {
  const single = provider.singleRequestMaxBytes;
  if (!provider.partUploads || single === null) return [];
  const big = files.filter((f) => f.bytes > single).length;
  if (big === 0) return [];
  const which = big === 1 ? '1 file is' : `${big.toLocaleString('en')} files are`;
  return [
    `${which} larger than ${formatBytes(single)}, so Stowage sends ${big === 1 ? 'it' : 'them'} in parts through ${provider.label}'s Uploads API, and can resume where it stopped. ` +
      `A server without that API (some OpenAI-compatible proxies) takes at most ${formatBytes(single)} per file; there ${big === 1 ? 'this file stops' : 'these files stop'} with a message saying so.`,
  ];
}
