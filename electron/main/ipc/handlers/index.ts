import { createAppHandlers, type AppServices } from './app';
import { notBuilt } from './not-built';
import type { Handlers } from './types';

/** Everything the handler table needs, passed in by the composition root (Electron or the harness). */
export type Services = AppServices;

/**
 * Builds the whole handler table from plain services. Knows nothing of Electron, so the same
 * table serves ipcMain in the app and the WebSocket host in the browser harness.
 */
export function createHandlers(services: Services): Handlers {
  return {
    ...createAppHandlers(services),
    ...notBuilt([
      'workspaces:list',
      'workspaces:save',
      'workspaces:remove',
      'workspaces:activate',
      'workspaces:test',
      'files:list',
      'files:get',
      'files:delete',
      'files:preview',
      'files:previewText',
      'uploads:preflight',
      'uploads:start',
      'uploads:list',
      'uploads:cancel',
      'uploads:retry',
      'uploads:resume',
      'uploads:decide',
      'uploads:clearFinished',
      'activity:list',
      'inventory:start',
      'inventory:cancel',
      'inventory:result',
      'inventory:export',
    ] as const),
  };
}

export type { Handlers, Emit } from './types';
export { dispatch, toErrorShape } from './dispatch';
