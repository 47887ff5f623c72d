/**
 * Reads a request's target (the `/path?query` of the request line) into a URL on the sandbox's
 * own origin. Node hands the target over exactly as the client sent it, and WHATWG URL parsing
 * throws on some of it (`//%25/` reads as a host), so this is the one place that turns anything
 * a client can send into either a URL or a plain "bad request".
 */

/** Why a target was refused, in words a client developer can act on. */
export type TargetProblem = 'unparseable' | 'bad_escape';

/** The parsed target, or why it cannot be one. */
export type ParsedTarget = { ok: true; url: URL } | { ok: false; problem: TargetProblem };

const ABSOLUTE_FORM = /^https?:\/\//i;

function hasBrokenEscapes(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return false;
  } catch {
    return true;
  }
}

/**
 * Origin-form targets (`/a/b?c`) are taken as a path even when they start with `//`; the
 * absolute form (`http://host/a`), which HTTP/1.1 servers must accept, keeps only its path and
 * query. Everything else (`*`, `host:port`) and paths whose percent-escapes do not decode are
 * refused. The query is left to URLSearchParams, which reads bad escapes literally, as FastAPI does.
 */
export function parseRequestTarget(raw: string | undefined, origin: string): ParsedTarget {
  let url: URL;
  try {
    if (raw?.startsWith('/')) url = new URL(origin + raw);
    else if (raw && ABSOLUTE_FORM.test(raw)) {
      const absolute = new URL(raw);
      url = new URL(origin + absolute.pathname + absolute.search);
    } else return { ok: false, problem: 'unparseable' };
  } catch {
    return { ok: false, problem: 'unparseable' };
  }
  return hasBrokenEscapes(url.pathname) ? { ok: false, problem: 'bad_escape' } : { ok: true, url };
}

/** The sentence a refused target gets in its 400. */
export function describeTargetProblem(problem: TargetProblem): string {
  return problem === 'bad_escape'
    ? 'Bad request target: the path has a percent sign that is not followed by a valid escape (like %2F).'
    : 'Bad request target: send a path such as /vlmrun/v1/files, not a host name, "*" or a bare address.';
}
