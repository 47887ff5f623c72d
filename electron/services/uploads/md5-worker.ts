import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { changedError, localReadError } from './local-read';

/**
 * The hashing loop a worker runs: positional reads from a descriptor the main thread holds open
 * (descriptors belong to the process), one reused 1 MiB buffer, and a shared flag checked between reads
 * so a cancel stops it within one read. Plain CommonJS source run with `eval`, so it needs no
 * file of its own in the build and runs the same under Electron, tests and benchmarks.
 */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { readSync } = require('node:fs');
const CHUNK = 1024 * 1024;
const buffer = Buffer.allocUnsafe(CHUNK);
parentPort.on('message', ({ id, fd, bytes, stop }) => {
  const stopped = new Int32Array(stop);
  const hash = createHash('md5');
  let position = 0;
  try {
    while (position < bytes) {
      if (Atomics.load(stopped, 0) !== 0) return parentPort.postMessage({ id, outcome: 'stopped' });
      const read = readSync(fd, buffer, 0, Math.min(CHUNK, bytes - position), position);
      if (read === 0) return parentPort.postMessage({ id, outcome: 'short' });
      hash.update(buffer.subarray(0, read));
      position += read;
    }
    parentPort.postMessage({ id, outcome: 'done', md5: hash.digest('hex') });
  } catch (error) {
    parentPort.postMessage({ id, outcome: 'failed', code: error && error.code });
  }
});
`;

/** Files at least this large are hashed on a worker; below it the round trip costs more than it saves. */
export const WORKER_HASH_MIN_BYTES = 8 * 1024 * 1024;

type Reply = { id: number; outcome: 'done'; md5: string } | { id: number; outcome: 'stopped' | 'short' } | { id: number; outcome: 'failed'; code?: string };

interface Job {
  id: number;
  fd: number;
  bytes: number;
  stop: Int32Array;
  resolve(md5: string): void;
  reject(error: unknown): void;
}

/**
 * Hashes large files on worker threads, so the MD5 of a big upload (seconds of CPU per GiB) runs
 * beside the sending instead of on the main thread's event loop, where it would both slow the
 * upload and make the window's requests wait. A few workers at most (one per core, up to two),
 * started on first use; an idle one never keeps the process alive.
 */
export class Md5Workers {
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, Job>();
  private readonly waiting: Job[] = [];
  private nextId = 1;

  constructor(private readonly size = Math.max(1, Math.min(2, availableParallelism()))) {}

  /**
   * The MD5 of the first `bytes` bytes behind `fd`. Settles only once the worker has stopped
   * reading the descriptor, so the caller may close it then (and not before). An abort stops the
   * read within one chunk and rejects with the signal's reason.
   */
  hash(fd: number, bytes: number, signal?: AbortSignal): Promise<string> {
    signal?.throwIfAborted();
    return new Promise<string>((resolve, reject) => {
      const stop = new Int32Array(new SharedArrayBuffer(4));
      const job: Job = { id: this.nextId++, fd, bytes, stop, resolve, reject };
      const onAbort = () => {
        Atomics.store(stop, 0, 1);
        const at = this.waiting.indexOf(job);
        if (at >= 0) {
          this.waiting.splice(at, 1);
          reject(signal?.reason);
        }
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const settle = <T>(fn: (value: T) => void) => (value: T) => {
        signal?.removeEventListener('abort', onAbort);
        fn(value);
      };
      job.resolve = settle(resolve);
      job.reject = settle((error: unknown) => reject(Atomics.load(stop, 0) !== 0 && signal?.aborted ? signal.reason : error));
      this.waiting.push(job);
      this.next();
    });
  }

  /** Stops every worker (for shutdown); jobs still waiting are rejected. */
  async close(): Promise<void> {
    for (const job of this.waiting.splice(0)) job.reject(new Error('the hashing workers were closed'));
    const all = [...this.idle.splice(0), ...this.busy.keys()];
    await Promise.all(all.map((worker) => worker.terminate()));
  }

  private next(): void {
    while (this.waiting.length > 0) {
      const worker = this.idle.pop() ?? (this.busy.size < this.size ? this.spawn() : null);
      if (!worker) return;
      const job = this.waiting.shift() as Job;
      this.busy.set(worker, job);
      worker.ref();
      worker.postMessage({ id: job.id, fd: job.fd, bytes: job.bytes, stop: job.stop.buffer });
    }
  }

  private spawn(): Worker {
    // A loop of reads and hash updates needs little heap: a small one keeps the process's memory down.
    const worker = new Worker(WORKER_SOURCE, { eval: true, resourceLimits: { maxYoungGenerationSizeMb: 1, maxOldGenerationSizeMb: 16 } });
    worker.on('message', (reply: Reply) => this.finished(worker, reply));
    worker.on('error', (error) => this.lost(worker, error));
    worker.on('exit', () => this.lost(worker, new Error('a hashing worker stopped')));
    // Held only while it has a job (next() and finished()); set after the listeners, because
    // adding a 'message' listener refs the worker's port again.
    worker.unref();
    return worker;
  }

  private finished(worker: Worker, reply: Reply): void {
    const job = this.busy.get(worker);
    this.busy.delete(worker);
    this.idle.push(worker);
    worker.unref();
    if (job?.id === reply.id) {
      if (reply.outcome === 'done') job.resolve(reply.md5);
      else if (reply.outcome === 'short') job.reject(changedError('it became shorter while it was being read'));
      else if (reply.outcome === 'failed') job.reject(localReadError({ code: reply.code }));
      else job.reject(new Error('hashing stopped'));
    }
    this.next();
  }

  private lost(worker: Worker, error: unknown): void {
    const job = this.busy.get(worker);
    this.busy.delete(worker);
    const at = this.idle.indexOf(worker);
    if (at >= 0) this.idle.splice(at, 1);
    job?.reject(error);
    this.next();
  }
}

let shared: Md5Workers | null = null;

/** The process's hashing workers (made on first use). */
export function md5Workers(): Md5Workers {
  shared ??= new Md5Workers();
  return shared;
}
