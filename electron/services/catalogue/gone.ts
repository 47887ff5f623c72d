import { AppError } from '../../../shared/errors';
import { CatalogueError } from './types';

/**
 * Runs a catalogue read, turning "no such snapshot" (deleted, replaced by newer audits, or never
 * finished) into `not_found` with the caller's words for the window; anything else passes.
 */
export function readOrGone<T>(read: () => T, gone: string): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof CatalogueError && (error.code === 'not-found' || error.code === 'not-complete')) throw new AppError('not_found', gone);
    throw error;
  }
}
