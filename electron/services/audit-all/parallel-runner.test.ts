import { describe, expect, it } from 'vitest';
import { runAll, type Outcome } from './parallel-runner';

/** A job the test finishes by hand, so which jobs run at the same time is decided by the test, not by timing. */
interface Job {
  name: string;
  group: string;
  finish(): void;
  fail(error: Error): void;
  started: boolean;
  signal: AbortSignal | null;
}

function jobs(spec: [string, string][]): Job[] {
  return spec.map(([name, group]) => ({ name, group, started: false, signal: null, finish: () => undefined, fail: () => undefined }));
}

function start(list: Job[], options: { perGroup: number; total: number; controller?: AbortController; honourAbort?: boolean }) {
  const controller = options.controller ?? new AbortController();
  const running = new Set<string>();
  let mostAtOnce = 0;
  const mostPerGroup = new Map<string, number>();
  const settled: string[] = [];
  const done = runAll({
    jobs: list,
    groupOf: (j) => j.group,
    perGroup: options.perGroup,
    total: options.total,
    signal: controller.signal,
    onSettled: (j, _i, outcome) => settled.push(`${j.name}:${outcome.state}`),
    run: (job, signal) =>
      new Promise<void>((resolve, reject) => {
        job.started = true;
        job.signal = signal;
        running.add(job.name);
        mostAtOnce = Math.max(mostAtOnce, running.size);
        const inGroup = list.filter((j) => j.group === job.group && running.has(j.name)).length;
        mostPerGroup.set(job.group, Math.max(mostPerGroup.get(job.group) ?? 0, inGroup));
        const end = (fn: () => void) => {
          running.delete(job.name);
          fn();
        };
        job.finish = () => end(resolve);
        job.fail = (error) => end(() => reject(error));
        if (options.honourAbort !== false) signal.addEventListener('abort', () => end(() => reject(signal.reason)), { once: true });
      }),
  });
  return { done, controller, settled, most: () => mostAtOnce, mostPerGroup };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('runAll (the all-workspaces audit runner)', () => {
  it('keeps going when one job fails: the others finish and the failure carries its error', async () => {
    const list = jobs([
      ['a', 'vlmrun'],
      ['bad', 'openai'],
      ['c', 'llamacloud'],
    ]);
    const run = start(list, { perGroup: 2, total: 6 });
    await tick();
    expect(list.every((j) => j.started)).toBe(true);
    list[1]!.fail(new Error('The key was refused'));
    await tick();
    list[0]!.finish();
    list[2]!.finish();
    const outcomes = await run.done;
    expect(outcomes.map((o) => o.state)).toEqual(['done', 'failed', 'done']);
    expect(((outcomes[1] as Extract<Outcome, { state: 'failed' }>).error as Error).message).toBe('The key was refused');
  });

  it('starts a waiting job when a failed one frees its provider slot', async () => {
    const list = jobs([
      ['bad', 'openai'],
      ['next', 'openai'],
    ]);
    const run = start(list, { perGroup: 1, total: 6 });
    await tick();
    expect(list[1]!.started).toBe(false);
    list[0]!.fail(new Error('offline'));
    await tick();
    expect(list[1]!.started).toBe(true);
    list[1]!.finish();
    expect((await run.done).map((o) => o.state)).toEqual(['failed', 'done']);
  });

  it('never runs more than perGroup jobs of one provider, nor more than total in all', async () => {
    const list = jobs([
      ['o1', 'openai'],
      ['o2', 'openai'],
      ['o3', 'openai'],
      ['v1', 'vlmrun'],
      ['v2', 'vlmrun'],
      ['l1', 'llamacloud'],
    ]);
    const run = start(list, { perGroup: 2, total: 3 });
    // Finish whatever is running, round after round, until every job has had its turn.
    for (let round = 0; round < 10 && !list.every((j) => j.started); round += 1) {
      await tick();
      for (const j of list.filter((x) => x.started)) j.finish();
    }
    await tick();
    for (const j of list) j.finish();
    const outcomes = await run.done;
    expect(outcomes.every((o) => o.state === 'done')).toBe(true);
    expect(run.most()).toBe(3);
    expect(run.mostPerGroup.get('openai')).toBe(2);
  });

  it('cancel all: running jobs are aborted and waiting jobs never start', async () => {
    const list = jobs([
      ['a', 'openai'],
      ['b', 'openai'],
      ['c', 'vlmrun'],
    ]);
    const run = start(list, { perGroup: 1, total: 6 });
    await tick();
    expect(list.map((j) => j.started)).toEqual([true, false, true]);
    run.controller.abort();
    const outcomes = await run.done;
    expect(outcomes.map((o) => o.state)).toEqual(['cancelled', 'cancelled', 'cancelled']);
    expect(list[1]!.started).toBe(false);
    expect(list[0]!.signal?.aborted).toBe(true);
    expect(run.settled.sort()).toEqual(['a:cancelled', 'b:cancelled', 'c:cancelled']);
  });

  it('a job that finished before cancel stays done', async () => {
    const list = jobs([
      ['fast', 'vlmrun'],
      ['slow', 'openai'],
    ]);
    const run = start(list, { perGroup: 2, total: 6 });
    await tick();
    list[0]!.finish();
    await tick();
    run.controller.abort();
    expect((await run.done).map((o) => o.state)).toEqual(['done', 'cancelled']);
  });
});
