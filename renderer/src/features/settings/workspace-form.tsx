import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { WorkspaceDraft } from '../../../../shared/contract/workspaces';
import { PROVIDER_KINDS, PROVIDERS, type ProviderKind } from '../../../../shared/models/providers';
import { DEFAULT_CONCURRENCY, type KeyStorage, type Workspace } from '../../../../shared/models/workspaces';
import { baseUrlProblem } from '../../../../shared/urls';
import { Dialog } from '../../components/dialog';
import { ErrorNotice } from '../../components/error-notice';
import { errorText } from '../../lib/errors';
import { useSaveWorkspace, useTestConnection } from '../../queries/workspaces';
import { KeyFields } from './key-fields';
import { keyTransferFor } from './key-transfer';

export interface WorkspaceFormProps {
  /** The workspace being edited, or null to add one. */
  existing: Workspace | null;
  keychainAvailable: boolean;
  onClose: () => void;
}

/**
 * Add or edit one account. The key field is write-only: it starts empty when editing, the key
 * goes to main once on Save (or Test), and the field is gone when the dialog closes. The base URL
 * is checked here before anything is sent (https://, or http:// only on this computer), and a
 * saved key is pointed at a new provider or address only when the operator ticks the confirmation.
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
  const [sendSavedKey, setSendSavedKey] = useState(false);
  const [transferRefused, setTransferRefused] = useState(false);
  const [urlChecked, setUrlChecked] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  const urlInput = useRef<HTMLInputElement>(null);
  const confirmInput = useRef<HTMLInputElement>(null);
  const outcome = useRef<HTMLDivElement>(null);
  const save = useSaveWorkspace();
  const test = useTestConnection();
  const info = PROVIDERS[provider];
  const urlProblem = baseUrlProblem(baseUrl.trim());
  const showUrlProblem = urlChecked && urlProblem !== null;
  const transfer = keyTransferFor(existing, provider, baseUrl.trim(), apiKey);

  // A test's or save's answer appears under the form: bring it into view in a tall dialog.
  useEffect(() => {
    if (test.isSuccess || test.isError || save.isError) outcome.current?.scrollIntoView({ block: 'nearest' });
  }, [test.isSuccess, test.isError, save.isError]);

  const answerTransfer = (send: boolean) => {
    setSendSavedKey(send);
    setTransferRefused(false);
  };

  const changeProvider = (next: ProviderKind) => {
    if (baseUrl === '' || baseUrl === PROVIDERS[provider].defaultBaseUrl) setBaseUrl(PROVIDERS[next].defaultBaseUrl);
    setProvider(next);
    setDefaultPurpose('');
    answerTransfer(false);
    test.reset();
  };

  const changeBaseUrl = (next: string) => {
    setBaseUrl(next);
    answerTransfer(false);
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
    ...(transfer && sendSavedKey ? { keyTransfer: 'confirm' as const } : {}),
  });

  /**
   * What must be fixed before sending, listed under the form. The URL's problem and an unanswered
   * moved key are shown next to their fields, which get the focus. Saving needs that answer; a
   * test goes to main without it, which refuses to send the saved key and says so.
   */
  const check = (purpose: 'save' | 'test'): boolean => {
    const found: string[] = [];
    if (!name.trim()) found.push('Give the workspace a name, for example “Production”.');
    if (!existing?.hasKey && !apiKey) found.push('Paste the API key from your provider’s dashboard.');
    const unanswered = purpose === 'save' && transfer !== null && !sendSavedKey;
    setUrlChecked(true);
    setProblems(found);
    setTransferRefused(unanswered);
    if (urlProblem) urlInput.current?.focus();
    else if (unanswered) confirmInput.current?.focus();
    return found.length === 0 && urlProblem === null && !unanswered;
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!check('save')) return;
    save.mutate(draft(), {
      onSuccess: () => {
        setApiKey('');
        onClose();
      },
    });
  };

  const runTest = () => {
    if (check('test')) test.mutate({ draft: draft() });
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
          <input
            id="ws-url"
            ref={urlInput}
            type="url"
            value={baseUrl}
            onChange={(e) => changeBaseUrl(e.target.value)}
            onBlur={() => setUrlChecked(true)}
            spellCheck={false}
            aria-invalid={showUrlProblem}
            aria-describedby={showUrlProblem ? 'ws-url-error ws-url-help' : 'ws-url-help'}
          />
          {showUrlProblem && (
            <p className="field-error" id="ws-url-error">
              {urlProblem}
            </p>
          )}
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

        <KeyFields
          hasSavedKey={existing?.hasKey ?? false}
          savedIn={existing?.keyStorage ?? null}
          apiKey={apiKey}
          onApiKey={setApiKey}
          keyStorage={keyStorage}
          onKeyStorage={setKeyStorage}
          keychainAvailable={keychainAvailable}
          transfer={transfer}
          sendSavedKey={sendSavedKey}
          onSendSavedKey={answerTransfer}
          transferRefused={transferRefused}
          confirmRef={confirmInput}
        />

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
            The most files that upload at the same time (1–8). Large files (8 MB and more) go at most 3 at a time. Lower it on a slow connection.
          </p>
        </div>
      </form>
      <div ref={outcome} className="form-outcome">
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
      </div>
    </Dialog>
  );
}
