import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { HANDLED_CHANNELS } from '../../../shared/contract';
import { PLAIN_MESSAGES } from '../../../shared/errors';
import type { Result } from '../../../shared/ipc/define';
import { dispatch, type Handlers } from '../../app';
import { isTrustedSender, type AppOrigins } from '../security';

/**
 * Wires every contract channel to ipcMain.handle. Each call passes the sender check first (the
 * app's main frame at the app's URL), then dispatch() parses the input, runs the handler and
 * turns any throw into the typed error. Nothing reaches a handler from an untrusted frame.
 *
 * The preload's own channels (`drop:register`) pass the same check. IPC cannot tell the preload
 * from the page (same frame), so what keeps the page off them is that it has no ipcRenderer
 * (context isolation and the sandbox) and the preload exposes no method that calls them with a
 * path of the page's choosing.
 */
export function registerIpc(handlers: Handlers, origins: AppOrigins): void {
  for (const channel of HANDLED_CHANNELS) {
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, input: unknown): Promise<Result<unknown>> => {
      if (!isTrustedSender(event.senderFrame, origins)) {
        return { ok: false, error: { code: 'forbidden', message: PLAIN_MESSAGES.forbidden } };
      }
      return dispatch(handlers, channel, input);
    });
  }
}
