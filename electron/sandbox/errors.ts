/**
 * One error type for the whole server, rendered per dialect at the edge. Shared code (auth,
 * multipart, faults) throws FastAPI-flavoured statuses (422 for validation); each dialect's
 * formatter turns that into its provider's own status and body, so no shared module needs to
 * know which dialect it is serving.
 */

/** What went wrong, independent of how a provider spells it. */
export type ErrorKind =
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'invalid'
  | 'conflict'
  | 'too_large'
  | 'unsupported_type'
  | 'method_not_allowed'
  | 'rate_limited'
  | 'server_error';

/** Extra detail some dialects show: FastAPI's `loc`/`input`, OpenAI's `param`/`code`. */
export interface ErrorDetail {
  loc?: (string | number)[];
  input?: unknown;
  type?: string;
  param?: string;
  code?: string;
  headers?: Record<string, string>;
}

/** Thrown anywhere in a handler; the server renders it in the dialect's shape. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly kind: ErrorKind,
    message: string,
    readonly detail: ErrorDetail = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** A validation failure on one field, in FastAPI's vocabulary (`loc` like ['query', 'purpose']). */
export function invalidField(loc: (string | number)[], msg: string, input: unknown, type = 'value_error'): HttpError {
  return new HttpError(422, 'invalid', msg, { loc, input, type, param: String(loc[loc.length - 1]) });
}

/** A rendered error: status, JSON body and extra headers. */
export interface RenderedError {
  status: number;
  body: unknown;
}

/** Turns an HttpError into a dialect's wire format. */
export type ErrorRenderer = (err: HttpError) => RenderedError;

/** FastAPI's shapes: `{"detail":[{loc,msg,type,input}]}` for 422, `{"detail":"..."}` otherwise. */
export const renderFastApiError: ErrorRenderer = (err) => {
  if (err.status === 422 && err.detail.loc) {
    const item = { type: err.detail.type ?? 'value_error', loc: err.detail.loc, msg: err.message, input: err.detail.input ?? null };
    return { status: 422, body: { detail: [item] } };
  }
  return { status: err.status, body: { detail: err.message } };
};

const OPENAI_TYPES: Partial<Record<ErrorKind, string>> = {
  rate_limited: 'requests',
  server_error: 'server_error',
};

/** OpenAI's shape `{"error":{message,type,param,code}}`; validation is a 400 there, not 422. */
export const renderOpenAiError: ErrorRenderer = (err) => ({
  status: err.status === 422 ? 400 : err.status,
  body: {
    error: {
      message: err.message,
      type: OPENAI_TYPES[err.kind] ?? 'invalid_request_error',
      param: err.detail.param ?? null,
      code: err.detail.code ?? null,
    },
  },
});
