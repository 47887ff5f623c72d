import { createServer, type Server } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { WebSocket } from 'ws';
import { composeServices, createHandlers, dispatch, forkSandbox, type Emit, type FaultConfig } from '../../electron/app';
import { newHarnessToken } from './access';
import { attachBridgeSocket } from './bridge-socket';
import { harnessRoutes } from './routes';
import { ScriptedPlatform } from './scripted-platform';

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
  /** This run's WebSocket token, as injected into the page (a test's own client needs it). */
  token: string;
  port: number;
  platform: ScriptedPlatform;
  traffic: TrafficEntry[];
  /** The app's data folder for this harness (workspaces, queue, activity, the sandbox's files). */
  dataDir: string;
  /** Starts the Local sandbox if needed and returns its admin surface, for tests to inject faults (never given to the page). */
  sandboxAdmin(): Promise<{ url: string; token: string }>;
  /** Starts the Local sandbox if needed and returns its process id, for tests that kill it (never given to the page). */
  sandboxPid(): Promise<number>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  port?: number;
  /** Reuse a data folder (e.g. to restart "the app" on the same state); default a fresh temp folder removed on close. */
  dataDir?: string;
  /** Faults the Local sandbox applies from its first request. */
  sandboxFaults?: FaultConfig;
  /** Serve this folder instead of the renderer build (the host's own tests use a one-page stand-in). */
  rendererDir?: string;
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

/**
 * Starts the browser harness: serves the production renderer build with the bridge script added,
 * and answers the bridge's WebSocket with the same createHandlers() table Electron registers.
 * Control routes under /__harness/ let a test script the native dialogs and read the traffic.
 * Only this server's own pages get in (routes.ts, bridge-socket.ts): a page from any other site
 * is refused, and the WebSocket needs the token injected into the page served here.
 */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const served = options.rendererDir ?? rendererDir;
  if (!existsSync(join(served, 'index.html'))) {
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

  const token = newHarnessToken();
  let port = 0;
  const server: Server = createServer(harnessRoutes({ rendererDir: served, bridge, token, platform, port: () => port }));
  const wss = attachBridgeSocket(server, {
    token,
    port: () => port,
    sockets,
    record: (data) => traffic.push({ direction: 'in', data }),
    send,
    invoke: (channel, input) => dispatch(handlers, channel, input),
  });

  await new Promise<void>((ok) => server.listen(options.port ?? 0, '127.0.0.1', ok));
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    token,
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
    async sandboxPid() {
      await composed.sandbox.ensure();
      const pid = composed.sandbox.running?.pid;
      if (pid === undefined) throw new Error('The Local sandbox has no process of its own.');
      return pid;
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
