import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { AppError } from '../../../shared/errors';
import type { WorkspaceDraft } from '../../../shared/contract/workspaces';
import { PROVIDERS } from '../../../shared/models/providers';
import type { Workspace } from '../../../shared/models/workspaces';
import { isWebUrl } from '../../../shared/urls';
import type { HttpClient } from '../net/client';
import { createAdapter, type ProviderAdapter } from '../providers';
import type { KeyVault } from '../secrets/key-vault';
import { LOCAL_SANDBOX_ID, type LocalSandbox } from '../local-sandbox/local-sandbox';
import type { WorkspaceFile, WorkspaceRecord } from './workspace-file';

/** A parsed draft as the handler receives it (zod defaults applied). */
export type ParsedDraft = Omit<Required<WorkspaceDraft>, 'id' | 'apiKey'> & { id?: string; apiKey?: string };

/** A workspace that is ready to talk to its provider. */
export interface Connection {
  workspace: Workspace;
  adapter: ProviderAdapter;
  /** The key, for redaction checks only; never sent anywhere but the provider's auth header. */
  secret: string;
}

const SANDBOX_NOT_STARTED = 'http://127.0.0.1 (starts when opened)';

/**
 * Workspaces (one account on one provider each): the list, the active one, keys handed to the
 * vault, the built-in Local sandbox, and a connected adapter per workspace for the other services.
 */
export class WorkspaceService {
  private readonly adapters = new Map<string, Connection>();

  constructor(
    private readonly file: WorkspaceFile,
    private readonly vault: KeyVault,
    private readonly sandbox: LocalSandbox,
    private readonly http: HttpClient,
  ) {}

  private builtIn(): Workspace {
    return {
      id: LOCAL_SANDBOX_ID,
      name: 'Local sandbox',
      provider: 'vlmrun',
      baseUrl: this.sandbox.baseUrl ?? SANDBOX_NOT_STARTED,
      projectId: null,
      folderId: null,
      defaultPurpose: PROVIDERS.vlmrun.defaultPurpose,
      concurrency: 3,
      keyStorage: null,
      hasKey: true,
      builtIn: true,
    };
  }

  private async view(record: WorkspaceRecord): Promise<Workspace> {
    const key = record.keyStorage ? await this.vault.get(record.id, record.keyStorage) : null;
    return { ...record, hasKey: key !== null, builtIn: false };
  }

  /** The active workspace id: the saved choice if it still exists, else the Local sandbox. */
  activeId(): string {
    const saved = this.file.activeId;
    return saved && (saved === LOCAL_SANDBOX_ID || this.file.find(saved)) ? saved : LOCAL_SANDBOX_ID;
  }

  async list(): Promise<{ workspaces: Workspace[]; activeId: string; keychain: 'available' | 'unavailable' }> {
    const users = await Promise.all(this.file.records.map((r) => this.view(r)));
    const keychain = (await this.vault.keychainAvailable()) ? 'available' : 'unavailable';
    return { workspaces: [this.builtIn(), ...users], activeId: this.activeId(), keychain };
  }

  async save(draft: ParsedDraft): Promise<Workspace> {
    if (draft.id === LOCAL_SANDBOX_ID) throw new AppError('invalid_input', 'The Local sandbox workspace cannot be changed. Add a new workspace instead.');
    const existing = draft.id ? this.file.find(draft.id) : undefined;
    if (draft.id && !existing) throw new AppError('not_found', 'That workspace no longer exists. Refresh the list and try again.');
    validateDraft(draft);
    const id = existing?.id ?? randomUUID();
    let keyStorage = existing?.keyStorage ?? null;
    if (draft.apiKey) keyStorage = await this.vault.save(id, draft.apiKey, draft.keyStorage);
    const record: WorkspaceRecord = {
      id,
      name: draft.name,
      provider: draft.provider,
      baseUrl: draft.baseUrl.replace(/\/+$/, ''),
      projectId: draft.projectId || null,
      folderId: draft.folderId || null,
      defaultPurpose: draft.defaultPurpose,
      concurrency: draft.concurrency,
      keyStorage,
    };
    await this.file.update((data) => {
      const index = data.workspaces.findIndex((w) => w.id === id);
      if (index >= 0) data.workspaces[index] = record;
      else data.workspaces.push(record);
      if (!existing) data.activeId = data.activeId ?? id;
    });
    this.adapters.delete(id);
    return this.view(record);
  }

  async remove(id: string): Promise<void> {
    if (id === LOCAL_SANDBOX_ID) throw new AppError('invalid_input', 'The Local sandbox workspace is built in and cannot be removed.');
    if (!this.file.find(id)) throw new AppError('not_found', 'That workspace no longer exists. Refresh the list.');
    await this.file.update((data) => {
      data.workspaces = data.workspaces.filter((w) => w.id !== id);
      if (data.activeId === id) data.activeId = data.workspaces[0]?.id ?? null;
    });
    await this.vault.remove(id);
    this.adapters.delete(id);
  }

  async activate(id: string): Promise<Workspace> {
    const workspace = await this.workspace(id);
    if (workspace.builtIn) await this.sandbox.ensure();
    await this.file.update((data) => {
      data.activeId = id;
    });
    return workspace.builtIn ? this.builtIn() : workspace;
  }

  async workspace(id: string): Promise<Workspace> {
    if (id === LOCAL_SANDBOX_ID) return this.builtIn();
    const record = this.file.find(id);
    if (!record) throw new AppError('not_found', 'That workspace no longer exists. Choose another one in the sidebar.');
    return this.view(record);
  }

  /** Uploads in flight at once for this workspace (its setting; the sandbox's default). */
  concurrencyOf(id: string): number {
    return this.file.find(id)?.concurrency ?? 3;
  }

  async provider(id: string): Promise<Workspace['provider']> {
    return (await this.workspace(id)).provider;
  }

  /** The workspace with its adapter, ready for calls; fails plainly when no key is available. */
  async connect(id: string): Promise<Connection> {
    const cached = this.adapters.get(id);
    if (cached) return cached;
    let connection: Connection;
    if (id === LOCAL_SANDBOX_ID) {
      const { baseUrl, apiKey } = await this.sandbox.ensure();
      connection = this.connection(this.builtIn(), baseUrl, apiKey);
    } else {
      const record = this.file.find(id);
      if (!record) throw new AppError('not_found', 'That workspace no longer exists. Choose another one in the sidebar.');
      const key = record.keyStorage ? await this.vault.get(id, record.keyStorage) : null;
      if (!key) {
        throw new AppError('unauthorized', `No API key is available for “${record.name}”. Open the workspace settings and enter the key again.`);
      }
      connection = this.connection({ ...record, hasKey: true, builtIn: false }, record.baseUrl, key);
    }
    this.adapters.set(id, connection);
    return connection;
  }

  private connection(workspace: Workspace, baseUrl: string, secret: string): Connection {
    const adapter = createAdapter({
      info: PROVIDERS[workspace.provider],
      baseUrl,
      apiKey: secret,
      projectId: workspace.projectId,
      folderId: workspace.folderId,
      http: this.http,
    });
    return { workspace, adapter, secret };
  }

  /** Lists one file to prove the URL, key and scope work; returns how long the round trip took. */
  async test(target: { id: string } | { draft: ParsedDraft }): Promise<{ latencyMs: number }> {
    let adapter: ProviderAdapter;
    if ('id' in target) {
      adapter = (await this.connect(target.id)).adapter;
    } else {
      const draft = target.draft;
      validateDraft(draft);
      const stored = draft.id && draft.id !== LOCAL_SANDBOX_ID ? await this.vault.get(draft.id, this.file.find(draft.id)?.keyStorage ?? null) : null;
      const key = draft.apiKey ?? stored;
      if (!key) throw new AppError('unauthorized', 'Enter the API key first, then test the connection.');
      adapter = this.connection({ ...draft, id: draft.id ?? 'draft', keyStorage: null, hasKey: true, builtIn: false }, draft.baseUrl, key).adapter;
    }
    const started = performance.now();
    await adapter.listPage({ position: adapter.info.pagination === 'offset' ? { offset: 0 } : { cursor: null }, limit: 1, purpose: null, createdOrder: 'desc', operation: 'test' });
    return { latencyMs: Math.round(performance.now() - started) };
  }
}

function validateDraft(draft: ParsedDraft): void {
  if (!isWebUrl(draft.baseUrl)) throw new AppError('invalid_input', 'The base URL must start with http:// or https://. Check it and save again.');
  const info = PROVIDERS[draft.provider];
  if (draft.defaultPurpose && !info.uploadPurposes.includes(draft.defaultPurpose)) {
    throw new AppError('invalid_input', `“${draft.defaultPurpose}” is not a purpose ${info.label} accepts. Choose one from the list.`);
  }
}
