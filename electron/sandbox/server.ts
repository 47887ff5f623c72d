/**
 * The HTTP front door: one server, one port, each dialect mounted under its own prefix with its
 * own auth, scope and error shape. Per request it applies faults, authenticates, routes, and
 * renders any HttpError the way that dialect's real service would.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import { adminRoutes } from './admin';
import { KeyRing, requireApiKey } from './auth';
import type { RequestContext, SandboxState } from './context';
import { llamacloudRoutes } from './dialects/llamacloud';
import { openaiRoutes } from './dialects/openai';
import { vlmrunRoutes } from './dialects/vlmrun';
import { receivePresignedPut } from './dialects/vlmrun-presigned';
import { HttpError, renderFastApiError, renderOpenAiError, type ErrorRenderer } from './errors';
import { hasBody, wrapBody, type FaultTarget } from './faults';
import { sendJson } from './http-utils';
import { PUBLIC_FILES_PATH, PUBLIC_UPLOADS_PATH, servePublicFile } from './public-urls';
import { describeTargetProblem, parseRequestTarget } from './request-target';
import { matchRoute, type Route } from './router';
import { seedRoute } from './seed';
import { describeError } from './stray-errors';

/** URL prefix of each surface; the dialects' SDK base URLs are origin + prefix. */
export const PREFIXES = {
  vlmrun: '/vlmrun/v1',
  openai: '/openai/v1',
  llamacloud: '/llamacloud',
  public: '/public',
  admin: '/_admin',
} as const;

/** After answering early (413, 415, ...), read and drop at most this much more before cutting. */
const DRAIN_CAP_BYTES = 32 * 1024 * 1024;

interface Mount {
  prefix: string;
  target: FaultTarget | 'admin';
  routes: Route[];
  render: ErrorRenderer;
  authenticate(req: IncomingMessage): void;
  scope(req: IncomingMessage, url: URL): string;
}

function buildMounts(apiKeys: KeyRing, adminKeys: KeyRing): Mount[] {
  const noScope = () => '';
  return [
    {
      prefix: PREFIXES.vlmrun,
      target: 'vlmrun',
      routes: [...vlmrunRoutes, seedRoute('vlmrun', 'assistants')],
      render: renderFastApiError,
      authenticate: (req) => requireApiKey(req, apiKeys, ['Bearer']),
      scope: noScope,
    },
    {
      prefix: PREFIXES.openai,
      target: 'openai',
      routes: [...openaiRoutes, seedRoute('openai', 'assistants')],
      render: renderOpenAiError,
      authenticate: (req) => requireApiKey(req, apiKeys, ['Bearer', 'Api-Key']),
      scope: (req) => String(req.headers['openai-project'] ?? '').trim(),
    },
    {
      prefix: PREFIXES.llamacloud,
      target: 'llamacloud',
      routes: [...llamacloudRoutes, seedRoute('llamacloud', 'user_data')],
      render: renderFastApiError,
      authenticate: (req) => requireApiKey(req, apiKeys, ['Bearer']),
      scope: (_req, url) => url.searchParams.get('project_id') ?? '',
    },
    {
      prefix: PREFIXES.public,
      target: 'public',
      routes: [
        { method: 'GET', pattern: `${PUBLIC_FILES_PATH.slice(PREFIXES.public.length)}/:id`, handler: servePublicFile },
        { method: 'GET', pattern: `${PUBLIC_FILES_PATH.slice(PREFIXES.public.length)}/:id/:name`, handler: servePublicFile },
        { method: 'PUT', pattern: `${PUBLIC_UPLOADS_PATH.slice(PREFIXES.public.length)}/:id`, handler: receivePresignedPut },
      ],
      render: renderFastApiError,
      authenticate: () => undefined,
      scope: noScope,
    },
    {
      prefix: PREFIXES.admin,
      target: 'admin',
      routes: adminRoutes,
      render: renderFastApiError,
      authenticate: (req) => requireApiKey(req, adminKeys, ['Bearer']),
      scope: noScope,
    },
  ];
}

function respondError(ctx: RequestContext, render: ErrorRenderer, err: unknown): void {
  if (ctx.res.headersSent || ctx.req.socket.destroyed) {
    ctx.res.destroy();
    return;
  }
  const httpErr =
    err instanceof HttpError ? err : new HttpError(500, 'server_error', 'The sandbox hit an unexpected error; see its log for details.');
  if (!(err instanceof HttpError)) process.stderr.write(`[sandbox] ${ctx.req.method} ${ctx.url.pathname}: ${(err as Error)?.stack ?? err}\n`);
  const { status, body } = render(httpErr);
  sendJson(ctx.res, status, body, httpErr.detail.headers ?? {});
}

async function handle(state: SandboxState, mounts: Mount[], req: IncomingMessage, res: ServerResponse): Promise<void> {
  const target = parseRequestTarget(req.url, state.origin);
  if (!target.ok) {
    sendJson(res, 400, { detail: describeTargetProblem(target.problem) }, { Connection: 'close' });
    return;
  }
  const url = target.url;
  const mount = mounts.find((m) => url.pathname === m.prefix || url.pathname.startsWith(`${m.prefix}/`));
  let discarding = false;
  const ctx: RequestContext = {
    req,
    res,
    url,
    params: {},
    scope: '',
    body: req as Readable,
    state,
    discardBody() {
      if (discarding || req.complete) return;
      discarding = true;
      req.unpipe();
      let drained = 0;
      req.on('data', (chunk: Buffer) => {
        drained += chunk.length;
        if (drained > DRAIN_CAP_BYTES) req.socket.destroy();
      });
      req.resume();
    },
  };
  const render = mount?.render ?? renderFastApiError;
  try {
    if (!mount) throw new HttpError(404, 'not_found', 'Not Found');
    if (mount.target !== 'admin') {
      await state.faults.beforeRequest(mount.target);
      ctx.body = wrapBody(req, state.faults.bodyPlan(mount.target, hasBody(req)));
    }
    mount.authenticate(req);
    ctx.scope = mount.scope(req, url);
    const match = matchRoute(mount.routes, req.method ?? 'GET', url.pathname.slice(mount.prefix.length) || '/');
    if (match.kind === 'not_found') throw new HttpError(404, 'not_found', 'Not Found');
    if (match.kind === 'method_not_allowed') {
      throw new HttpError(405, 'method_not_allowed', 'Method Not Allowed', { headers: { Allow: match.allowed.join(', ') } });
    }
    ctx.params = match.params;
    await match.handler(ctx);
  } catch (err) {
    respondError(ctx, render, err);
  } finally {
    ctx.discardBody();
  }
}

/** How long the server waits on a client before it gives up on the connection, in milliseconds. */
export interface ServerTimeouts {
  /**
   * Nothing moved on the connection in either direction for this long: it is closed. This, not a
   * cap on the whole request, is what ends half-open and stalled connections, so an upload of
   * any size lives as long as its bytes keep flowing.
   */
  idleMs: number;
  /** The request line and all headers must arrive within this long (a client trickling headers is cut). */
  headersMs: number;
  /** A kept-alive connection with no request in flight is closed after this long. */
  keepAliveMs: number;
}

/** Production timeouts; tests pass shorter ones through `startSandbox({ timeouts })`. */
export const DEFAULT_TIMEOUTS: ServerTimeouts = { idleMs: 120_000, headersMs: 60_000, keepAliveMs: 5_000 };

/** Node checks the headers deadline on a timer; this keeps the check within a fraction of it. */
function checkingInterval(headersMs: number): number {
  return Math.max(50, Math.min(5_000, Math.floor(headersMs / 2)));
}

/** Builds (but does not start) the HTTP server for a prepared sandbox state. */
export function createSandboxServer(state: SandboxState, apiKeys: readonly string[], adminToken: string, timeouts = DEFAULT_TIMEOUTS): Server {
  const mounts = buildMounts(new KeyRing(apiKeys), new KeyRing([adminToken]));
  const server = createServer(
    {
      // No deadline on a whole request: a 4 GB upload takes as long as it takes (idleMs ends dead ones).
      requestTimeout: 0,
      headersTimeout: timeouts.headersMs,
      keepAliveTimeout: timeouts.keepAliveMs,
      connectionsCheckingInterval: checkingInterval(timeouts.headersMs),
    },
    (req, res) => {
      handle(state, mounts, req, res).catch((err: unknown) => {
        process.stderr.write(`[sandbox] dropped a request after an error outside its handler: ${describeError(err)}\n`);
        res.destroy();
      });
    },
  );
  server.setTimeout(timeouts.idleMs);
  return server;
}
