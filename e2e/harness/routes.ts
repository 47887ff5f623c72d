/**
 * The harness's HTTP side: the renderer build (with the bridge script and this run's token put
 * into the page), the bridge bundle, and the control routes a test script uses to answer native
 * dialogs. Every request is checked (Host, and Origin on control routes) and no request, however
 * malformed, can throw out of here: the host runs inside the test runner's process.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { isAllowedOrigin, isOwnHost, readTarget } from './access';
import type { ScriptedPlatform } from './scripted-platform';
import { serveStatic } from './static';

/** What the routes need from the host. */
export interface RouteOptions {
  rendererDir: string;
  bridge: string;
  token: string;
  platform: ScriptedPlatform;
  /** The port the server listens on (known once it listens, before any request arrives). */
  port(): number;
}

const MAX_CONTROL_BODY = 1024 * 1024;

class BadRequest extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_CONTROL_BODY) throw new BadRequest(413, 'The request body is too large.');
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null');
  } catch {
    throw new BadRequest(400, 'The request body is not JSON.');
  }
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

/** Puts the bridge (carrying this run's token) in front of the app's own module script. */
export function injectBridge(html: string, token: string): string {
  return html.replace('<script type="module"', `<script src="/__harness/bridge.js?token=${token}"></script>\n    <script type="module"`);
}

function refuse(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' }).end(message);
}

async function control(req: IncomingMessage, res: ServerResponse, pathname: string, platform: ScriptedPlatform): Promise<boolean> {
  if (pathname === '/__harness/dialog/pick' && req.method === 'POST') {
    const body = (await readJson(req)) as { paths?: unknown } | null;
    if (!isStringArray(body?.paths)) throw new BadRequest(400, 'Send {"paths": ["/a/file", ...]}.');
    platform.queuePick(body.paths);
  } else if (pathname === '/__harness/dialog/save' && req.method === 'POST') {
    const body = (await readJson(req)) as { path?: unknown } | null;
    if (typeof body?.path !== 'string' && body?.path !== null) throw new BadRequest(400, 'Send {"path": "/a/file"} or {"path": null}.');
    platform.queueSave(body.path);
  } else return false;
  res.writeHead(204).end();
  return true;
}

/** The request listener for the harness's HTTP server. */
export function harnessRoutes(options: RouteOptions): RequestListener {
  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!isOwnHost(req.headers.host, options.port())) return refuse(res, 403, 'This server answers only to its own address.');
    const url = readTarget(req.url);
    if (!url) return refuse(res, 400, 'Bad request target.');
    if (url.pathname.startsWith('/__harness/') && !isAllowedOrigin(req.headers.origin, options.port())) {
      return refuse(res, 403, 'Requests from other origins are refused.');
    }
    if (url.pathname === '/__harness/bridge.js') {
      res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8', 'X-Content-Type-Options': 'nosniff' }).end(options.bridge);
      return;
    }
    if (await control(req, res, url.pathname, options.platform)) return;
    await serveStatic(options.rendererDir, url.pathname, res, (html) => injectBridge(html, options.token));
  };
  return (req, res) => {
    route(req, res).catch((error: unknown) => {
      if (res.headersSent) res.destroy();
      else if (error instanceof BadRequest) refuse(res, error.status, error.message);
      else refuse(res, 500, 'The harness failed to answer this request.');
    });
  };
}
