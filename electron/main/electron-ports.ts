import { dialog, shell, type BrowserWindow } from 'electron';
import { isWebUrl } from '../../shared/urls';
import type { Platform } from '../app';

/** The desktop bridges backed by Electron's dialog and shell, parented to the main window. */
export function createElectronPlatform(getWindow: () => BrowserWindow | null): Platform {
  return {
    async pickFiles({ folders }) {
      const window = getWindow();
      const options: Electron.OpenDialogOptions = {
        title: folders ? 'Add folders to upload' : 'Add files to upload',
        properties: folders ? ['openDirectory', 'multiSelections'] : ['openFile', 'multiSelections'],
      };
      const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
      return result.canceled ? [] : result.filePaths;
    },
    async pickSavePath({ defaultName, filters }) {
      const window = getWindow();
      const options: Electron.SaveDialogOptions = { defaultPath: defaultName, filters };
      const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
    async openExternal(url) {
      if (!isWebUrl(url)) throw new Error('refused: not a web URL');
      await shell.openExternal(url);
    },
  };
}
