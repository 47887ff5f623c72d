import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { EVENT_CHANNEL_NAMES, INVOKE_CHANNEL_NAMES } from '../../shared/contract/channels';
import { eventMethodName, methodName } from '../../shared/ipc/names';

/**
 * The bridge between the sandboxed page and main: one named method per contract channel (there is
 * no generic invoke), event subscriptions that hide the IPC event object and return their
 * unsubscribe, and the dropped-file path lookup. Nothing else is exposed. It imports channel
 * names only (no schemas: main parses every input), so the sandboxed preload stays tiny.
 */
const api: Record<string, unknown> = {};

for (const channel of INVOKE_CHANNEL_NAMES) {
  api[methodName(channel)] = (input?: unknown) => ipcRenderer.invoke(channel, input);
}

for (const channel of EVENT_CHANNEL_NAMES) {
  api[eventMethodName(channel)] = (listener: (payload: unknown) => void) => {
    const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(channel, forward);
    return () => {
      ipcRenderer.removeListener(channel, forward);
    };
  };
}

api.pathForFile = (file: File) => webUtils.getPathForFile(file);

contextBridge.exposeInMainWorld('api', Object.freeze(api));
