/**
 * The workspace service as the app builds it (real keychain through keytar, real files in a
 * scratch folder, the Local sandbox started in-process), for the workspace and key tests.
 * Opening the same folder again stands for restarting the app: a new vault, a new file reader.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningSandbox } from '../../electron/sandbox';
import { LocalSandbox } from '../../electron/services/local-sandbox/local-sandbox';
import type { HttpClient } from '../../electron/services/net/client';
import { KeyVault } from '../../electron/services/secrets/key-vault';
import { loadKeytar } from '../../electron/services/secrets/keytar-store';
import { WorkspaceFile } from '../../electron/services/workspaces/workspace-file';
import { WorkspaceService, type ParsedDraft } from '../../electron/services/workspaces/workspace-service';
import { startInProcess, TEST_KEY } from './services';

/** Opens workspace services on data folders it creates and removes. */
export class WorkspaceBench {
  private readonly dirs: string[] = [];

  constructor(private readonly http: HttpClient) {}

  /** Services on `dataDir` (a fresh folder when omitted), as after a (re)start of the app. */
  async open(dataDir = mkdtempSync(join(tmpdir(), 'stowage-ws-'))) {
    this.dirs.push(dataDir);
    const file = new WorkspaceFile(dataDir);
    await file.load();
    const local = new LocalSandbox(startInProcess, dataDir);
    const vault = new KeyVault(loadKeytar);
    return { dataDir, local, vault, service: new WorkspaceService(file, vault, local, this.http) };
  }

  cleanup(): void {
    for (const d of this.dirs) rmSync(d, { recursive: true, force: true });
  }
}

/** A VLM Run workspace draft on the sandbox with the test key, kept in the keychain. */
export function draftOn(sandbox: RunningSandbox, over: Partial<ParsedDraft> = {}): ParsedDraft {
  return {
    name: 'Team VLM',
    provider: 'vlmrun',
    baseUrl: sandbox.urls.vlmrun,
    projectId: null,
    folderId: null,
    defaultPurpose: 'vision',
    concurrency: 4,
    keyStorage: 'keychain',
    apiKey: TEST_KEY,
    ...over,
  };
}
