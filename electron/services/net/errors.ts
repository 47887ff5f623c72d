import { AppError, PLAIN_MESSAGES, type ErrorCode } from '../../../shared/errors';
import { BodyChangedError, BodySourceError, TransportError } from './client';
import { failureWords, noAnswerWords, type ErrorContext, type FailedAnswer } from './error-words';

/**
 * An HTTP answer that was not a success, kept with what the retry policy needs (status,
 * Retry-After). It is also an AppError, so it can reach the window as it is.
 */
export class ProviderError extends AppError {
  constructor(
    code: ErrorCode,
    message: string,
    readonly status: number,
    readonly retryAfterMs: number | null,
  ) {
    super(code, message);
    this.name = 'ProviderError';
  }
}

/** Retry-After in milliseconds (seconds or an HTTP date), or null when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/** A failed answer as the typed error the window shows, worded for the operation that failed. */
export function toProviderError(answer: FailedAnswer, ctx: ErrorContext): ProviderError {
  const { code, message } = failureWords(answer, ctx);
  return new ProviderError(code, message, answer.status, answer.retryAfterMs);
}

/**
 * No HTTP answer came back. `bodyBytesSent` is what the retry policy decides on: zero means the
 * provider cannot have stored anything, more means it might have (check before sending again).
 */
export class ConnectionError extends AppError {
  constructor(
    code: ErrorCode,
    message: string,
    readonly kind: TransportError['kind'],
    readonly bodyBytesSent: number,
  ) {
    super(code, message);
    this.name = 'ConnectionError';
  }
}

/** Turns a transport failure (no HTTP answer) into the typed error the window shows. */
export function transportToAppError(error: unknown, ctx: ErrorContext): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof BodyChangedError) return new AppError('file_changed');
  if (error instanceof BodySourceError) return error.reason instanceof AppError ? error.reason : new AppError('unreadable');
  if (error instanceof TransportError) {
    const make = (code: ErrorCode, message: string) => new ConnectionError(code, message, error.kind, error.bodyBytesSent);
    if (error.kind === 'aborted') return make('cancelled', PLAIN_MESSAGES.cancelled);
    return make(error.kind === 'timeout' ? 'timeout' : 'offline', noAnswerWords(error.kind, ctx));
  }
  return new AppError('internal');
}
