/**
 * What the handlers need from the desktop, as interfaces: Electron's dialog and shell in the app,
 * a scripted stand-in in the browser harness. Keeping them here (no `electron` import) lets the
 * handler table run anywhere.
 */
export interface Platform {
  /** Native open dialog; resolves to [] when the user cancels. */
  pickFiles(options: { folders: boolean }): Promise<string[]>;
  /** Native save dialog; resolves to null when the user cancels. */
  pickSavePath(options: { defaultName: string; filters: { name: string; extensions: string[] }[] }): Promise<string | null>;
  /** Opens an already-validated http(s) URL in the OS browser. */
  openExternal(url: string): Promise<void>;
}
