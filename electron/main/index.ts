import { app, BrowserWindow, session, shell } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { registerIpc } from './ipc/register';
import { appOrigins } from './security';
import { createMainWindow, hardenContents, hardenSession } from './window';
import { createElectronPlatform } from './electron-ports';
import { composeServices, createHandlers, type Composed } from '../app';
import { utilitySandbox } from './sandbox-launcher';
import { isWebUrl } from '../../shared/urls';

/**
 * The app's lifecycle and composition root: one instance, sandbox everywhere, every web contents
 * hardened, the handler table built from plain services and registered behind the sender check.
 */
let mainWindow: BrowserWindow | null = null;
let composed: Composed | null = null;

const openExternal = (url: string) => (isWebUrl(url) ? shell.openExternal(url) : undefined);

async function start(): Promise<void> {
  const origins = appOrigins(
    pathToFileURL(join(__dirname, '../renderer/index.html')).href,
    process.env.ELECTRON_RENDERER_URL,
    app.isPackaged,
  );
  hardenSession(session.defaultSession, origins);
  app.on('web-contents-created', (_event, contents) => hardenContents(contents, origins, openExternal));

  composed = await composeServices({
    appInfo: { name: app.getName(), version: app.getVersion(), platform: process.platform },
    platform: createElectronPlatform(() => mainWindow),
    dataDir: app.getPath('userData'),
    emit: (channel, payload) => mainWindow?.webContents.send(channel, payload),
    startSandbox: utilitySandbox(__dirname),
  });
  const handlers = createHandlers(composed.services);
  registerIpc(handlers, origins);

  mainWindow = createMainWindow(join(__dirname, '../preload/index.cjs'), origins, openExternal);
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
}

app.enableSandbox();
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  let disposed = false;
  app.on('will-quit', (event) => {
    if (disposed || !composed) return;
    event.preventDefault();
    disposed = true;
    void composed.dispose().finally(() => app.quit());
  });
  void app.whenReady().then(start);
}
