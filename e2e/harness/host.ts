import { createServer, type IncomingMessage, type Server } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { WebSocketServer, type WebSocket } from 'ws';
import { composeServices, createHandlers, dispatch, forkSandbox, type Emit, type FaultConfig } from '../../electron/app';
import { ScriptedPlatform } from './scripted-platform';
import { serveStatic } from './static';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const rendererDir = join(root, 'out/renderer');

/** One message that crossed the bridge, kept so a test can scan all traffic (e.g. for a leaked key). */
export interface TrafficEntry {
  direction: 'in' | 'out';
  data: string;
}

export interface Harness {
  url: string;
  port: number;
  platform: ScriptedPlatform;
  traffic: TrafficEntry[];
  /** The app's data folder for this harness (workspaces, queue, activity, the sandbox's files). */
  dataDir: string;
  /** Starts the Local sandbox if needed and returns its admin surface, for tests to inject faults (never given to the page). */
  sandboxAdmin(): Promise<{ url: string; token: string }>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  port?: number;
  /** Reuse a data folder (e.g. to restart "the app" on the same state); default a fresh temp folder removed on close. */
  dataDir?: string;
  /** Faults the Local sandbox applies from its first request. */
  sandboxFaults?: FaultConfig;
}

let bridgeBundle: Promise<string> | null = null;

/** Bundles the browser bridge once per process (it is small and changes only with the contract). */
function bridgeScript(): Promise<string> {
  bridgeBundle ??= build({
    entryPoints: [join(here, 'bridge/bridge.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'chrome120',
    minify: true,
  }).then((result) => result.outputFiles[0]?.text ?? '');
  return bridgeBundle;
}

function injectBridge(html: string): string {
  return html.replace('<script type="module"', '<script src="/__harness/bridge.js"></script>\n    <script type="module"');
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null');
}

/**
 * Starts the browser harness: serves the production renderer build with the bridge script added,
 * and answers the bridge's WebSocket with the same createHandlers() table Electron registers.
 * Control routes under /__harness/ let a test script the native dialogs and read the traffic.
 */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new Error('The renderer is not built. Run `npm run build` first.');
  }
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { productName: string; version: string };
  const platform = new ScriptedPlatform();
  const traffic: TrafficEntry[] = [];
  const sockets = new Set<WebSocket>();
  const send = (socket: WebSocket, message: unknown) => {
    const data = JSON.stringify(message);
    traffic.push({ direction: 'out', data });
    socket.send(data);
  };
  const emit: Emit = (channel, payload) => {
    for (const socket of sockets) send(socket, { type: 'event', channel, payload });
  };
  const ownsDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'stowage-harness-'));
  const composed = await composeServices({
    appInfo: { name: pkg.productName, version: pkg.version, platform: process.platform },
    platform,
    dataDir,
    emit,
    startSandbox: forkSandbox({ faults: options.sandboxFaults }),
  });
  const handlers = createHandlers(composed.services);
  const bridge = await bridgeScript();

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    void (async () => {
      if (url.pathname === '/__harness/bridge.js') {
        res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8' }).end(bridge);
      } else if (url.pathname === '/__harness/dialog/pick' && req.method === 'POST') {
        platform.queuePick(((await readJson(req)) as { paths: string[] }).paths);
        res.writeHead(204).end();
      } else if (url.pathname === '/__harness/dialog/save' && req.method === 'POST') {
        platform.queueSave(((await readJson(req)) as { path: string | null }).path);
        res.writeHead(204).end();
      } else {
        await serveStatic(rendererDir, url.pathname, res, injectBridge);
      }
    })().catch(() => res.writeHead(500).end());
  });

  const wss = new WebSocketServer({ server, path: '/__harness/ws' });
  wss.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('message', (raw) => {
      const data = raw.toString();
      traffic.push({ direction: 'in', data });
      const message = JSON.parse(data) as { id: number; channel: string; input: unknown };
      void dispatch(handlers, message.channel, message.input).then((result) => send(socket, { type: 'result', id: message.id, result }));
    });
  });

  await new Promise<void>((ok) => server.listen(options.port ?? 0, '127.0.0.1', ok));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    platform,
    traffic,
    dataDir,
    async sandboxAdmin() {
      await composed.sandbox.ensure();
      const running = composed.sandbox.running;
      if (!running) throw new Error('The Local sandbox is not running.');
      return { url: running.urls.admin, token: running.adminToken };
    },
    async close() {
      for (const socket of sockets) socket.terminate();
      await new Promise<void>((ok) => wss.close(() => ok()));
      await new Promise<void>((ok) => server.close(() => ok()));
      await composed.dispose();
      if (ownsDataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
