import { createHash } from 'node:crypto';
import { readRange } from './file-range';
import { partCount, partRange } from './part-session';
import { READ_CHUNK, type SourceFile } from './source-file';

/**
 * Tells the hash which parts the senders have read from disk. A part's hash waits until its
 * sender has read it once, so the hash's read of it comes from the page cache the sender just
 * filled rather than from the disk a second time. Parts stored in an earlier session are open
 * from the start (nobody sends them again).
 */
export class ReadGate {
  private readonly opened: boolean[];
  private readonly waiters = new Map<number, () => void>();

  constructor(initiallyOpen: readonly boolean[]) {
    this.opened = [...initiallyOpen];
  }

  open(index: number): void {
    this.opened[index] = true;
    this.waiters.get(index)?.();
    this.waiters.delete(index);
  }

  /** Resolves once part `index` has been read; rejects when `signal` fires first. */
  wait(index: number, signal: AbortSignal): Promise<void> {
    if (this.opened[index]) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const onAbort = () => reject(signal.reason);
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiters.set(index, () => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      });
    });
  }
}

/**
 * The MD5 of the whole file, taken in file order while its parts are sent in parallel and in any
 * order: one ordered pass that follows the senders part by part (see ReadGate), never a full read
 * before sending. On a resumed upload the parts stored earlier are read here only (no network),
 * since the hash of what came before cannot be kept across a restart.
 */
export async function orderedMd5(source: SourceFile, partBytes: number, gate: ReadGate, signal: AbortSignal): Promise<string> {
  const hash = createHash('md5');
  const scratch = Buffer.allocUnsafe(READ_CHUNK);
  const count = partCount(source.bytes, partBytes);
  for (let index = 0; index < count; index += 1) {
    await gate.wait(index, signal);
    const { offset, length } = partRange(index, source.bytes, partBytes);
    for await (const chunk of readRange(source, offset, length, scratch)) {
      signal.throwIfAborted();
      hash.update(chunk);
    }
  }
  return hash.digest('hex');
}
