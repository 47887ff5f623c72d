import { PROVIDERS, type ProviderKind } from '../../../../shared/models/providers';
import type { Workspace } from '../../../../shared/models/workspaces';
import { originOf } from '../../../../shared/urls';

/** A saved key that the form's settings would send somewhere it was not saved for. */
export interface KeyTransfer {
  /** Where the key was saved for, as the operator knows it: "VLM Run at api.vlm.run". */
  from: string;
  /** The new host (with port when not the default), named in the confirm checkbox. */
  toHost: string;
}

/**
 * Whether the form is about to point a saved key at another provider or origin (scheme, host,
 * port) with no new key typed. Main refuses to send the saved key there unless the operator
 * confirms, so the form asks first. Null when nothing moves or the URL cannot be read yet.
 */
export function keyTransferFor(existing: Workspace | null, provider: ProviderKind, baseUrl: string, typedKey: string): KeyTransfer | null {
  if (!existing?.hasKey || typedKey) return null;
  const from = originOf(existing.baseUrl);
  const to = originOf(baseUrl);
  if (!from || !to || (from === to && provider === existing.provider)) return null;
  return { from: `${PROVIDERS[existing.provider].label} at ${new URL(from).host}`, toHost: new URL(to).host };
}
