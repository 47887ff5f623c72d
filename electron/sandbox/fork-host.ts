import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { FaultConfig } from './faults';
import { awaitReady, handleFor, type HostHandle, type HostReply } from './host-protocol';


/**
 * Starts the sandbox as a child Node process (the browser harness, tests and benchmarks), so its
 * CPU and memory are its own, like the utility process in the app. Faults may be set from the
 * first request; later ones go through the admin endpoint.
 */
export function forkSandbox(options: { faults?: FaultConfig } = {}): (start: { dataDir: string; apiKey: string }) => Promise<HostHandle> {
  return async ({ dataDir, apiKey }) => {
    const hostEntry = fileURLToPath(new URL('./host-entry.ts', import.meta.url));
    const child = fork(hostEntry, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const ready = awaitReady(
      (listener) => child.once('message', (m) => listener(m as HostReply)),
      (listener) => child.once('exit', listener),
    );
    child.send({ type: 'start', dataDir, apiKey, faults: options.faults });
    try {
      const reply = await ready;
      return handleFor(reply, {
        pid: child.pid,
        stop: () => child.send({ type: 'stop' }),
        onExit: (listener) => child.once('exit', (code) => listener(code)),
        hasExited: () => child.exitCode !== null || child.signalCode !== null,
      });
    } catch (error) {
      child.kill();
      throw error;
    }
  };
}
