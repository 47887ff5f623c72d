import { mkdir } from 'node:fs/promises';
import type { Emit, Services } from '../main/ipc/handlers';
import type { Platform } from '../platform/types';
import { ActivityLog } from './activity/activity-log';
import { FilesService } from './files/files-service';
import { PreviewServer } from './files/preview-server';
import { HttpClient } from './http/client';
import { InventoryService } from './inventory/inventory-service';
import { LOCAL_SANDBOX_ID, LocalSandbox, type StartSandbox } from './local-sandbox/local-sandbox';
import { loadKeytar, type KeytarLike } from './secrets/keytar-store';
import { KeyVault } from './secrets/key-vault';
import { WorkspaceFile } from './settings/workspace-file';
import { WorkspaceService } from './settings/workspaces';
import { UploadQueue } from './uploads/queue';
import { QueueStore } from './uploads/queue-store';
import type { RetryOptions } from './uploads/retry-policy';

/** What differs between the app and the harness; everything else is decided here. */
export interface ComposeOptions {
  appInfo: Services['appInfo'];
  platform: Platform;
  /** The app's data folder: workspaces, queue, activity log, the local sandbox's files. */
  dataDir: string;
  emit: Emit;
  startSandbox: StartSandbox;
  /** The keychain module; tests pass a failing one to prove the session-only fallback. */
  loadKeytar?: () => Promise<KeytarLike>;
  /** Upload retry timing; tests shorten the waits. */
  retry?: RetryOptions;
}

/** The built services plus what their owner needs to shut them down. */
export interface Composed {
  services: Services;
  /** The embedded sandbox (tests and the harness read its admin URL from here). */
  sandbox: LocalSandbox;
  /** Saves the queue, stops uploads, closes servers and connections. */
  dispose(): Promise<void>;
}

/**
 * The one composition root for the main-process services, shared by Electron and the browser
 * harness so neither holds product logic: what differs between them (dialogs, how the sandbox
 * process is started, where data lives, how events travel) comes in as arguments.
 */
export async function composeServices(options: ComposeOptions): Promise<Composed> {
  await mkdir(options.dataDir, { recursive: true });
  const http = new HttpClient();
  const vault = new KeyVault(options.loadKeytar ?? loadKeytar);
  const sandbox = new LocalSandbox(options.startSandbox, options.dataDir);
  const file = new WorkspaceFile(options.dataDir);
  await file.load();
  const workspaces = new WorkspaceService(file, vault, sandbox, http);
  const connect = (id: string) => workspaces.connect(id);
  const activity = new ActivityLog(options.dataDir);
  await activity.load();
  const previews = new PreviewServer(connect);
  const files = new FilesService(connect, previews, activity);
  const uploads = await UploadQueue.open({
    workspaces,
    emit: options.emit,
    activity,
    store: new QueueStore(options.dataDir),
    retry: options.retry,
    onStored: (id) => files.changed(id),
  });
  const inventory = new InventoryService(connect, options.emit, options.platform);

  if (workspaces.activeId() === LOCAL_SANDBOX_ID) void sandbox.ensure().catch(() => undefined);

  return {
    services: { appInfo: options.appInfo, platform: options.platform, workspaces, files, uploads, inventory, activity },
    sandbox,
    async dispose() {
      inventory.dispose();
      await uploads.close();
      await previews.close();
      await sandbox.close();
      await http.close();
    },
  };
}
