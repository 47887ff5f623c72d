import { setMaxListeners } from 'node:events';
import { performance } from 'node:perf_hooks';
import { decideRetry, type RetryOptions } from '../net/retry-policy';
import type { ByteSource, PartUploads } from '../providers/types';
import { readRange } from './file-range';
import { ParallelismProbe } from './parallelism-probe';
import { partRange, type PartSession } from './part-session';
import type { SourceFile } from './source-file';

/** What sending the missing parts of one session needs. */
export interface PoolContext {
  parts: PartUploads;
  /** The upload's open file (parts are read from its descriptor by position). */
  source: SourceFile;
  session: PartSession;
  /** Parts in flight at first, and at most. */
  parallelism: { start: number; max: number };
  retry: RetryOptions;
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  signal: AbortSignal;
  /** Bytes of this file the provider holds or that are on the wire right now (a failed part's bytes drop out). */
  onProgress(sent: number): void;
  /** Part `index` is stored as `id`. */
  onStored(index: number, id: string): void;
  /** Part `index` failed with `error` on attempt `attempt` and goes again after `delayMs`. */
  onRetry(index: number, error: unknown, attempt: number, delayMs: number): void;
  /** Part `index` has been read from disk once. */
  onRead(index: number): void;
  /** The error to throw when the file turned out to have changed under a failed part (`why` in plain words). */
  changed(why: string): Error;
}

/**
 * Sends every part the session does not hold yet, taken in file order, as many at a time as the
 * ParallelismProbe finds useful (from `parallelism.start` up to `parallelism.max`). An upload of
 * at most twice as many parts as the maximum goes at the maximum from the start: the probe would
 * need about that many parts to climb there, and a short upload loses little to a crash. Each
 * part is read from disk by range as it streams (never whole in memory) and retried on its own
 * with the upload retry rules: a broken connection, a 429 or a 5xx costs that one part, not the
 * file. A failure that is final stops the other parts and is thrown; a part that failed because
 * the file changed under it throws `changed()`.
 */
export async function sendMissingParts(ctx: PoolContext): Promise<void> {
  const { session, source } = ctx;
  const missing = session.partIds.flatMap((id, index) => (id === null ? [index] : []));
  const stop = new AbortController();
  const signal = AbortSignal.any([ctx.signal, stop.signal]);
  setMaxListeners(4 * Math.max(1, ctx.parallelism.max) + 8, signal);
  const short = missing.length <= 2 * ctx.parallelism.max;
  const probe = new ParallelismProbe(ctx.parallelism.max, session.partBytes, short ? ctx.parallelism.max : ctx.parallelism.start);
  let pump: () => void = () => undefined;
  const inFlight = new Map<number, number>();
  let stored = session.partIds.reduce((sum, id, index) => (id === null ? sum : sum + partRange(index, source.bytes, session.partBytes).length), 0);
  const report = () => {
    let sent = stored;
    for (const bytes of inFlight.values()) sent += bytes;
    ctx.onProgress(sent);
  };

  const sendOne = async (index: number): Promise<void> => {
    const { offset, length } = partRange(index, source.bytes, session.partBytes);
    const part: ByteSource = {
      bytes: length,
      async *chunks() {
        yield* readRange(source, offset, length);
        ctx.onRead(index);
      },
    };
    for (let attempt = 1; ; attempt += 1) {
      try {
        const id = await ctx.parts.sendPart(session.uploadId, index, part, {
          signal,
          onProgress: (sent) => {
            inFlight.set(index, sent);
            report();
          },
        });
        inFlight.delete(index);
        stored += length;
        report();
        ctx.onStored(index, id);
        if (probe.sample(stored, performance.now())) pump();
        return;
      } catch (error) {
        inFlight.delete(index);
        report();
        if (signal.aborted) throw error;
        const why = await source.changed();
        if (why) throw ctx.changed(why);
        const decision = decideRetry(error, attempt, ctx.retry);
        if (!decision.retry) throw error;
        ctx.onRetry(index, error, attempt, decision.delayMs);
        await ctx.sleep(decision.delayMs, signal);
      }
    }
  };

  report();
  let next = 0;
  let running = 0;
  let failure: { error: unknown } | null = null;
  await new Promise<void>((resolve) => {
    pump = () => {
      while (failure === null && next < missing.length && running < probe.target) {
        const index = missing[next] as number;
        next += 1;
        running += 1;
        sendOne(index)
          .catch((error: unknown) => {
            failure ??= { error };
            stop.abort();
          })
          .finally(() => {
            running -= 1;
            pump();
          });
      }
      if (running === 0 && (failure !== null || next >= missing.length)) resolve();
    };
    pump();
  });
  if (failure !== null) throw (failure as { error: unknown }).error;
}
