/**
 * The soak's verdict, as a pure function of three lists: the files it created (with their MD5),
 * the upload items the queue ended with, and what the server holds (with the MD5 of each stored
 * file's downloaded content). The server is the judge: an item that says "done" counts only if
 * the bytes behind its file id really are the local file's bytes, once.
 */
import type { ProviderKind } from '../../shared/models/providers';
import type { UploadItem } from '../../shared/models/uploads';

/** One file the soak wrote to disk and asked to upload. */
export interface LocalFile {
  kind: ProviderKind;
  path: string;
  md5: string;
}

/** One file the server lists, with the MD5 of the content it serves for it. */
export interface ServerFile {
  kind: ProviderKind;
  id: string;
  md5: string;
}

/** How each local file ended, and what the server holds that nobody asked for. */
export interface Tally {
  files: number;
  /** Done (or kept: the provider already held them), and the server holds these bytes exactly once, under the item's file id. */
  doneOnce: number;
  /** Failed, with a message a person can act on; the server does not hold the bytes. */
  failedWithReason: number;
  /** Failed with no message, a bare code, the generic "internal" one, or a stack trace. */
  failedWithoutReason: number;
  /** Extra copies of a local file's bytes on the server (0 when every file is there at most once). */
  duplicates: number;
  /** Neither done-once nor failed: never finished, done without the bytes on the server, or missing. */
  lost: number;
  /** Bytes of a failed (or unfinished) item that the server holds anyway: a copy nobody knows about. */
  ghosts: number;
  /** Server files whose content matches no local file (a partial or corrupted body was stored). */
  strangers: number;
  /** Why each lost file counts as lost, for the printout. */
  lostWhy: string[];
}

/**
 * Whether an error message is one an operator can read and act on: a sentence, not a code, a
 * stack trace, `undefined` or `[object Object]`, and not the catch-all for unexpected failures.
 */
export function readableReason(error: UploadItem['error']): boolean {
  if (!error || error.code === 'internal') return false;
  const text = error.message.trim();
  if (text.length < 20 || !/[.!?”)]$/.test(text)) return false;
  return !/\bat \S+:\d+:\d+|\bundefined\b|\[object |\bError:|\bE[A-Z]{3,}\b/.test(text);
}

/** Counts every outcome; the soak prints this and fails when a goal is missed. */
export function tally(local: readonly LocalFile[], items: readonly UploadItem[], stored: readonly ServerFile[]): Tally {
  const t: Tally = { files: local.length, doneOnce: 0, failedWithReason: 0, failedWithoutReason: 0, duplicates: 0, lost: 0, ghosts: 0, strangers: 0, lostWhy: [] };
  const copies = new Map<string, ServerFile[]>();
  for (const file of stored) {
    const key = `${file.kind}\u0000${file.md5}`;
    copies.set(key, [...(copies.get(key) ?? []), file]);
  }
  const byPath = new Map<string, UploadItem>();
  for (const item of items) byPath.set(`${item.workspaceId}\u0000${item.path}`, item);
  const claimed = new Set<string>();
  const lose = (file: LocalFile, why: string) => {
    t.lost += 1;
    t.lostWhy.push(`${file.path}: ${why}`);
  };

  for (const file of local) {
    const key = `${file.kind}\u0000${file.md5}`;
    claimed.add(key);
    const held = copies.get(key) ?? [];
    t.duplicates += Math.max(0, held.length - 1);
    const item = byPath.get(`ws-${file.kind}\u0000${file.path}`);
    if (!item) {
      lose(file, 'no upload item');
      continue;
    }
    if (item.state === 'done' || item.state === 'kept') {
      if (held.length === 0) lose(file, `done as ${item.fileId}, but the server does not hold these bytes`);
      else if (!held.some((f) => f.id === item.fileId)) lose(file, `done as ${item.fileId}, but the bytes are stored as ${held.map((f) => f.id).join(', ')}`);
      else if (held.length === 1) t.doneOnce += 1;
      continue;
    }
    if (held.length > 0) t.ghosts += held.length;
    if (item.state === 'failed') {
      if (readableReason(item.error)) t.failedWithReason += 1;
      else t.failedWithoutReason += 1;
      continue;
    }
    lose(file, `ended ${item.state}`);
  }
  for (const [key, held] of copies) if (!claimed.has(key)) t.strangers += held.length;
  return t;
}

/** Adds up per-dialect tallies. */
export function sumTallies(parts: readonly Tally[]): Tally {
  const total: Tally = { files: 0, doneOnce: 0, failedWithReason: 0, failedWithoutReason: 0, duplicates: 0, lost: 0, ghosts: 0, strangers: 0, lostWhy: [] };
  for (const p of parts) {
    for (const key of ['files', 'doneOnce', 'failedWithReason', 'failedWithoutReason', 'duplicates', 'lost', 'ghosts', 'strangers'] as const) total[key] += p[key];
    total.lostWhy.push(...p.lostWhy);
  }
  return total;
}
