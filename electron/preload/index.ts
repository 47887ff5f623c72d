import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { EVENT_CHANNELS, INVOKE_CHANNELS } from '../../shared/contract';
import { eventMethodName, methodName } from '../../shared/ipc/define';

/**
 * The bridge between the sandboxed page and main: one named method per contract channel (there is
 * no generic invoke), event subscriptions that hide the IPC event object and return their
 * unsubscribe, and the dropped-file path lookup. Nothing else is exposed.
 */
const api: Record<string, unknown> = {};

for (const channel of INVOKE_CHANNELS) {
  api[methodName(channel)] = (input?: unknown) => ipcRenderer.invoke(channel, input);
}

for (const channel of EVENT_CHANNELS) {
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
