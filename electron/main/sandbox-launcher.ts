import { utilityProcess } from 'electron';
import { join } from 'node:path';
import { awaitReady, type HostReply } from '../services/local-sandbox/host-protocol';
import type { SandboxHandle, StartSandbox } from '../services/local-sandbox/local-sandbox';

/**
 * Starts the embedded sandbox in an Electron utility process (out/main/sandbox-host.js), so a busy
 * local server never stalls the main process. The key is posted over the process's message port.
 */
export function utilitySandbox(mainDir: string): StartSandbox {
  return async ({ dataDir, apiKey }): Promise<SandboxHandle> => {
    const child = utilityProcess.fork(join(mainDir, 'sandbox-host.js'), [], { serviceName: 'Stowage local sandbox', stdio: 'inherit' });
    const ready = awaitReady(
      (listener) => child.once('message', (m: unknown) => listener(m as HostReply)),
      (listener) => child.once('exit', listener),
    );
    child.postMessage({ type: 'start', dataDir, apiKey });
    try {
      const reply = await ready;
      return {
        urls: reply.urls,
        adminToken: reply.adminToken,
        close: () =>
          new Promise<void>((resolve) => {
            if (child.pid === undefined) return resolve();
            child.once('exit', () => resolve());
            child.postMessage({ type: 'stop' });
          }),
      };
    } catch (error) {
      child.kill();
      throw error;
    }
  };
}
