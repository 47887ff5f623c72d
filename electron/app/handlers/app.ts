import { isAbsolute } from 'node:path';
import { AppError } from '../../../shared/errors';
import { isWebUrl } from '../../../shared/urls';
import type { PathGrants } from '../../services/uploads/path-grants';
import type { Platform } from '../ports';
import type { Handlers } from './types';

/** What the app-level handlers need: who we are, the desktop bridges, and the path grants. */
export interface AppServices {
  appInfo: { name: string; version: string; platform: string };
  platform: Platform;
  /** Paths the user chose, behind the tokens the window holds. */
  grants: PathGrants;
}

type AppHandlers = Pick<Handlers, 'app:info' | 'dialog:pickFiles' | 'drop:register' | 'shell:openExternal'>;

/**
 * App identity, the native picker, dropped files and the OS browser. A path enters main only
 * here, and only as something the user chose: what main's own open dialog returned, or a drop the
 * preload registered (the preload's own channel; the page cannot reach it). Either way the window
 * gets a grant, not the path. Links are scheme-checked before any platform code runs.
 */
export function createAppHandlers(services: AppServices): AppHandlers {
  return {
    'app:info': async () => ({ ...services.appInfo }),
    'dialog:pickFiles': async ({ folders }) => ({
      files: (await services.platform.pickFiles({ folders })).map((path) => services.grants.grant(path)),
    }),
    'drop:register': async ({ path }) => {
      if (!isAbsolute(path)) throw new AppError('invalid_input', 'A dropped item arrived without a full path. Drop it again.');
      return services.grants.grant(path);
    },
    'shell:openExternal': async ({ url }) => {
      if (!isWebUrl(url)) throw new AppError('invalid_input', 'Only web links (http or https) can be opened.');
      await services.platform.openExternal(url);
      return { opened: true as const };
    },
  };
}
