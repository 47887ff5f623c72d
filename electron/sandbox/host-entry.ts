/**
 * Entry of the process that runs the embedded Local sandbox: an Electron utility process in the
 * app, a forked Node child in the browser harness. The parent sends one `start` message (data
 * folder, the random key, optional faults); this answers `ready` with the URLs or `failed`, and
 * serves until the parent says `stop` or goes away. The key travels only over this channel,
 * never on a command line. A stray error is logged (class and code only) and the host keeps
 * serving: the app's default workspace must not vanish because of one bad request.
 */
import { startSandbox, type FaultConfig, type RunningSandbox } from './index';
import { keepServingOnStrayErrors } from './stray-errors';

interface StartMessage {
  type: 'start';
  dataDir: string;
  apiKey: string;
  faults?: FaultConfig;
}

type Send = (message: unknown) => void;

interface ParentPortLike {
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

let running: RunningSandbox | null = null;

keepServingOnStrayErrors('sandbox host');

async function handle(message: unknown, send: Send): Promise<void> {
  const m = message as { type?: string } | null;
  if (m?.type === 'start' && !running) {
    const start = m as StartMessage;
    try {
      running = await startSandbox({ dataDir: start.dataDir, apiKeys: [start.apiKey], faults: start.faults });
      send({ type: 'ready', urls: running.urls, adminToken: running.adminToken });
    } catch (error) {
      send({ type: 'failed', message: error instanceof Error ? error.message : 'unknown error' });
    }
  } else if (m?.type === 'stop') {
    await running?.close();
    process.exit(0);
  }
}

const parentPort = (process as unknown as { parentPort?: ParentPortLike }).parentPort;
if (parentPort) {
  parentPort.on('message', (event) => void handle(event.data, (reply) => parentPort.postMessage(reply)));
} else if (process.send) {
  process.on('message', (message) => void handle(message, (reply) => process.send?.(reply)));
  process.on('disconnect', () => void running?.close().finally(() => process.exit(0)));
}
