import { AppError, PLAIN_MESSAGES } from '../../../shared/errors';

/**
 * The words to show for any failure. Errors from main already carry a plain message; anything
 * else (a bug in the renderer) gets the generic wording rather than a stack trace.
 */
export function errorText(error: unknown): string {
  if (error instanceof AppError) return error.message;
  return PLAIN_MESSAGES.internal;
}
