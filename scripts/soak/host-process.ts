/**
 * The parent's handle on one services host process: send it commands, wait for the message that
 * answers them, kill it. A host that dies while the soak waits on it fails the wait at once, so a
 * crash of the services is reported as one instead of hanging the soak.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { FromHost, HostConfig, ToHost } from './protocol';

const ENTRY = fileURLToPath(new URL('./host.ts', import.meta.url));

/** One running host. */
export class HostProcess {
  private readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  private constructor(private readonly child: ChildProcess) {
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  }

  /** Forks the host on `config` and waits until its queue is open. */
  static async start(config: HostConfig): Promise<{ host: HostProcess; opened: Extract<FromHost, { type: 'opened' }> }> {
    const child = fork(ENTRY, [JSON.stringify(config)], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const host = new HostProcess(child);
    const opened = await host.next((m): m is Extract<FromHost, { type: 'opened' }> => m.type === 'opened');
    return { host, opened };
  }

  send(message: ToHost): void {
    this.child.send(message);
  }

  /** The first message from now on that `wanted` accepts; rejects if the host exits first. */
  next<M extends FromHost>(wanted: (m: FromHost) => m is M): Promise<M> {
    return new Promise((resolve, reject) => {
      const onMessage = (raw: unknown) => {
        const message = raw as FromHost;
        if (!wanted(message)) return;
        this.child.off('message', onMessage);
        resolve(message);
      };
      this.child.on('message', onMessage);
      void this.exited.then(({ code, signal }) => {
        this.child.off('message', onMessage);
        reject(new Error(`the services host exited (code ${code}, signal ${signal}) while the soak waited on it`));
      });
    });
  }

  /** Sends `message` and waits for the answer of type `type`. */
  async ask<T extends FromHost['type']>(message: ToHost, type: T): Promise<Extract<FromHost, { type: T }>> {
    const answer = this.next((m): m is Extract<FromHost, { type: T }> => m.type === type);
    this.send(message);
    return answer;
  }

  /** Kills the host with `signal` (SIGKILL: no handler runs, nothing is saved) and waits for it to go. */
  async kill(signal: NodeJS.Signals): Promise<void> {
    this.child.kill(signal);
    await this.exited;
  }
}
