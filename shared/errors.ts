/**
 * The small, closed set of error codes that can cross the IPC boundary. The renderer maps a code
 * to words a user understands; the message carries specifics (never a secret).
 */
export const ERROR_CODES = [
  'invalid_input',
  'forbidden',
  'unauthorized',
  'not_found',
  'too_large',
  'unsupported_type',
  'rate_limited',
  'server_error',
  'offline',
  'timeout',
  'cancelled',
  'conflict',
  'file_changed',
  'keychain_unavailable',
  'key_not_approved',
  'not_supported',
  'internal',
  'unreadable',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** What a failed call returns: a code the UI can branch on and a plain-language message. */
export interface AppErrorShape {
  code: ErrorCode;
  message: string;
}

/**
 * Default wording per code: what happened and what to do next. Services may give a more specific
 * message; these are the fallback so no user ever sees a bare code or a stack trace.
 */
export const PLAIN_MESSAGES: Record<ErrorCode, string> = {
  invalid_input: 'Stowage sent a request it could not understand. Please try again; if it keeps happening, restart the app.',
  forbidden: 'That request did not come from the Stowage window, so it was refused.',
  unauthorized: 'The API key was not accepted. Check the key in the workspace settings and save it again.',
  not_found: 'That file is no longer there. Refresh the list to see what is stored now.',
  too_large: 'The file is larger than this provider accepts. Split it or choose a smaller file.',
  unsupported_type: 'This provider does not accept files of this type.',
  rate_limited: 'The provider is asking Stowage to slow down. It will try again shortly.',
  server_error: 'The provider had a problem on its side. Try again in a few minutes.',
  offline: 'Stowage could not reach the provider. Check your internet connection and the base URL, then try again.',
  timeout: 'The provider took too long to answer. Try again.',
  cancelled: 'Cancelled.',
  conflict: 'Something changed while this was running. Refresh and try again.',
  file_changed: 'The file changed during upload. Upload it again once it has finished changing.',
  keychain_unavailable: 'The system keychain is not available, so the key is kept for this session only.',
  key_not_approved:
    'The saved API key was not sent, because the workspace now points somewhere the key was not saved for. Type the key again, or confirm that the saved key may be sent there.',
  not_supported: 'This provider does not support that action.',
  internal: 'Something went wrong inside Stowage. Try again; if it keeps happening, restart the app.',
  unreadable: 'Stowage could not read the file from the disk. Check that it is still there and readable, then retry.',
};

/**
 * An error a service throws on purpose. Anything else thrown is reported as `internal` with the
 * generic message, so an unexpected exception never leaks details (or secrets) to the window.
 */
export class AppError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message?: string) {
    super(message ?? PLAIN_MESSAGES[code]);
    this.name = 'AppError';
    this.code = code;
  }

  toShape(): AppErrorShape {
    return { code: this.code, message: this.message };
  }
}

/**
 * Turns anything thrown into the typed error. Only AppErrors keep their message: an unexpected
 * exception may carry paths, URLs with tokens or a key, so the user gets the generic wording.
 * Every place that reports an error (IPC, the queue, deletes, audits) goes through this one.
 */
export function toErrorShape(error: unknown): AppErrorShape {
  if (error instanceof AppError) return error.toShape();
  return { code: 'internal', message: PLAIN_MESSAGES.internal };
}

/** Narrows an unknown value to the error shape that crossed IPC. */
export function isAppErrorShape(value: unknown): value is AppErrorShape {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.code === 'string' && (ERROR_CODES as readonly string[]).includes(v.code) && typeof v.message === 'string';
}
