import { BrowserWindow, type Session, type WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY } from './csp';
import { handleWindowOpen, isAppUrl, mayGrantPermission, mayNavigate, type AppOrigins } from './security';

/**
 * Guards any web contents the app creates: navigation only to the app, redirects likewise, no new
 * windows (web links go to the OS browser), no <webview>.
 */
export function hardenContents(contents: WebContents, origins: AppOrigins, openExternal: (url: string) => unknown): void {
  const block = (event: { preventDefault(): void }, url: string) => {
    if (!mayNavigate(url, origins)) event.preventDefault();
  };
  contents.on('will-navigate', block);
  contents.on('will-redirect', block);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => handleWindowOpen(url, openExternal));
}

/** Denies every permission but the clipboard write, and sends the CSP header with the app's own pages. */
export function hardenSession(session: Session, origins: AppOrigins): void {
  session.setPermissionRequestHandler((contents, permission, callback, details) => {
    callback(mayGrantPermission(permission, details.requestingUrl ?? contents?.getURL() ?? '', origins));
  });
  session.setPermissionCheckHandler((contents, permission) => mayGrantPermission(permission, contents?.getURL() ?? '', origins));
  session.webRequest.onHeadersReceived((details, callback) => {
    if (!isAppUrl(details.url, origins)) return callback({});
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
}

/** Creates the one main window (isolated, sandboxed, no Node, web security on) and loads the app into it. */
export function createMainWindow(preloadPath: string, origins: AppOrigins, openExternal: (url: string) => unknown): BrowserWindow {
  // Written inline (not built by a helper) so static auditors such as electronegativity can read it.
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 560,
    show: false,
    title: 'Stowage',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
    },
  });
  hardenContents(window.webContents, origins, openExternal);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(origins.devServerUrl ?? origins.indexFileUrl);
  return window;
}
