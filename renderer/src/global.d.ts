import type { StowageApi } from '../../shared/contract';

declare global {
  interface Window {
    /** Set by the preload (Electron) or the harness bridge (browser); read only through api.ts. */
    api: StowageApi;
  }
}
