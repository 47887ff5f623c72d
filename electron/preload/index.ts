import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { EVENT_CHANNEL_NAMES, INVOKE_CHANNEL_NAMES } from '../../shared/contract/channels';
import { eventMethodName, methodName } from '../../shared/ipc/names';

/**
 * The bridge between the sandboxed page and main: one named method per window channel (there is
 * no generic invoke), event subscriptions that hide the IPC event object and return their
 * unsubscribe, and the drop helper. Nothing else is exposed: in particular not `drop:register`,
 * which only the drop helper below calls, with a path it read itself. It imports channel names
 * only (no schemas: main parses every input), so the sandboxed preload stays tiny.
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

/** The disk path behind a dropped File, or '' for anything else (not a File, or no file on disk). */
function pathOf(file: File): string {
  try {
    return webUtils.getPathForFile(file);
  } catch {
    return '';
  }
}

/**
 * A dropped file or folder becomes a grant: the path comes from webUtils.getPathForFile, which
 * knows only Files the OS handed over in a real drop (page script cannot make one for a path of
 * its choosing), goes to main over the preload's own channel, and the page gets the token back.
 */
api.grantDroppedFile = async (file: File) => {
  const path = pathOf(file);
  if (!path) return { ok: true, value: null };
  return ipcRenderer.invoke('drop:register', { path });
};

contextBridge.exposeInMainWorld('api', Object.freeze(api));
