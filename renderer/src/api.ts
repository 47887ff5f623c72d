import type { EventChannel, EventPayload, Input, InvokeChannel, Output } from '../../shared/contract';
import type { PathGrant } from '../../shared/contract/grants';
import { AppError, isAppErrorShape, PLAIN_MESSAGES } from '../../shared/errors';
import { eventMethodName, methodName } from '../../shared/ipc/define';

type Loose = Record<string, (arg?: unknown) => unknown>;

/**
 * The only module that touches window.api. Calls a channel and unwraps the result: the value, or
 * an AppError carrying the typed code and the plain message for the UI to show.
 */
export async function call<C extends InvokeChannel>(channel: C, ...args: undefined extends Input<C> ? [Input<C>?] : [Input<C>]): Promise<Output<C>> {
  const method = (window.api as unknown as Loose)[methodName(channel)];
  if (!method) throw new AppError('internal', PLAIN_MESSAGES.internal);
  const result = (await method(args[0])) as { ok: boolean; value?: unknown; error?: unknown };
  if (result.ok) return result.value as Output<C>;
  if (isAppErrorShape(result.error)) throw new AppError(result.error.code, result.error.message);
  throw new AppError('internal');
}

/** Subscribes to a push event from main; returns the unsubscribe for effect cleanup. */
export function subscribe<E extends EventChannel>(channel: E, listener: (payload: EventPayload<E>) => void): () => void {
  const method = (window.api as unknown as Record<string, (l: (p: unknown) => void) => () => void>)[eventMethodName(channel)];
  if (!method) return () => undefined;
  return method(listener as (p: unknown) => void);
}

/**
 * The grant for a dropped file or folder (null where there is no file on disk behind it, e.g.
 * text dragged from a web page). The window never sees the path: only the token pre-flight takes.
 */
export async function grantDroppedFile(file: File): Promise<PathGrant | null> {
  const result = await window.api.grantDroppedFile(file);
  if (result.ok) return result.value;
  if (isAppErrorShape(result.error)) throw new AppError(result.error.code, result.error.message);
  throw new AppError('internal');
}
