import { AppError } from '../../../shared/errors';
import type { KnownSecrets } from '../../services/secrets/redact';
import type { Handlers } from './types';

/**
 * Wraps every handler so an AppError leaving the table has its message read through the known
 * secrets' redaction: whatever a service put in a message (a provider's words, a name the user
 * pasted a key into), the error shape that reaches the window carries no key and no 8-character
 * piece of one. Results are left as they are; they are built from settings and listings, not text
 * from a server about a key.
 */
export function redactErrors(handlers: Handlers, secrets: KnownSecrets): Handlers {
  const wrapped: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const [channel, handler] of Object.entries(handlers) as [string, (input: unknown) => Promise<unknown>][]) {
    wrapped[channel] = async (input) => {
      try {
        return await handler(input);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        const message = secrets.redact(error.message);
        throw message === error.message ? error : new AppError(error.code, message);
      }
    };
  }
  return wrapped as unknown as Handlers;
}
