import { constants, type Stats } from 'node:fs';
import { access, lstat, readdir, realpath, stat } from 'node:fs/promises';
import { basename, join, sep } from 'node:path';
import { formatBytes } from '../../../shared/format';
import { fileKeyOf, specialKind } from './local-read';
import type { Rejected } from '../../../shared/models/uploads';
import type { ProviderInfo } from '../../../shared/models/providers';

/** One file that passed pre-flight, with what the uploader checks later to spot a change. */
export interface PlannedFile {
  path: string;
  name: string;
  bytes: number;
  mtimeMs: number;
  /** Which file it is (device and inode): a file swapped in by a rename can match size and time. */
  fileKey: string;
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

/** Whether `real` is `root` or lies inside it (both resolved, no links left). */
function inside(real: string, root: string): boolean {
  return real === root || real.startsWith(root.endsWith(sep) ? root : root + sep);
}

const LINK_LOOP = 'Skipped: this is a loop of links that never reaches a file.';
const BAD_NAME = 'Skipped: its name is not valid UTF-8 text, so Stowage can neither open it by name nor tell the provider what it is called. Rename it, then add it again.';
const LINK_OUTSIDE =
  'Skipped: this link points outside the folder you chose, so Stowage did not follow it. Add what it points to directly if you want it uploaded.';

/**
 * Walks what the user dropped or picked (folders recursively) and sorts it into files to send and
 * files refused with a reason a person understands: links that leave the chosen folder, loops of
 * links, special files, empty or unreadable files, files over the provider's size limit. Each
 * chosen path is a grant (path-grants.ts) that covers what lies inside it and nothing more: a link
 * the user chose directly is followed, but a link found inside a chosen folder is followed only
 * while it stays inside that folder. Nothing is sent; this is the summary the dialog shows.
 */
export async function preflight(paths: readonly string[], provider: ProviderInfo): Promise<PreflightResult> {
  const files: PlannedFile[] = [];
  const rejected: Rejected[] = [];
  const seenFiles = new Set<string>();
  const seenDirs = new Set<string>();
  let overflow = false;

  const addFile = async (path: string, real: string, { size, mtimeMs, dev, ino }: Stats) => {
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
    files.push({ path, name: basename(path), bytes: size, mtimeMs, fileKey: fileKeyOf({ dev, ino }) });
  };

  /** `root` is the chosen folder, resolved; null while visiting the chosen path itself. */
  const visit = async (path: string, ancestors: readonly string[], root: string | null): Promise<void> => {
    let info: Stats;
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
      } catch (error) {
        const loop = (error as NodeJS.ErrnoException).code === 'ELOOP';
        return void rejected.push({ path, reason: loop ? LINK_LOOP : 'Broken link: the file it points to does not exist.' });
      }
      if (root !== null && !inside(real, root)) return void rejected.push({ path, reason: LINK_OUTSIDE });
    }
    if (info.isDirectory()) {
      real = await realpath(path).catch(() => path);
      if (ancestors.includes(real)) return void rejected.push({ path, reason: 'Skipped: this link points back into a folder that contains it (a loop).' });
      if (seenDirs.has(real)) return;
      seenDirs.add(real);
      let entries: { raw: Buffer; name: string }[];
      try {
        // Read as bytes: a name that is not UTF-8 would come back as text naming another file.
        entries = (await readdir(path, { encoding: 'buffer' })).map((raw) => ({ raw, name: raw.toString('utf8') })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      } catch {
        return void rejected.push({ path, reason: 'Folder cannot be read (permission denied). Check its permissions and add it again.' });
      }
      for (const { raw, name } of entries) {
        if (!Buffer.from(name, 'utf8').equals(raw)) rejected.push({ path: join(path, name), reason: BAD_NAME });
        else await visit(join(path, name), [...ancestors, real], root ?? real);
      }
      return;
    }
    if (!info.isFile()) return void rejected.push({ path, reason: `Skipped: ${specialKind(info)}, not a regular file.` });
    await addFile(path, real === path ? await realpath(path).catch(() => path) : real, info);
  };

  for (const path of paths) await visit(path, [], null);
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
