import type { ErrorCode } from '../../../shared/errors';
import type { ProviderInfo } from '../../../shared/models/providers';

/**
 * What Stowage was doing when a call failed. The same HTTP status means different things per
 * operation: a 404 on a listing says the address is wrong, a 404 on one file says it is gone.
 */
export type Operation = 'test' | 'list' | 'get' | 'upload' | 'delete' | 'content';

/** Who failed at what: the provider (its name and usual address) and the operation. */
export interface ErrorContext {
  operation: Operation;
  provider: Pick<ProviderInfo, 'label' | 'defaultBaseUrl'>;
}

/** A non-2xx answer as the error mapping needs it (the detail already free of secrets). */
export interface FailedAnswer {
  status: number;
  /** The provider's own explanation, where its error body had one. */
  detail: string | null;
  /** The body was a web page, not the API's JSON: something other than the Files API answered. */
  html: boolean;
  retryAfterMs: number | null;
}

function codeForStatus(status: number): ErrorCode {
  if (status === 401 || status === 403) return 'unauthorized';
  if (status === 404 || status === 405) return 'not_found';
  if (status === 408) return 'timeout';
  if (status === 409) return 'conflict';
  if (status === 413) return 'too_large';
  if (status === 415) return 'unsupported_type';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'server_error';
  return 'invalid_input';
}

/** "Check the base URL (it usually ends in /v1)", from the provider's own default address. */
export function baseUrlHint(provider: ErrorContext['provider']): string {
  const usual = /\/v1$/.test(provider.defaultBaseUrl) ? 'it usually ends in /v1' : `it is usually ${provider.defaultBaseUrl}`;
  return `Check the base URL (${usual}).`;
}

/** Words for "the address is wrong": nothing there speaks this provider's Files API. */
function wrongAddress(provider: ErrorContext['provider'], status: number, operation: Operation): string {
  const then = operation === 'test' ? ' Then test the connection again.' : ' Change it in the workspace settings.';
  const article = /^[AEIOU]/.test(provider.label) ? 'an' : 'a';
  return `Nothing answers at this address as ${article} ${provider.label} Files API (HTTP ${status}). ${baseUrlHint(provider)}${then}`;
}

const ADDRESS_OPERATIONS: ReadonlySet<Operation> = new Set(['test', 'list', 'upload']);

function notFound(ctx: ErrorContext, answer: FailedAnswer): string {
  const { label } = ctx.provider;
  if (answer.html || ADDRESS_OPERATIONS.has(ctx.operation)) return wrongAddress(ctx.provider, answer.status, ctx.operation);
  if (ctx.operation === 'delete') return `${label} has no such file (HTTP 404): it may already have been deleted. Refresh the list to see what is stored now.`;
  return `${label} has no such file (HTTP 404): it may have been deleted. Refresh the list to see what is stored now.`;
}

function keyRefused(ctx: ErrorContext, status: number): string {
  const { label } = ctx.provider;
  if (status === 401) {
    const next = ctx.operation === 'test' ? 'Check that you pasted the whole key, then test again.' : 'Check the key in the workspace settings and save it again.';
    return `${label} did not accept the API key (HTTP 401). ${next}`;
  }
  const what: Record<Operation, string> = {
    test: 'list files with this key',
    list: 'list files with this key',
    get: 'show this file with this key',
    content: 'hand out this file’s contents (the link may have expired)',
    upload: 'store files with this key',
    delete: 'delete this file with this key',
  };
  const next = ctx.operation === 'content' ? 'Open the preview again; if it keeps happening, check the key’s permissions on' : 'Check the key’s permissions, project and folder on';
  return `${label} refused to ${what[ctx.operation]} (HTTP 403). ${next} ${label}.`;
}

function refused(ctx: ErrorContext, answer: FailedAnswer): string {
  const { label } = ctx.provider;
  const said = answer.detail ? ` ${label} said: “${answer.detail.slice(0, 300)}”` : '';
  const { status } = answer;
  if (ctx.operation === 'upload') {
    if (status === 413) return `The file is larger than ${label} accepts (HTTP 413).${said} Split it or choose a smaller file.`;
    if (status === 415) return `${label} does not accept files of this type (HTTP 415).${said} Convert it to a format ${label} takes, or leave it out.`;
    return `${label} refused the upload (HTTP ${status}).${said} Check the file and the purpose, then try again.`;
  }
  if (ctx.operation === 'test' || ctx.operation === 'list') {
    return `${label} refused to list files (HTTP ${status}).${said} Check the base URL and the project or folder ID in the workspace settings.`;
  }
  const action = ctx.operation === 'delete' ? 'the delete' : 'the request for this file';
  return `${label} refused ${action} (HTTP ${status}).${said} Refresh the list and try again.`;
}

/**
 * The code and words for a failed answer, fitting what failed:
 * the address for a test or a listing, the file for a get, a delete or a preview, the file's
 * size or type for an upload. A provider's own explanation is quoted only for request problems
 * (400/413/415/422), where it is the useful part, never for auth failures (some servers echo
 * part of the key there).
 */
export function failureWords(answer: FailedAnswer, ctx: ErrorContext): { code: ErrorCode; message: string } {
  const { status } = answer;
  const { label } = ctx.provider;
  const code = codeForStatus(status);
  let message: string;
  if (status === 401 || status === 403) message = keyRefused(ctx, status);
  else if (status === 404) message = notFound(ctx, answer);
  else if (status === 405 || (answer.html && status < 500 && status !== 429 && status !== 408)) message = wrongAddress(ctx.provider, status, ctx.operation);
  else if (status === 408) message = `${label} took too long to answer (HTTP 408). Try again.`;
  else if (status === 409) message = `${label} reported a conflict (HTTP 409).${answer.detail ? ` ${label} said: “${answer.detail.slice(0, 300)}”` : ''} Refresh and try again.`;
  else if (status === 429) message = `${label} asked Stowage to slow down (HTTP 429). Wait a moment and try again.`;
  else if (status >= 500) message = `${label} had a problem on its side (HTTP ${status}). Try again in a few minutes.`;
  else message = refused(ctx, answer);
  return { code, message };
}

/** Words for a call that got no HTTP answer at all, by what it was doing. */
export function noAnswerWords(kind: 'offline' | 'timeout' | 'reset', ctx: ErrorContext): string {
  const { label } = ctx.provider;
  if (kind === 'timeout') return `${label} took too long to answer. Check your connection and try again.`;
  if (kind === 'reset') return `The connection to ${label} broke while sending. Check your connection and try again.`;
  if (ctx.operation === 'test') return `Nothing answers at this address: Stowage could not connect to it. ${baseUrlHint(ctx.provider)} Check your internet connection too, then test again.`;
  if (ctx.operation === 'list') return `Stowage could not connect to ${label} at this workspace’s address. Check your internet connection and the base URL in the workspace settings.`;
  return `Stowage could not reach ${label}. Check your internet connection, then try again.`;
}
