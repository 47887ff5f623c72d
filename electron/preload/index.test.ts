import { describe, expect, it, vi } from 'vitest';
import { EVENT_CHANNELS, INVOKE_CHANNELS } from '../../shared/contract';
import { eventMethodName, methodName } from '../../shared/ipc/define';

const exposed: Record<string, unknown> = {};
const invoke = vi.fn(async (channel: string, input: unknown) => ({ ok: true, value: { channel, input } }));
const listeners = new Map<string, Set<(...args: unknown[]) => void>>();

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => (exposed[key] = value) },
  ipcRenderer: {
    invoke,
    on: (channel: string, listener: (...args: unknown[]) => void) => listeners.set(channel, (listeners.get(channel) ?? new Set()).add(listener)),
    removeListener: (channel: string, listener: (...args: unknown[]) => void) => listeners.get(channel)?.delete(listener),
  },
  webUtils: { getPathForFile: (file: { name: string }) => (file.name ? `/dropped/${file.name}` : '') },
}));

await import('./index');
const api = exposed.api as Record<string, (...args: unknown[]) => unknown>;

describe('the preload bridge', () => {
  it('exposes exactly one named method per channel, one subscription per event and the drop helper', () => {
    const expected = [...INVOKE_CHANNELS.map(methodName), ...EVENT_CHANNELS.map(eventMethodName), 'grantDroppedFile'].sort();
    expect(Object.keys(api).sort()).toEqual(expected);
    expect(api).not.toHaveProperty('invoke');
    expect(api).not.toHaveProperty('send');
    expect(api).not.toHaveProperty('pathForFile');
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('never hands the page the drop register channel (only the preload may grant a path)', () => {
    expect(Object.keys(api).some((name) => /register/i.test(name))).toBe(false);
  });

  it('forwards a call to its own channel only', async () => {
    await expect(api.appInfo!()).resolves.toEqual({ ok: true, value: { channel: 'app:info', input: undefined } });
    await api.filesGet!({ workspaceId: 'w', id: 'f' });
    expect(invoke).toHaveBeenLastCalledWith('files:get', { workspaceId: 'w', id: 'f' });
  });

  it('hands listeners the payload without the IPC event, and unsubscribes', () => {
    const received: unknown[] = [];
    const off = api.onUploadsSummary!((payload: unknown) => received.push(payload)) as () => void;
    for (const listener of listeners.get('uploads:summary')!) listener({ sender: 'ipc-event' }, { total: 1 });
    expect(received).toEqual([{ total: 1 }]);
    off();
    expect(listeners.get('uploads:summary')!.size).toBe(0);
  });

  it('registers a dropped File\'s path with main itself and gives the page only the grant', async () => {
    invoke.mockResolvedValueOnce({ ok: true, value: { token: 'f'.repeat(32), name: 'a.pdf' } } as never);
    await expect(api.grantDroppedFile!({ name: 'a.pdf' })).resolves.toEqual({ ok: true, value: { token: 'f'.repeat(32), name: 'a.pdf' } });
    expect(invoke).toHaveBeenLastCalledWith('drop:register', { path: '/dropped/a.pdf' });
  });

  it('asks main nothing for a dropped item with no file behind it', async () => {
    invoke.mockClear();
    await expect(api.grantDroppedFile!({ name: '' })).resolves.toEqual({ ok: true, value: null });
    expect(invoke).not.toHaveBeenCalled();
  });
});
