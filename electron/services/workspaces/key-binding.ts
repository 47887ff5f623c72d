import { AppError } from '../../../shared/errors';
import { PROVIDERS, type ProviderKind } from '../../../shared/models/providers';
import { baseUrlProblem, originOf } from '../../../shared/urls';
import type { KeyBinding } from './workspace-file';

/** The provider and origin a key would be sent to for these settings (null when the URL is not one). */
export function bindingFor(provider: ProviderKind, baseUrl: string): KeyBinding | null {
  const origin = originOf(baseUrl);
  return origin ? { provider, origin } : null;
}

/** Whether a key approved for `approved` may go to `target`: same provider, same scheme, host and port. */
export function sameBinding(approved: KeyBinding | null, target: KeyBinding | null): boolean {
  return approved !== null && target !== null && approved.provider === target.provider && approved.origin === target.origin;
}

/** "VLM Run at api.vlm.run" — how a destination is named to the operator. */
function describe(binding: KeyBinding): string {
  return `${PROVIDERS[binding.provider].label} at ${new URL(binding.origin).host}`;
}

/** The host the confirm checkbox names, as the form shows it ("Send the saved key to <host>"). */
function hostOf(binding: KeyBinding): string {
  return new URL(binding.origin).host;
}

/**
 * Test connection on a draft whose provider or address differs from where its saved key was
 * approved, with nothing typed and nothing confirmed: the key is not sent, and this says why and
 * what to do.
 */
export function keyNotApproved(approved: KeyBinding | null, target: KeyBinding): AppError {
  const was = approved ? `The saved key was approved for ${describe(approved)}, so` : 'The saved key has not been approved for this address, so';
  return new AppError(
    'key_not_approved',
    `${was} Stowage did not send it to ${describe(target)}. Type the key again, or confirm “Send the saved key to ${hostOf(target)}”, then test again.`,
  );
}

/** A saved workspace whose settings no longer match its key's approval (e.g. an edited settings file). */
export function savedKeyElsewhere(name: string, approved: KeyBinding | null, target: KeyBinding | null): AppError {
  const was = approved ? `was approved for ${describe(approved)}` : 'has not been approved for any address';
  const now = target ? ` and the workspace now points to ${describe(target)}` : '';
  return new AppError(
    'key_not_approved',
    `The key for “${name}” ${was}${now}, so Stowage did not send it. Open the workspace settings and type the key again, or confirm sending the saved key there.`,
  );
}

/** Refuses a base URL a key must not be sent to (not a web address, or plain http:// off this computer). */
export function checkBaseUrl(baseUrl: string): void {
  const problem = baseUrlProblem(baseUrl);
  if (problem) throw new AppError('invalid_input', problem);
}
