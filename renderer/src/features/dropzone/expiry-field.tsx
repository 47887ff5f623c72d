import { EXPIRY_CHOICES, expiryWords } from '../../../../shared/models/expiry';
import type { ProviderInfo } from '../../../../shared/models/providers';

export interface ExpiryFieldProps {
  provider: ProviderInfo;
  purpose: string;
  /** Seconds after upload, or null for "Never". */
  value: number | null;
  onChange: (seconds: number | null) => void;
}

/**
 * The pre-flight's "delete these files automatically after" choice, for providers that take an
 * expiry on upload (the caller checks `uploadExpiry`). Two cells of the dialog's form grid.
 * "Never" sends no expiry, so a batch file still gets the provider's own 30 days, and the help
 * says so rather than promising the file is kept.
 */
export function ExpiryField({ provider, purpose, value, onChange }: ExpiryFieldProps) {
  const help =
    value === null
      ? purpose === 'batch'
        ? `${provider.label} deletes batch files after 30 days unless you choose a shorter time here.`
        : 'The files stay until you delete them.'
      : `${provider.label} deletes each file ${expiryWords(value)} after it is stored.`;
  return (
    <>
      <label htmlFor="preflight-expiry">Delete after</label>
      <div>
        <select id="preflight-expiry" value={value === null ? 'never' : String(value)} onChange={(e) => onChange(e.target.value === 'never' ? null : Number(e.target.value))} aria-describedby="preflight-expiry-help">
          <option value="never">Never</option>
          {EXPIRY_CHOICES.map((s) => (
            <option key={s} value={String(s)}>
              {expiryWords(s)}
            </option>
          ))}
        </select>
        <p className="help" id="preflight-expiry-help">
          {help}
        </p>
      </div>
    </>
  );
}
