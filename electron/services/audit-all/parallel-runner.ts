/**
 * Runs many independent jobs at once within limits: at most `perGroup` of one group (a provider)
 * and `total` overall at the same time. A job that fails is recorded with its error and the
 * others go on; aborting `signal` stops the running ones and the waiting ones never start.
 */

/** How one job ended. */
export type Outcome = { state: 'done' } | { state: 'failed'; error: unknown } | { state: 'cancelled' };

export interface RunAllOptions<T> {
  jobs: readonly T[];
  /** The limit a job counts against (a provider: its rate limits are per provider). */
  groupOf(job: T): string;
  /** Jobs of one group at the same time. */
  perGroup: number;
  /** Jobs at the same time in all. */
  total: number;
  /** Cancel all. */
  signal: AbortSignal;
  /** Does the job; resolving marks it done, rejecting marks it failed (or cancelled when its signal was aborted). */
  run(job: T, signal: AbortSignal): Promise<void>;
  /** Told when a job starts, so its progress line can say "running". */
  onStart?(job: T, index: number): void;
  /** Told once per job as it ends, waiting jobs cancelled included. */
  onSettled?(job: T, index: number, outcome: Outcome): void;
}

/**
 * Resolves (never rejects) once every job has ended, with each job's outcome in `jobs` order.
 * Waiting jobs start in order, skipping those whose group is at its limit.
 */
export function runAll<T>(options: RunAllOptions<T>): Promise<Outcome[]> {
  const { jobs, signal } = options;
  const perGroup = Math.max(1, Math.floor(options.perGroup));
  const total = Math.max(1, Math.floor(options.total));
  const outcomes: (Outcome | undefined)[] = jobs.map(() => undefined);
  const waiting = jobs.map((_, i) => i);
  const busy = new Map<string, number>();
  let running = 0;

  return new Promise((resolve) => {
    const settle = (index: number, outcome: Outcome) => {
      outcomes[index] = outcome;
      options.onSettled?.(jobs[index] as T, index, outcome);
    };
    const finishIfDone = () => {
      if (running > 0 || waiting.length > 0) return;
      signal.removeEventListener('abort', cancelWaiting);
      resolve(outcomes as Outcome[]);
    };
    const cancelWaiting = () => {
      for (const index of waiting.splice(0)) settle(index, { state: 'cancelled' });
      finishIfDone();
    };
    const launch = () => {
      if (signal.aborted) return cancelWaiting();
      for (let at = 0; at < waiting.length && running < total; ) {
        const index = waiting[at] as number;
        const job = jobs[index] as T;
        const group = options.groupOf(job);
        if ((busy.get(group) ?? 0) >= perGroup) {
          at += 1;
          continue;
        }
        waiting.splice(at, 1);
        busy.set(group, (busy.get(group) ?? 0) + 1);
        running += 1;
        options.onStart?.(job, index);
        const own = new AbortController();
        const stop = () => own.abort(signal.reason);
        signal.addEventListener('abort', stop, { once: true });
        Promise.resolve()
          .then(() => options.run(job, own.signal))
          .then(
            () => ({ state: 'done' as const }),
            (error: unknown) => (own.signal.aborted ? { state: 'cancelled' as const } : { state: 'failed' as const, error }),
          )
          .then((outcome) => {
            signal.removeEventListener('abort', stop);
            busy.set(group, (busy.get(group) ?? 1) - 1);
            running -= 1;
            settle(index, outcome);
            launch();
          });
      }
      finishIfDone();
    };
    signal.addEventListener('abort', cancelWaiting, { once: true });
    launch();
  });
}
