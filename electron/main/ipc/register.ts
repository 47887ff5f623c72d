import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { INVOKE_CHANNELS } from '../../../shared/contract';
import { PLAIN_MESSAGES } from '../../../shared/errors';
import type { Result } from '../../../shared/ipc/define';
import { dispatch, type Handlers } from '../../app';
import { isTrustedSender, type AppOrigins } from '../security';

/**
 * Wires every contract channel to ipcMain.handle. Each call passes the sender check first (the
 * app's main frame at the app's URL), then dispatch() parses the input, runs the handler and
 * turns any throw into the typed error. Nothing reaches a handler from an untrusted frame.
 */
export function registerIpc(handlers: Handlers, origins: AppOrigins): void {
  for (const channel of INVOKE_CHANNELS) {
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, input: unknown): Promise<Result<unknown>> => {
      if (!isTrustedSender(event.senderFrame, origins)) {
        return { ok: false, error: { code: 'forbidden', message: PLAIN_MESSAGES.forbidden } };
      }
      return dispatch(handlers, channel, input);
    });
  }
}
