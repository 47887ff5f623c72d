import type { RefObject } from 'react';
import type { KeyStorage } from '../../../../shared/models/workspaces';
import type { KeyTransfer } from './key-transfer';

export interface KeyFieldsProps {
  hasSavedKey: boolean;
  /** Where the saved key is kept now (null when none), to say what changing it will do. */
  savedIn: KeyStorage | null;
  apiKey: string;
  onApiKey: (value: string) => void;
  keyStorage: KeyStorage;
  onKeyStorage: (value: KeyStorage) => void;
  keychainAvailable: boolean;
  /** Set when the settings now point the saved key somewhere it was not saved for. */
  transfer: KeyTransfer | null;
  sendSavedKey: boolean;
  onSendSavedKey: (value: boolean) => void;
  /** Save was pressed without an answer about the moved key: say what to do next to the checkbox. */
  transferRefused: boolean;
  confirmRef: RefObject<HTMLInputElement | null>;
}

/**
 * The key part of the workspace form: the write-only key field, the explicit "send the saved key
 * to <host>" confirmation when the provider or address changed, and where the key is kept. The
 * confirmation is never ticked for the operator; unticked, main does not send the saved key there.
 */
export function KeyFields(props: KeyFieldsProps) {
  const { transfer, keychainAvailable } = props;
  let storageHelp = keychainAvailable
    ? 'The keychain keeps the key safely for next time; “this session only” forgets it when Stowage quits.'
    : 'Your system keychain is not available, so the key is forgotten when Stowage quits.';
  if (props.hasSavedKey && props.savedIn === 'keychain' && props.keyStorage === 'session') {
    storageHelp = 'Saving removes the key from the system keychain; Stowage keeps it in memory until it quits.';
  }
  let placeholder = 'Paste your key';
  if (transfer) placeholder = `Type the key for ${transfer.toHost}`;
  else if (props.hasSavedKey) placeholder = 'Saved. Type a new key to replace it.';

  return (
    <>
      <label htmlFor="ws-key">API key</label>
      <div>
        <input
          id="ws-key"
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={props.apiKey}
          onChange={(e) => props.onApiKey(e.target.value)}
          placeholder={placeholder}
          aria-describedby={transfer ? 'ws-key-help ws-transfer-note' : 'ws-key-help'}
        />
        <p className="help" id="ws-key-help">
          Stowage never shows a saved key again; to change it, paste a new one.
        </p>
        {transfer && (
          <div className="key-transfer" role="group" aria-labelledby="ws-transfer-note">
            <p id="ws-transfer-note">
              The saved key was approved for {transfer.from}. Stowage will not send it to {transfer.toHost} unless you type it again above or tick
              the box below.
            </p>
            <label className="radio">
              <input
                ref={props.confirmRef}
                type="checkbox"
                checked={props.sendSavedKey}
                onChange={(e) => props.onSendSavedKey(e.target.checked)}
                aria-describedby={props.transferRefused ? 'ws-transfer-error' : undefined}
              />
              Send the saved key to {transfer.toHost}?
            </label>
            {props.transferRefused && (
              <p className="field-error" id="ws-transfer-error">
                Type the API key for {transfer.toHost}, or tick “Send the saved key to {transfer.toHost}?” to save.
              </p>
            )}
          </div>
        )}
      </div>

      <span id="ws-storage-label">Keep the key</span>
      <div>
        <div role="radiogroup" aria-labelledby="ws-storage-label" className="radio-row">
          <label className="radio">
            <input type="radio" name="ws-storage" checked={props.keyStorage === 'keychain'} disabled={!keychainAvailable} onChange={() => props.onKeyStorage('keychain')} />
            In the system keychain
          </label>
          <label className="radio">
            <input type="radio" name="ws-storage" checked={props.keyStorage === 'session'} onChange={() => props.onKeyStorage('session')} />
            This session only
          </label>
        </div>
        <p className="help">{storageHelp}</p>
      </div>
    </>
  );
}
