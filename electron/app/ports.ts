import type { SavePathChooser } from '../services/inventory/ports';

/**
 * What the application core needs from the desktop, as interfaces: Electron's dialogs and shell
 * in the app (electron/main/electron-ports.ts), a scripted stand-in in the browser harness.
 * Keeping them here, free of Electron, lets the handler table run anywhere.
 */
export interface Platform extends SavePathChooser {
  /** Native open dialog; resolves to [] when the user cancels. */
  pickFiles(options: { folders: boolean }): Promise<string[]>;
  /** Opens an already-validated http(s) URL in the OS browser. */
  openExternal(url: string): Promise<void>;
}
