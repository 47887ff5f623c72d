import type { Stats } from 'node:fs';
import { AppError } from '../../../shared/errors';

/**
 * The words for a file that is no longer what pre-flight checked. Retrying does not help (the
 * new state is never adopted), so the message says to add the file again.
 */
export function changedError(what: string): AppError {
  return new AppError(
    'file_changed',
    `The file changed after Stowage checked it (${what}), so it was not uploaded. Add it again once it has finished changing.`,
  );
}

/** Device and inode as one string: the same path naming another file has another key. */
export function fileKeyOf(s: Pick<Stats, 'dev' | 'ino'>): string {
  return `${s.dev}:${s.ino}`;
}

/** What a non-regular file is, in a person's words. */
export function specialKind(s: Pick<Stats, 'isDirectory' | 'isFIFO' | 'isSocket' | 'isCharacterDevice' | 'isBlockDevice'>): string {
  if (s.isDirectory()) return 'a folder';
  if (s.isFIFO()) return 'a named pipe';
  if (s.isSocket()) return 'a socket';
  if (s.isCharacterDevice() || s.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

/**
 * A failed open or read of a local file as a local reason: what happened on this computer and
 * what to do, under a code the retry policy never retries (these are not network faults).
 * AppErrors pass through unchanged.
 */
export function localReadError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  switch ((error as NodeJS.ErrnoException | null)?.code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return new AppError('not_found', 'The file is no longer where it was when it was added (moved, renamed or deleted). Add it again from its new place.');
    case 'EACCES':
    case 'EPERM':
      return new AppError('unreadable', 'Stowage may not read this file any more (permission denied). Check its permissions, then retry.');
    case 'EISDIR':
      return changedError('it is now a folder');
    case 'ELOOP':
      return changedError('its path is now a loop of links that never reaches a file');
    case 'EIO':
      return new AppError('unreadable', 'Stowage could not read this file: the disk reported an error. Check that the disk or network drive is still connected, then retry.');
    default:
      return new AppError('unreadable', 'Stowage could not read this file from the disk. Check that it is still there and readable, then retry.');
  }
}
