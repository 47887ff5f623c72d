import { useState, type FormEvent } from 'react';
import type { WorkspaceDraft } from '../../../../shared/contract/workspaces';
import { PROVIDER_KINDS, PROVIDERS, type ProviderKind } from '../../../../shared/models/providers';
import { DEFAULT_CONCURRENCY, type KeyStorage, type Workspace } from '../../../../shared/models/workspaces';
import { isWebUrl } from '../../../../shared/urls';
import { Dialog } from '../../components/dialog';
import { ErrorNotice } from '../../components/error-notice';
import { errorText } from '../../lib/errors';
import { useSaveWorkspace, useTestConnection } from '../../queries/workspaces';

export interface WorkspaceFormProps {
  /** The workspace being edited, or null to add one. */
  existing: Workspace | null;
  keychainAvailable: boolean;
  onClose: () => void;
}

/**
 * Add or edit one account. The key field is write-only: it starts empty when editing, the key
 * goes to main once on Save (or Test), and the field is gone when the dialog closes.
 */
export function WorkspaceForm({ existing, keychainAvailable, onClose }: WorkspaceFormProps) {
  const [name, setName] = useState(existing?.name ?? '');
  const [provider, setProvider] = useState<ProviderKind>(existing?.provider ?? 'vlmrun');
  const [baseUrl, setBaseUrl] = useState(existing?.baseUrl ?? PROVIDERS.vlmrun.defaultBaseUrl);
  const [scopeId, setScopeId] = useState(existing?.projectId ?? existing?.folderId ?? '');
  const [apiKey, setApiKey] = useState('');
  const [keyStorage, setKeyStorage] = useState<KeyStorage>(existing?.keyStorage ?? (keychainAvailable ? 'keychain' : 'session'));
  const [defaultPurpose, setDefaultPurpose] = useState(existing?.defaultPurpose ?? '');
  const [concurrency, setConcurrency] = useState(existing?.concurrency ?? DEFAULT_CONCURRENCY);
  const [problems, setProblems] = useState<string[]>([]);
  const save = useSaveWorkspace();
  const test = useTestConnection();
  const info = PROVIDERS[provider];

  const changeProvider = (next: ProviderKind) => {
    if (baseUrl === '' || baseUrl === PROVIDERS[provider].defaultBaseUrl) setBaseUrl(PROVIDERS[next].defaultBaseUrl);
    setProvider(next);
    setDefaultPurpose('');
    test.reset();
  };

  const draft = (): WorkspaceDraft => ({
    ...(existing ? { id: existing.id } : {}),
    name: name.trim(),
    provider,
    baseUrl: baseUrl.trim(),
    projectId: info.scope?.field === 'projectId' && scopeId.trim() ? scopeId.trim() : null,
    folderId: info.scope?.field === 'folderId' && scopeId.trim() ? scopeId.trim() : null,
    defaultPurpose: defaultPurpose || null,
    concurrency,
    ...(apiKey ? { apiKey } : {}),
    keyStorage,
  });

  const check = (): boolean => {
    const found: string[] = [];
    if (!name.trim()) found.push('Give the workspace a name, for example “Production”.');
    if (!isWebUrl(baseUrl.trim())) found.push('The base URL must start with https:// (or http:// for a server on this computer).');
    if (!existing?.hasKey && !apiKey) found.push('Paste the API key from your provider’s dashboard.');
    setProblems(found);
    return found.length === 0;
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!check()) return;
    save.mutate(draft(), {
      onSuccess: () => {
        setApiKey('');
        onClose();
      },
    });
  };

  const runTest = () => {
    if (check()) test.mutate({ draft: draft() });
  };

  return (
    <Dialog
      title={existing ? `Edit “${existing.name}”` : 'Add a workspace'}
      onClose={onClose}
      wide
      footer={
        <>
          <button type="button" onClick={runTest} disabled={test.isPending}>
            {test.isPending ? 'Testing…' : 'Test connection'}
          </button>
          <span className="toolbar-spacer" />
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form="workspace-form" className="primary" disabled={save.isPending}>
            {save.isPending ? 'Saving…' : 'Save'}
          </button>
        </>
      }
    >
      <form id="workspace-form" className="form-grid" onSubmit={submit} noValidate>
        <label htmlFor="ws-name">Name</label>
        <input id="ws-name" value={name} onChange={(e) => setName(e.target.value)} maxLength={80} />

        <label htmlFor="ws-provider">Provider</label>
        <select id="ws-provider" value={provider} onChange={(e) => changeProvider(e.target.value as ProviderKind)}>
          {PROVIDER_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {PROVIDERS[kind].label}
            </option>
          ))}
        </select>

        <label htmlFor="ws-url">Base URL</label>
        <div>
          <input id="ws-url" type="url" value={baseUrl} onChange={(e) => setBaseUrl(e.target.value)} spellCheck={false} aria-describedby="ws-url-help" />
          <p className="help" id="ws-url-help">
            {info.label}’s address is filled in. Change it only for a proxy or a compatible server.
          </p>
        </div>

        {info.scope && (
          <>
            <label htmlFor="ws-scope">{info.scope.label}</label>
            <div>
              <input id="ws-scope" value={scopeId} onChange={(e) => setScopeId(e.target.value)} spellCheck={false} aria-describedby="ws-scope-help" />
              <p className="help" id="ws-scope-help">
                {info.scope.help}
              </p>
            </div>
          </>
        )}

        <label htmlFor="ws-key">API key</label>
        <div>
          <input
            id="ws-key"
            type="password"
            autoComplete="off"
            spellCheck={false}
            value={apiKey}
            onChange={(e) => setApiKey(e.target.value)}
            placeholder={existing?.hasKey ? 'Saved. Type a new key to replace it.' : 'Paste your key'}
            aria-describedby="ws-key-help"
          />
          <p className="help" id="ws-key-help">
            Stowage never shows a saved key again; to change it, paste a new one.
          </p>
        </div>

        <span id="ws-storage-label">Keep the key</span>
        <div>
          <div role="radiogroup" aria-labelledby="ws-storage-label" className="radio-row">
            <label className="radio">
              <input type="radio" name="ws-storage" checked={keyStorage === 'keychain'} disabled={!keychainAvailable} onChange={() => setKeyStorage('keychain')} />
              In the system keychain
            </label>
            <label className="radio">
              <input type="radio" name="ws-storage" checked={keyStorage === 'session'} onChange={() => setKeyStorage('session')} />
              This session only
            </label>
          </div>
          <p className="help">
            {keychainAvailable
              ? 'The keychain keeps the key safely for next time; “this session only” forgets it when Stowage quits.'
              : 'Your system keychain is not available, so the key is forgotten when Stowage quits.'}
          </p>
        </div>

        <label htmlFor="ws-purpose">Default purpose</label>
        <select id="ws-purpose" value={defaultPurpose} onChange={(e) => setDefaultPurpose(e.target.value)}>
          <option value="">{`${info.label}’s default (${info.defaultPurpose})`}</option>
          {info.uploadPurposes.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>

        <label htmlFor="ws-concurrency">Files at a time</label>
        <div>
          <input
            id="ws-concurrency"
            type="number"
            min={1}
            max={8}
            value={concurrency}
            onChange={(e) => setConcurrency(Math.min(8, Math.max(1, Number(e.target.value) || 1)))}
            className="narrow-input"
            aria-describedby="ws-concurrency-help"
          />
          <p className="help" id="ws-concurrency-help">
            How many files upload at the same time (1–8). Lower it on a slow connection.
          </p>
        </div>
      </form>
      {problems.length > 0 && (
        <div className="notice notice-error" role="alert">
          <ul className="plain-list">
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      )}
      {test.isSuccess && (
        <p className="notice notice-ok" role="status">
          Connected. {info.label} answered in {Math.round(test.data.latencyMs)} ms.
        </p>
      )}
      {test.isError && <ErrorNotice message={`Test failed: ${errorText(test.error)}`} />}
      {save.isError && <ErrorNotice message={errorText(save.error)} />}
    </Dialog>
  );
}
