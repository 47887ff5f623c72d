import type { WorkspaceService } from '../../services/workspaces/workspace-service';
import type { Handlers } from './types';

type WorkspaceHandlers = Pick<Handlers, 'workspaces:list' | 'workspaces:save' | 'workspaces:remove' | 'workspaces:activate' | 'workspaces:test'>;

/** Workspace settings and keys: the key goes in through save/test and never comes back out. */
export function createWorkspaceHandlers(workspaces: WorkspaceService): WorkspaceHandlers {
  return {
    'workspaces:list': () => workspaces.list(),
    'workspaces:save': (draft) => workspaces.save(draft),
    'workspaces:remove': async ({ id }) => {
      await workspaces.remove(id);
      return { removed: true as const };
    },
    'workspaces:activate': ({ id }) => workspaces.activate(id),
    'workspaces:test': (target) => workspaces.test(target),
  };
}
