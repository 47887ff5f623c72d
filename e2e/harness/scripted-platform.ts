import type { Platform } from '../../electron/app';

/**
 * The harness's stand-in for Electron's dialogs and shell: a test queues what the next dialog
 * "returns" and reads back which links were opened. No product logic lives here.
 */
export class ScriptedPlatform implements Platform {
  readonly opened: string[] = [];
  private pickQueue: string[][] = [];
  private saveQueue: (string | null)[] = [];

  queuePick(paths: string[]): void {
    this.pickQueue.push(paths);
  }

  queueSave(path: string | null): void {
    this.saveQueue.push(path);
  }

  async pickFiles(): Promise<string[]> {
    return this.pickQueue.shift() ?? [];
  }

  async pickSavePath(): Promise<string | null> {
    return this.saveQueue.length > 0 ? (this.saveQueue.shift() ?? null) : null;
  }

  async openExternal(url: string): Promise<void> {
    this.opened.push(url);
  }
}
