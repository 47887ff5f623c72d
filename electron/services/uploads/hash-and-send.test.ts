import { describe, expect, it } from 'vitest';
import type { StoredFile } from '../../../shared/models/files';
import type { FileSource } from '../providers/types';
import { until } from '../../../test/support/queue';
import type { Lookup } from './duplicates';
import { gatedSource, hashAndSend, type HashAndSendDeps } from './hash-and-send';

/**
 * Hashing and sending at once, with a body of four pieces, a lookup the test answers by hand,
 * and a provider that reads the body as a server would. No clock: each step waits on a condition.
 */
const PIECES = 4;
const source: FileSource = {
  bytes: PIECES * 10,
  async *chunks() {
    for (let i = 0; i < PIECES; i += 1) yield new Uint8Array(10);
  },
};
const file = (id: string): StoredFile => ({ id, name: 'big.bin', bytes: 40, purpose: 'assistants', createdAt: '2026-01-01T00:00:00.000Z', expiresAt: null });
/** The duplicate check's answers: nothing stored, or these exact bytes stored for this purpose. */
const none: Lookup = { match: null, twin: null };
const found = (f: StoredFile): Lookup => ({ match: { file: f, basis: 'content' }, twin: f });

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** A provider that stores the body once every byte has arrived (`readBody: false`: answers without reading it). */
function provider(answer: StoredFile, options: { readBody?: boolean; failWith?: Error } = {}) {
  const seen = { pieces: 0, completed: false, aborted: false, removed: [] as string[], lookupAborted: false, learned: [] as Lookup[] };
  const lookup = deferred<Lookup>();
  const send = async (body: FileSource, signal: AbortSignal): Promise<StoredFile> => {
    const aborted = new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true }));
    aborted.catch(() => undefined);
    signal.addEventListener('abort', () => (seen.aborted = true), { once: true });
    if (options.failWith) throw options.failWith;
    if (options.readBody !== false) {
      const pieces = body.chunks()[Symbol.asyncIterator]();
      for (;;) {
        const next = await Promise.race([pieces.next(), aborted]);
        if (next.done) break;
        seen.pieces += 1;
      }
    }
    seen.completed = true;
    return answer;
  };
  const deps = (policy: HashAndSendDeps['policy']): HashAndSendDeps => ({
    policy,
    label: 'VLM Run',
    lookup: (signal) => {
      signal.addEventListener('abort', () => (seen.lookupAborted = true), { once: true });
      return lookup.promise;
    },
    send,
    remove: async (id) => {
      seen.removed.push(id);
    },
    learned: (id) => seen.learned.push(id),
  });
  return { seen, lookup, deps };
}

const ask = { decides: true, skip: false };
const skip = { decides: true, skip: true };
const upload = { decides: false, skip: false };

describe('gatedSource', () => {
  it('yields every piece but the last at once, and the last only when the gate opens', async () => {
    const gate = deferred<void>();
    const got: number[] = [];
    const reading = (async () => {
      for await (const piece of gatedSource(source, gate.promise).chunks()) got.push(piece.byteLength);
    })();
    await until(() => got.length >= PIECES - 1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(got).toHaveLength(PIECES - 1);
    gate.resolve();
    await reading;
    expect(got).toHaveLength(PIECES);
  });
});

describe('hashAndSend', () => {
  it('lookup says new: the last bytes go once it has answered, and the file is kept as new', async () => {
    const p = provider(file('file-new'));
    const running = hashAndSend(source, p.deps(ask), new AbortController().signal);
    await until(() => p.seen.pieces >= PIECES - 1);
    expect(p.seen.completed).toBe(false);
    p.lookup.resolve(none);
    expect(await running).toEqual({ kind: 'uploaded', file: file('file-new') });
    expect(p.seen).toMatchObject({ pieces: PIECES, completed: true, removed: [], learned: [none] });
  });

  it.each([
    ['Ask me', ask, 'duplicate'],
    ['Skip', skip, 'skipped'],
  ] as const)('already stored under "%s": the body is cut before its last bytes, nothing stored or deleted', async (_name, policy, state) => {
    const p = provider(file('file-new'));
    const running = hashAndSend(source, p.deps(policy), new AbortController().signal);
    await until(() => p.seen.pieces >= PIECES - 1);
    p.lookup.resolve(found(file('file-before')));
    expect(await running).toEqual({ kind: 'stopped', state, existing: file('file-before'), basis: 'content' });
    expect(p.seen).toMatchObject({ pieces: PIECES - 1, completed: false, aborted: true, removed: [] });
  });

  it('already stored under "Upload anyway": sent, with what the lookup found handed to the runner', async () => {
    const p = provider(file('file-before'));
    const running = hashAndSend(source, p.deps(upload), new AbortController().signal);
    p.lookup.resolve(found(file('file-before')));
    expect(await running).toEqual({ kind: 'uploaded', file: file('file-before') });
    expect(p.seen).toMatchObject({ completed: true, removed: [], learned: [found(file('file-before'))] });
  });

  it('lookup failed: the attempt fails with its error and the body never completes', async () => {
    const p = provider(file('file-new'));
    const running = hashAndSend(source, p.deps(upload), new AbortController().signal);
    await until(() => p.seen.pieces >= PIECES - 1);
    const failure = new Error('lookup answered 503');
    p.lookup.reject(failure);
    await expect(running).rejects.toBe(failure);
    expect(p.seen).toMatchObject({ pieces: PIECES - 1, completed: false, aborted: true, learned: [] });
  });

  it('the upload fails first: its error ends the attempt and the lookup is stopped', async () => {
    const failure = new Error('presigned URL refused');
    const p = provider(file('file-new'), { failWith: failure });
    await expect(hashAndSend(source, p.deps(ask), new AbortController().signal)).rejects.toBe(failure);
    expect(p.seen.lookupAborted).toBe(true);
  });

  it('a provider that stored a second copy before the lookup answered: that copy is deleted, the earlier file kept', async () => {
    const p = provider(file('file-copy'), { readBody: false });
    const running = hashAndSend(source, p.deps(ask), new AbortController().signal);
    await until(() => p.seen.completed);
    p.lookup.resolve(found(file('file-before')));
    expect(await running).toEqual({ kind: 'stopped', state: 'duplicate', existing: file('file-before'), basis: 'content' });
    expect(p.seen.removed).toEqual(['file-copy']);
  });

  it('a provider that answered with the earlier file itself (same id): nothing is deleted', async () => {
    const p = provider(file('file-before'), { readBody: false });
    const running = hashAndSend(source, p.deps(skip), new AbortController().signal);
    await until(() => p.seen.completed);
    p.lookup.resolve(found(file('file-before')));
    expect(await running).toEqual({ kind: 'stopped', state: 'skipped', existing: file('file-before'), basis: 'content' });
    expect(p.seen.removed).toEqual([]);
  });

  it('cancel stops both the upload and the lookup', async () => {
    const p = provider(file('file-new'));
    const cancel = new AbortController();
    const running = hashAndSend(source, p.deps(ask), cancel.signal);
    await until(() => p.seen.pieces >= PIECES - 1);
    cancel.abort();
    p.lookup.reject(new Error('aborted'));
    await expect(running).rejects.toBeDefined();
    expect(p.seen).toMatchObject({ aborted: true, lookupAborted: true, completed: false });
  });
});
