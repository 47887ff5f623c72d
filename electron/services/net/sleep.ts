import { AppError } from '../../../shared/errors';

/**
 * Waits, unless the signal fires first (then rejects with `cancelled`): every wait in the upload
 * and listing paths goes through here, so Cancel never waits out a back-off.
 */
export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new AppError('cancelled'));
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new AppError('cancelled'));
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
