/**
 * How the Local sandbox is restarted: a growing wait between attempts, a count of failures in a
 * row (a start that fails, a death soon after starting) that makes it give up with a plain
 * `down`, and a count that starts afresh after a run that lasted. The clock and the waits are
 * injected; the sandboxes are real, in this process, "dying" when told to.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox } from '../../sandbox';
import { LocalSandbox, type SandboxHandle } from './local-sandbox';
import { restartDelayMs, SANDBOX_WORDS, type SandboxState } from './supervision';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const undo of cleanup.splice(0).reverse()) await undo();
});

/** A sandbox owner whose starts follow `plan` ('ok' starts a real sandbox, 'fail' throws), with a manual clock. */
function supervised(plan: ('ok' | 'fail')[], maxQuickFailures: number) {
  const dataDir = mkdtempSync(join(tmpdir(), 'stowage-supervision-'));
  const deaths: (() => Promise<void>)[] = [];
  const delays: number[] = [];
  const states: SandboxState[] = [];
  const waiting: { count: number; resolve: () => void }[] = [];
  let starts = 0;
  const clock = { now: 0 };
  const local = new LocalSandbox(
    async ({ apiKey }): Promise<SandboxHandle> => {
      const step = plan[Math.min(starts, plan.length - 1)];
      starts += 1;
      if (step === 'fail') throw new Error('port in use');
      const server = await startSandbox({ apiKeys: [apiKey] });
      let exit = () => undefined as void;
      const exited = new Promise<void>((resolve) => (exit = resolve));
      const die = async () => {
        await server.close();
        exit();
      };
      deaths.push(die);
      return { urls: server.urls, adminToken: server.adminToken, exited, close: die };
    },
    dataDir,
    {
      status: ({ state }) => {
        states.push(state);
        for (const w of waiting.filter((x) => x.count === states.length)) w.resolve();
      },
    },
    { delayMs: (attempt) => (delays.push(attempt), 0), maxQuickFailures, stableAfterMs: 60_000, now: () => clock.now },
  );
  cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }), () => local.close());
  /** Resolves once `count` statuses in all have been told. */
  const told = (count: number) => (states.length >= count ? Promise.resolve() : new Promise<void>((resolve) => waiting.push({ count, resolve })));
  const crash = () => deaths[deaths.length - 1]!();
  return { local, delays, states, told, crash, clock, starts: () => starts };
}

describe('restarting the Local sandbox', () => {
  it('waits 0.5 s, then twice as long after each failure, at most 8 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map(restartDelayMs)).toEqual([500, 1000, 2000, 4000, 8000, 8000, 8000]);
  });

  it('gives up after too many failures in a row, says so, and refuses plainly from then on', async () => {
    const { local, delays, states, told, crash, starts } = supervised(['ok', 'fail'], 3);
    await local.ensure();
    await crash();
    await told(2);
    expect(states).toEqual(['restarting', 'down']);
    expect(delays).toEqual([1, 2]);
    expect(starts()).toBe(3);
    expect(local.running).toBeNull();
    await expect(local.ensure()).rejects.toMatchObject({ code: 'server_error', message: SANDBOX_WORDS.down });
  });

  it('counts deaths soon after a restart, and starts the count afresh after a run that lasted', async () => {
    const { local, delays, states, told, crash, clock } = supervised(['ok'], 3);
    const first = await local.ensure();
    await crash();
    await told(2);
    await crash();
    await told(4);
    clock.now += 60_000;
    await crash();
    await told(6);
    expect(states).toEqual(['restarting', 'restarted', 'restarting', 'restarted', 'restarting', 'restarted']);
    expect(delays).toEqual([1, 2, 1]);
    const now = await local.ensure();
    expect(now.apiKey).toBe(first.apiKey);
    expect(now.baseUrl).not.toBe(first.baseUrl);
  });

  it('tells whoever cached a connection that the sandbox is gone', async () => {
    const { local, told, crash } = supervised(['ok'], 3);
    let lost = 0;
    local.onLost(() => (lost += 1));
    await local.ensure();
    await crash();
    await told(2);
    expect(lost).toBe(1);
  });

  it('does not restart a sandbox it was asked to close', async () => {
    const { local, states, starts } = supervised(['ok'], 3);
    await local.ensure();
    await local.close();
    await new Promise((resolve) => setImmediate(resolve));
    expect(states).toEqual([]);
    expect(starts()).toBe(1);
  });
});
