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

/**
 * Waits for `promise` unless the signal fires first (then rejects with `cancelled` at once), so a
 * wait on something shared or slow (a listing other uploads also use) never holds up Cancel. The
 * promise itself runs on; only this wait for it ends.
 */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new AppError('cancelled'));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new AppError('cancelled'));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
