import { utilityProcess } from 'electron';
import { join } from 'node:path';
import { awaitReady, handleFor, type HostReply } from '../sandbox/host-protocol';
import type { StartSandbox } from '../app';

/**
 * Starts the embedded sandbox in an Electron utility process (out/main/sandbox-host.js), so a busy
 * local server never stalls the main process. The key is posted over the process's message port.
 */
export function utilitySandbox(mainDir: string): StartSandbox {
  return async ({ dataDir, apiKey }) => {
    const child = utilityProcess.fork(join(mainDir, 'sandbox-host.js'), [], { serviceName: 'Stowage local sandbox', stdio: 'inherit' });
    const ready = awaitReady(
      (listener) => child.once('message', (m: unknown) => listener(m as HostReply)),
      (listener) => child.once('exit', listener),
    );
    child.postMessage({ type: 'start', dataDir, apiKey });
    try {
      const reply = await ready;
      return handleFor(reply, {
        pid: child.pid,
        stop: () => child.postMessage({ type: 'stop' }),
        onExit: (listener) => child.once('exit', (code: number) => listener(code)),
        hasExited: () => child.pid === undefined,
      });
    } catch (error) {
      child.kill();
      throw error;
    }
  };
}
