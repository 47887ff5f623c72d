import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { AppError } from '../../../shared/errors';
import type { WorkspaceDraft } from '../../../shared/contract/workspaces';
import { PROVIDERS } from '../../../shared/models/providers';
import { DEFAULT_CONCURRENCY, type KeyStorage, type Workspace } from '../../../shared/models/workspaces';
import type { HttpClient } from '../net/client';
import { createAdapter, type ProviderAdapter } from '../providers';
import type { KeyVault } from '../secrets/key-vault';
import { LOCAL_SANDBOX_ID, type LocalSandbox } from '../local-sandbox/local-sandbox';
import { SandboxAdapter } from '../local-sandbox/sandbox-adapter';
import { bindingFor, checkBaseUrl, keyNotApproved, sameBinding, savedKeyElsewhere } from './key-binding';
import type { KeyBinding, WorkspaceFile, WorkspaceRecord } from './workspace-file';

/** A parsed draft as the handler receives it (zod defaults applied). */
export type ParsedDraft = Omit<Required<WorkspaceDraft>, 'id' | 'apiKey' | 'keyTransfer'> & { id?: string; apiKey?: string; keyTransfer?: 'confirm' };

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
 * A saved key is bound to the provider and origin it was saved for and is sent nowhere else
 * unless the operator types it again or confirms the new destination.
 */
export class WorkspaceService {
  private readonly adapters = new Map<string, Connection>();

  constructor(
    private readonly file: WorkspaceFile,
    private readonly vault: KeyVault,
    private readonly sandbox: LocalSandbox,
    private readonly http: HttpClient,
  ) {
    // A sandbox that died is gone with its port: the cached connection (its base URL) goes too.
    sandbox.onLost(() => this.adapters.delete(LOCAL_SANDBOX_ID));
  }

  private builtIn(): Workspace {
    return {
      id: LOCAL_SANDBOX_ID,
      name: 'Local sandbox',
      provider: 'vlmrun',
      baseUrl: this.sandbox.baseUrl ?? SANDBOX_NOT_STARTED,
      projectId: null,
      folderId: null,
      defaultPurpose: PROVIDERS.vlmrun.defaultPurpose,
      concurrency: DEFAULT_CONCURRENCY,
      keyStorage: null,
      hasKey: true,
      builtIn: true,
    };
  }

  /** The record as the window sees it: a key counts only where it may be sent. */
  private async view(record: WorkspaceRecord): Promise<Workspace> {
    const { keyBinding, ...settings } = record;
    const key = record.keyStorage ? await this.vault.get(record.id, record.keyStorage) : null;
    const usable = key !== null && sameBinding(keyBinding, bindingFor(record.provider, record.baseUrl));
    return { ...settings, hasKey: usable, builtIn: false };
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
    const target = validateDraft(draft);
    const id = existing?.id ?? randomUUID();
    const key = await this.placeKey(id, existing, draft, target);
    const record: WorkspaceRecord = {
      id,
      name: draft.name,
      provider: draft.provider,
      baseUrl: draft.baseUrl.replace(/\/+$/, ''),
      projectId: draft.projectId || null,
      folderId: draft.folderId || null,
      defaultPurpose: draft.defaultPurpose,
      concurrency: draft.concurrency,
      keyStorage: key.keyStorage,
      keyBinding: key.keyBinding,
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

  /**
   * Where the key stands after saving `draft`: a typed key is stored for the new destination; a
   * saved key stays only if the destination is the one it was approved for or the operator
   * confirmed the new one (and moves between keychain and session as asked); otherwise it is
   * deleted, so it can never be sent to the new address later.
   */
  private async placeKey(
    id: string,
    existing: WorkspaceRecord | undefined,
    draft: ParsedDraft,
    target: KeyBinding,
  ): Promise<{ keyStorage: KeyStorage | null; keyBinding: KeyBinding | null }> {
    if (draft.apiKey) return { keyStorage: await this.vault.save(id, draft.apiKey, draft.keyStorage), keyBinding: target };
    if (!existing) return { keyStorage: null, keyBinding: null };
    const stored = existing.keyStorage ? await this.vault.get(id, existing.keyStorage) : null;
    if (!stored || !(sameBinding(existing.keyBinding, target) || draft.keyTransfer === 'confirm')) {
      await this.vault.remove(id);
      return { keyStorage: null, keyBinding: null };
    }
    const keyStorage = draft.keyStorage === existing.keyStorage ? existing.keyStorage : await this.vault.save(id, stored, draft.keyStorage);
    return { keyStorage, keyBinding: target };
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
    return this.file.find(id)?.concurrency ?? DEFAULT_CONCURRENCY;
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
      const first = await this.sandbox.ensure();
      this.vault.known.add(first.apiKey);
      const adapter = new SandboxAdapter(this.sandbox, first, (baseUrl, apiKey) => this.connection(this.builtIn(), baseUrl, apiKey).adapter);
      connection = { workspace: this.builtIn(), adapter, secret: first.apiKey };
    } else {
      const record = this.file.find(id);
      if (!record) throw new AppError('not_found', 'That workspace no longer exists. Choose another one in the sidebar.');
      const key = record.keyStorage ? await this.vault.get(id, record.keyStorage) : null;
      if (!key) {
        throw new AppError('unauthorized', `No API key is available for “${record.name}”. Open the workspace settings and enter the key again.`);
      }
      checkBaseUrl(record.baseUrl);
      const target = bindingFor(record.provider, record.baseUrl);
      if (!sameBinding(record.keyBinding, target)) throw savedKeyElsewhere(record.name, record.keyBinding, target);
      const { keyBinding: _approved, ...settings } = record;
      connection = this.connection({ ...settings, hasKey: true, builtIn: false }, record.baseUrl, key);
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
      const key = await this.draftKey(draft, validateDraft(draft));
      if (!key) throw new AppError('unauthorized', 'Enter the API key first, then test the connection.');
      const { apiKey: _typed, keyTransfer: _confirmed, ...settings } = draft;
      adapter = this.connection({ ...settings, id: draft.id ?? 'draft', keyStorage: null, hasKey: true, builtIn: false }, draft.baseUrl, key).adapter;
    }
    const started = performance.now();
    await adapter.listPage({ position: adapter.info.pagination === 'offset' ? { offset: 0 } : { cursor: null }, limit: 1, purpose: null, createdOrder: 'desc', operation: 'test' });
    return { latencyMs: Math.round(performance.now() - started) };
  }

  /** The key to test a draft with: the typed one, else the saved one if it may go to `target`. */
  private async draftKey(draft: ParsedDraft, target: KeyBinding): Promise<string | null> {
    if (draft.apiKey) {
      this.vault.known.add(draft.apiKey);
      return draft.apiKey;
    }
    const record = draft.id && draft.id !== LOCAL_SANDBOX_ID ? this.file.find(draft.id) : undefined;
    const stored = record?.keyStorage ? await this.vault.get(record.id, record.keyStorage) : null;
    if (!record || !stored) return null;
    if (!sameBinding(record.keyBinding, target) && draft.keyTransfer !== 'confirm') throw keyNotApproved(record.keyBinding, target);
    return stored;
  }
}

/** Checks a draft's URL and purpose; returns where its key would be sent. */
function validateDraft(draft: ParsedDraft): KeyBinding {
  checkBaseUrl(draft.baseUrl);
  const info = PROVIDERS[draft.provider];
  if (draft.defaultPurpose && !info.uploadPurposes.includes(draft.defaultPurpose)) {
    throw new AppError('invalid_input', `“${draft.defaultPurpose}” is not a purpose ${info.label} accepts. Choose one from the list.`);
  }
  const target = bindingFor(draft.provider, draft.baseUrl);
  if (!target) throw new AppError('invalid_input', 'The base URL is not a web address. It should look like https://api.example.com/v1.');
  return target;
}
