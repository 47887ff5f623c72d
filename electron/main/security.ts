import { isWebUrl } from '../../shared/urls';

/**
 * Where the app's own page may come from: the built index.html (file URL), and in development the
 * electron-vite dev server (never when packaged). Everything else is foreign.
 */
export interface AppOrigins {
  /** file:// URL of out/renderer/index.html. */
  indexFileUrl: string;
  /** Dev server origin (e.g. http://localhost:5173), only set when the app is not packaged. */
  devServerUrl: string | null;
}

/** Builds the trusted locations; the dev server counts only when not packaged. */
export function appOrigins(indexFileUrl: string, devServerUrl: string | undefined, isPackaged: boolean): AppOrigins {
  return { indexFileUrl, devServerUrl: !isPackaged && devServerUrl ? devServerUrl : null };
}

/** True only for the app's own page (ignoring query and hash), never for a look-alike. */
export function isAppUrl(raw: string, origins: AppOrigins): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  const index = new URL(origins.indexFileUrl);
  if (url.protocol === 'file:') return url.pathname === index.pathname && url.host === index.host;
  if (origins.devServerUrl) {
    const dev = new URL(origins.devServerUrl);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === dev.origin;
  }
  return false;
}

/** The part of Electron's WebFrameMain that the sender check reads. */
export interface SenderFrame {
  url: string;
  parent: unknown | null;
}

/**
 * Every IPC call must come from the app's main frame at the app's own URL: not from an iframe
 * (previews load untrusted content) and not from a page the window was tricked into loading.
 */
export function isTrustedSender(frame: SenderFrame | null | undefined, origins: AppOrigins): boolean {
  if (!frame) return false;
  if (frame.parent !== null) return false;
  return isAppUrl(frame.url, origins);
}

/** Navigation inside the window is allowed only to the app itself. */
export function mayNavigate(url: string, origins: AppOrigins): boolean {
  return isAppUrl(url, origins);
}

/**
 * New windows are always denied; a web link is handed to the OS browser instead, after checking
 * its scheme (a `file:` or custom-protocol link is dropped).
 */
export function handleWindowOpen(url: string, openExternal: (url: string) => unknown): { action: 'deny' } {
  if (isWebUrl(url)) void openExternal(url);
  return { action: 'deny' };
}

/** The only permission the app uses: writing text to the clipboard (Copy ID / Copy URL). */
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

/** Grants a permission only to the app's own page and only from the allow-list. */
export function mayGrantPermission(permission: string, requestingUrl: string, origins: AppOrigins): boolean {
  return ALLOWED_PERMISSIONS.has(permission) && isAppUrl(requestingUrl, origins);
}
