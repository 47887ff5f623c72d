import { AppError } from '../../../../shared/errors';
import type { InvokeChannel } from '../../../../shared/contract';
import type { Handlers } from './types';

/**
 * Handlers for channels whose service has not landed yet. They answer honestly with
 * `not_supported` so the UI can say the feature is not available, instead of pretending.
 */
export function notBuilt<C extends InvokeChannel>(channels: readonly C[]): Pick<Handlers, C> {
  const table = {} as Record<C, () => Promise<never>>;
  for (const channel of channels) {
    table[channel] = async () => {
      throw new AppError('not_supported', 'This part of Stowage is not available in this build yet.');
    };
  }
  return table as unknown as Pick<Handlers, C>;
}
