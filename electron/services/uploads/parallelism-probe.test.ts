import { describe, expect, it } from 'vitest';
import { ParallelismProbe } from './parallelism-probe';

const PART = 32;

/** Drives the probe over a simulated link: `rateOf(n)` bytes per ms with n parts in flight. */
function run(probe: ParallelismProbe, rateOf: (n: number) => number, totalBytes: number): number[] {
  const targets: number[] = [];
  let sent = 0;
  for (let t = 0; sent < totalBytes; t += 1) {
    sent += rateOf(probe.target);
    probe.sample(sent, t);
    if (targets[targets.length - 1] !== probe.target) targets.push(probe.target);
  }
  return targets;
}

describe('ParallelismProbe', () => {
  it('climbs to the maximum where each connection is capped on its own (a long-distance link)', () => {
    expect(run(new ParallelismProbe(6, PART, 2), (n) => n, 10_000)).toEqual([2, 3, 4, 5, 6]);
  });

  it('stays at two where the server is the limit whatever the number of connections (one try at three)', () => {
    expect(run(new ParallelismProbe(6, PART, 2), () => 4, 10_000)).toEqual([2, 3, 2]);
  });

  it('stops where more connections stop paying: here the link saturates at four', () => {
    expect(run(new ParallelismProbe(6, PART, 2), (n) => Math.min(n, 4), 10_000)).toEqual([2, 3, 4, 5, 4]);
  });

  it('keeps a fixed number when it starts at the maximum', () => {
    const probe = new ParallelismProbe(4, PART, 4);
    expect(run(probe, (n) => n, 1_000)).toEqual([4]);
    expect(new ParallelismProbe(1, PART, 2).target).toBe(1);
  });
});
