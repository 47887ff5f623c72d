/**
 * The app supervises the Local sandbox's process: killed with SIGKILL, it is dropped, started
 * again on a new port, the window hears `sandbox:status`, and the next files:list on the Local
 * sandbox workspace works and still sees what was stored. Calls while it is away say it is
 * restarting, never "check your internet connection".
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventChannel, EventPayload } from '../../shared/contract';
import type { Result } from '../../shared/ipc/define';
import { forkSandbox } from '../sandbox/fork-host';
import type { SandboxHandle, StartSandbox } from '../services/local-sandbox/local-sandbox';
import { composeServices, type Composed } from './compose';
import { createHandlers, dispatch, type Handlers } from './handlers';
import { bufferSource } from '../../test/support/services';

type Status = EventPayload<'sandbox:status'>;

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const undo of cleanup.splice(0).reverse()) await undo();
});

/** The app core on a fresh data folder with the sandbox started by `start`, and every sandbox:status it emitted. */
async function app(start: StartSandbox) {
  const dataDir = mkdtempSync(join(tmpdir(), 'stowage-supervise-'));
  const statuses: Status[] = [];
  const waiters: { state: Status['state']; resolve: () => void }[] = [];
  const emit = <E extends EventChannel>(channel: E, payload: EventPayload<E>) => {
    if (channel !== 'sandbox:status') return;
    const status = payload as Status;
    statuses.push(status);
    for (const w of waiters.filter((x) => x.state === status.state)) w.resolve();
  };
  const composed: Composed = await composeServices({
    appInfo: { name: 'Stowage', version: 'test', platform: process.platform },
    platform: { pickFiles: async () => [], pickSavePath: async () => null, openExternal: async () => undefined },
    dataDir,
    emit,
    startSandbox: start,
  });
  cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }), () => composed.dispose());
  const handlers: Handlers = createHandlers(composed.services);
  const statusOf = (state: Status['state']) =>
    statuses.some((s) => s.state === state) ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ state, resolve }));
  const list = () => dispatch(handlers, 'files:list', { workspaceId: 'local-sandbox', pageSize: 25, page: { kind: 'offset', index: 0 } }) as Promise<Result<{ files: { name: string }[] }>>;
  return { composed, handlers, statuses, statusOf, list, dataDir };
}

async function running(composed: Composed): Promise<SandboxHandle> {
  await composed.sandbox.ensure();
  const handle = composed.sandbox.running;
  if (!handle?.pid) throw new Error('the sandbox has no process');
  return handle;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('the Local sandbox after its process is killed', () => {
  it('is restarted, the window is told, and the next files:list works on what was stored', async () => {
    const { composed, statuses, statusOf, list } = await app(forkSandbox());
    const first = await running(composed);
    const { adapter } = await composed.services.workspaces.connect('local-sandbox');
    await adapter.upload({ file: bufferSource(Buffer.from('kept across a crash')), name: 'kept.txt', purpose: 'assistants', contentType: 'text/plain', signal: new AbortController().signal, onProgress: () => undefined });

    process.kill(first.pid!, 'SIGKILL');
    await statusOf('restarted');

    expect(statuses.map((s) => s.state)).toEqual(['restarting', 'restarted']);
    expect(statuses[1]!.message).toMatch(/^The local sandbox restarted\./);
    const second = composed.sandbox.running!;
    expect(second.pid).not.toBe(first.pid);
    expect(alive(first.pid!)).toBe(false);
    const after = await list();
    expect(after.ok ? after.value.files.map((f) => f.name) : after.error).toEqual(['kept.txt']);
    const listed = await composed.services.workspaces.list();
    expect(listed.workspaces[0]!.baseUrl).toBe(second.urls.vlmrun);
    // An adapter taken before the crash (an upload between retries holds one) reaches the new sandbox.
    const page = await adapter.listPage({ position: { offset: 0 }, limit: 10, purpose: null, createdOrder: 'desc' });
    expect(page.files.map((f) => f.name)).toEqual(['kept.txt']);
  });

  it('answers calls in the gap with words about restarting, and works once it is back', async () => {
    let gate: Promise<void> = Promise.resolve();
    let open = () => undefined as void;
    const fork = forkSandbox();
    const { composed, statusOf, list } = await app(async (options) => {
      await gate;
      return fork(options);
    });
    const first = await running(composed);
    expect((await list()).ok).toBe(true);
    gate = new Promise<void>((resolve) => (open = resolve));

    process.kill(first.pid!, 'SIGKILL');
    await statusOf('restarting');
    const during = await list();
    expect(during.ok).toBe(false);
    if (!during.ok) {
      expect(during.error.code).toBe('offline');
      expect(during.error.message).toMatch(/Local sandbox stopped unexpectedly and Stowage is starting it again/);
      expect(during.error.message).not.toMatch(/internet/);
    }

    open();
    await statusOf('restarted');
    expect((await list()).ok).toBe(true);
  });

  it('says the sandbox did not answer, not "check your internet connection", when it vanished unnoticed', async () => {
    let vanish: (() => Promise<void>) | null = null;
    const { composed, list } = await app(async (options) => {
      const handle = await forkSandbox()(options);
      vanish = handle.close;
      return { ...handle, exited: new Promise<never>(() => undefined) };
    });
    await running(composed);
    expect((await list()).ok).toBe(true);
    await vanish!();
    const result = await list();
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('offline');
      expect(result.error.message).toBe('The Local sandbox did not answer. It may have stopped and be restarting; try again in a moment.');
    }
  });
});
