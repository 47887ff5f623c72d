import { chmod, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { eventSinks, type Emit } from './events';
import type { Services } from './handlers';
import type { Platform } from './ports';
import { ActivityLog } from '../services/activity/activity-log';
import { AllAuditService } from '../services/audit-all/all-audit-service';
import { Catalogue } from '../services/catalogue';
import { FilesService } from '../services/files/files-service';
import { HistoryService } from '../services/history/history-service';
import { PreviewServer } from '../services/files/preview-server';
import { ReportService } from '../services/report/report-service';
import { HttpClient } from '../services/net/client';
import { InventoryService } from '../services/inventory/inventory-service';
import { WorkspaceListings, type ListingsOptions } from '../services/listings/workspace-listings';
import { LOCAL_SANDBOX_ID, LocalSandbox, type StartSandbox, type SupervisionOptions } from '../services/local-sandbox/local-sandbox';
import { loadKeytar, type KeytarLike } from '../services/secrets/keytar-store';
import { KeyVault } from '../services/secrets/key-vault';
import { KnownSecrets } from '../services/secrets/redact';
import { WorkspaceFile } from '../services/workspaces/workspace-file';
import { WorkspaceService } from '../services/workspaces/workspace-service';
import { PathGrants } from '../services/uploads/path-grants';
import { UploadQueue } from '../services/uploads/queue';
import { QueueStore } from '../services/uploads/queue-store';
import { JsonContentRecords } from '../services/uploads/content-records';
import { cataloguedRecords } from '../services/uploads/catalogued-records';
import type { RetryOptions } from '../services/net/retry-policy';

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
  /** How the Local sandbox is restarted after its process dies; tests shorten the waits. */
  sandboxSupervision?: SupervisionOptions;
  /** Listing freshness and retention; tests shorten or shrink them. */
  listings?: ListingsOptions;
}

/** The built services plus what their owner needs to shut them down. */
export interface Composed {
  services: Services;
  /** The embedded sandbox (tests and the harness read its admin URL from here). */
  sandbox: LocalSandbox;
  /** The one owner of workspaces' listings (tests look into its catalogue). */
  listings: WorkspaceListings;
  /** Saves the queue, stops uploads, closes servers and connections. */
  dispose(): Promise<void>;
}

/**
 * The one composition root for the main-process services, shared by Electron and the browser
 * harness so neither holds product logic: what differs between them (dialogs, how the sandbox
 * process is started, where data lives, how events travel) comes in as arguments.
 */
export async function composeServices(options: ComposeOptions): Promise<Composed> {
  // Owner-only: it holds file names, local paths and the Local sandbox's stored bytes.
  await mkdir(options.dataDir, { recursive: true, mode: 0o700 });
  await chmod(options.dataDir, 0o700);
  const http = new HttpClient();
  const secrets = new KnownSecrets();
  const vault = new KeyVault(options.loadKeytar ?? loadKeytar, secrets);
  const sinks = eventSinks(options.emit);
  const sandbox = new LocalSandbox(options.startSandbox, options.dataDir, sinks.sandbox, options.sandboxSupervision);
  const listings = new WorkspaceListings(await Catalogue.open(join(options.dataDir, 'catalogue.sqlite')), options.listings);
  const file = new WorkspaceFile(options.dataDir);
  await file.load();
  const workspaces = new WorkspaceService(file, vault, sandbox, http, (id) => listings.markStale(id));
  const connect = (id: string) => workspaces.connect(id);
  const activity = new ActivityLog(options.dataDir, secrets);
  await activity.load();
  const previews = new PreviewServer(connect);
  const files = new FilesService(connect, previews, activity, sinks.files, listings);
  const records = new JsonContentRecords(options.dataDir);
  await records.load();
  const uploads = await UploadQueue.open({
    workspaces,
    listings,
    events: sinks.uploads,
    activity,
    store: new QueueStore(options.dataDir),
    records: cataloguedRecords(records, listings.catalogue),
    retry: options.retry,
    onStored: (id) => files.changed(id),
  });
  const inventory = new InventoryService(connect, sinks.inventory, options.platform, listings);
  const auditAll = new AllAuditService(workspaces, listings, sinks.auditAll, options.platform);
  const reports = new ReportService(
    {
      catalogue: listings.catalogue,
      inventoryResult: (runId) => inventory.result(runId),
      allResult: (runId) => auditAll.result(runId),
      workspace: (id) => workspaces.workspace(id),
    },
    options.platform,
  );
  const history = new HistoryService(listings, listings.auditsKept);

  if (workspaces.activeId() === LOCAL_SANDBOX_ID) void sandbox.ensure().catch(() => undefined);

  return {
    services: { appInfo: options.appInfo, platform: options.platform, grants: new PathGrants(), workspaces, files, uploads, inventory, auditAll, reports, history, activity, secrets },
    sandbox,
    listings,
    async dispose() {
      inventory.dispose();
      auditAll.dispose();
      await uploads.close();
      listings.catalogue.close();
      await previews.close();
      await sandbox.close();
      await http.close();
    },
  };
}
