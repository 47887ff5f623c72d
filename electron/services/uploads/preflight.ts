import { basename } from 'node:path';
import { formatBytes } from '../../../shared/format';
import { fileKeyOf, specialKind } from './local-read';
import { walk, type SpecialKind, type WalkReason } from './preflight-walk';
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

const LINK_LOOP = 'Skipped: this is a loop of links that never reaches a file.';
const BAD_NAME = 'Skipped: its name is not valid UTF-8 text, so Stowage can neither open it by name nor tell the provider what it is called. Rename it, then add it again.';
const LINK_OUTSIDE =
  'Skipped: this link points outside the folder you chose, so Stowage did not follow it. Add what it points to directly if you want it uploaded.';

/** A non-regular file's kind as local-read.ts words it. */
function kindWords(kind: SpecialKind): string {
  const is = (k: SpecialKind) => () => kind === k;
  return specialKind({ isDirectory: is('folder'), isFIFO: is('fifo'), isSocket: is('socket'), isCharacterDevice: is('device'), isBlockDevice: () => false });
}

/** The sentence for each reason the walk leaves a path out. */
function reasonFor(reason: WalkReason, detail: number | SpecialKind | null, provider: ProviderInfo): string {
  switch (reason) {
    case 'not_found':
      return 'Not found: it was moved or deleted after it was chosen.';
    case 'bad_name':
      return BAD_NAME;
    case 'link_loop':
      return LINK_LOOP;
    case 'broken_link':
      return 'Broken link: the file it points to does not exist.';
    case 'link_outside':
      return LINK_OUTSIDE;
    case 'dir_loop':
      return 'Skipped: this link points back into a folder that contains it (a loop).';
    case 'folder_unreadable':
      return 'Folder cannot be read (permission denied). Check its permissions and add it again.';
    case 'special':
      return `Skipped: ${kindWords(detail as SpecialKind)}, not a regular file.`;
    case 'empty':
      return 'Empty file (0 bytes): there is nothing to upload.';
    case 'too_large':
      return `Too large: ${formatBytes(detail as number)}, and ${provider.label} accepts at most ${formatBytes(provider.maxFileBytes ?? 0)} per file${
        provider.partUploads ? ', even in parts' : ' (it takes each file in one request)'
      }. Split it into smaller files to upload it.`;
    case 'unreadable':
      return 'Cannot be read (permission denied). Check the file’s permissions and add it again.';
  }
}

/**
 * Walks what the user dropped or picked (folders recursively) and sorts it into files to send and
 * files refused with a reason a person understands: links that leave the chosen folder, loops of
 * links, special files, empty or unreadable files, files over the provider's size limit. Each
 * chosen path is a grant (path-grants.ts) that covers what lies inside it and nothing more: a link
 * the user chose directly is followed, but a link found inside a chosen folder is followed only
 * while it stays inside that folder. Nothing is sent; this is the summary the dialog shows. The
 * walk runs on a worker thread (preflight-walk.ts), so a folder of 100,000 files neither takes
 * long nor holds up the main process.
 */
export async function preflight(paths: readonly string[], provider: ProviderInfo): Promise<PreflightResult> {
  const found = await walk(paths, { maxFileBytes: provider.maxFileBytes, maxFiles: MAX_BATCH_FILES });
  const files: PlannedFile[] = found.files.map(({ path, bytes, mtimeMs, dev, ino }) => ({ path, name: basename(path), bytes, mtimeMs, fileKey: fileKeyOf({ dev, ino }) }));
  const rejected: Rejected[] = found.rejected.map(([path, reason, detail]) => ({ path, reason: reasonFor(reason, detail, provider) }));
  if (found.overflow) rejected.push({ path: '', reason: `More than ${MAX_BATCH_FILES.toLocaleString('en')} files: the rest were not added. Upload them in another batch.` });
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
