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
  webUtils: { getPathForFile: (file: { name: string }) => `/dropped/${file.name}` },
}));

await import('./index');
const api = exposed.api as Record<string, (...args: unknown[]) => unknown>;

describe('the preload bridge', () => {
  it('exposes exactly one named method per channel, one subscription per event and the drop helper', () => {
    const expected = [...INVOKE_CHANNELS.map(methodName), ...EVENT_CHANNELS.map(eventMethodName), 'pathForFile'].sort();
    expect(Object.keys(api).sort()).toEqual(expected);
    expect(api).not.toHaveProperty('invoke');
    expect(api).not.toHaveProperty('send');
    expect(Object.isFrozen(api)).toBe(true);
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

  it('turns a dropped File into its path with webUtils', () => {
    expect(api.pathForFile!({ name: 'a.pdf' })).toBe('/dropped/a.pdf');
  });
});
