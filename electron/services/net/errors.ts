import { AppError, PLAIN_MESSAGES, type ErrorCode } from '../../../shared/errors';
import { redactSecrets } from '../secrets/redact';
import { BodyChangedError, BodySourceError, TransportError } from './client';

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

function codeForStatus(status: number): ErrorCode {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'unauthorized';
  if (status === 404) return 'not_found';
  if (status === 408) return 'timeout';
  if (status === 409) return 'conflict';
  if (status === 413) return 'too_large';
  if (status === 415) return 'unsupported_type';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'server_error';
  return 'invalid_input';
}

/**
 * Words for a failed call, in the user's terms: what happened at which provider and what to do.
 * A provider's own explanation is kept only for request problems (400/409/413/415/422), where it
 * is the useful part, and never for auth failures. Servers echo the key or part of it in any of
 * these, so the explanation is read through redactSecrets() with the key that was sent (`secrets`)
 * before anything else touches it.
 */
export function providerError(label: string, status: number, detail: string | null, retryAfterMs: number | null, secrets: readonly string[]): ProviderError {
  const code = codeForStatus(status);
  const clean = detail ? redactSecrets(detail, secrets).slice(0, 300) : null;
  const said = clean ? ` ${label} said: “${clean}”` : '';
  const messages: Partial<Record<ErrorCode, string>> = {
    unauthorized: `${label} did not accept the API key (HTTP ${status}). Check the key in the workspace settings and save it again.`,
    not_found: `${label} has no such file (HTTP 404). It may have been deleted; refresh the list to see what is stored now.`,
    too_large: `The file is larger than ${label} accepts (HTTP 413).${said} Split it or choose a smaller file.`,
    unsupported_type: `${label} does not accept files of this type (HTTP 415).${said}`,
    rate_limited: `${label} asked Stowage to slow down (HTTP 429). Wait a moment and try again.`,
    server_error: `${label} had a problem on its side (HTTP ${status}). Try again in a few minutes.`,
    timeout: `${label} took too long to answer (HTTP 408). Try again.`,
    conflict: `${label} reported a conflict (HTTP 409).${said} Refresh and try again.`,
    invalid_input: `${label} refused the request (HTTP ${status}).${said} Check the workspace settings and try again.`,
  };
  return new ProviderError(code, messages[code] ?? PLAIN_MESSAGES[code], status, retryAfterMs);
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
export function transportToAppError(error: unknown, label: string): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof BodyChangedError) return new AppError('file_changed');
  if (error instanceof BodySourceError) return error.reason instanceof AppError ? error.reason : new AppError('unreadable');
  if (error instanceof TransportError) {
    const make = (code: ErrorCode, message: string) => new ConnectionError(code, message, error.kind, error.bodyBytesSent);
    if (error.kind === 'aborted') return make('cancelled', PLAIN_MESSAGES.cancelled);
    if (error.kind === 'timeout') return make('timeout', `${label} took too long to answer. Check your connection and try again.`);
    if (error.kind === 'reset') return make('offline', `The connection to ${label} broke while sending. Check your connection and try again.`);
    return make('offline', `Stowage could not reach ${label}. Check your internet connection and the workspace's base URL, then try again.`);
  }
  return new AppError('internal');
}
