import { AppError } from '../../../shared/errors';
import { isWebUrl } from '../../../shared/urls';
import type { Platform } from '../ports';
import type { Handlers } from './types';

/** What the app-level handlers need: who we are and the desktop bridges. */
export interface AppServices {
  appInfo: { name: string; version: string; platform: string };
  platform: Platform;
}

type AppHandlers = Pick<Handlers, 'app:info' | 'dialog:pickFiles' | 'shell:openExternal'>;

/** App identity, the native picker and the OS browser, with the scheme check done here, before any platform code runs. */
export function createAppHandlers(services: AppServices): AppHandlers {
  return {
    'app:info': async () => ({ ...services.appInfo }),
    'dialog:pickFiles': async ({ folders }) => ({ paths: await services.platform.pickFiles({ folders }) }),
    'shell:openExternal': async ({ url }) => {
      if (!isWebUrl(url)) throw new AppError('invalid_input', 'Only web links (http or https) can be opened.');
      await services.platform.openExternal(url);
      return { opened: true as const };
    },
  };
}
