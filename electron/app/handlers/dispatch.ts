import { handledChannels, type HandledChannel } from '../../../shared/contract';
import { AppError, PLAIN_MESSAGES, toErrorShape, type AppErrorShape } from '../../../shared/errors';
import type { Result } from '../../../shared/ipc/define';
import { refusedInput } from './refused-input';
import type { Handlers } from './types';

function failure(code: AppErrorShape['code'], message?: string): Result<never> {
  return { ok: false, error: { code, message: message ?? PLAIN_MESSAGES[code] } };
}

function describeUnexpected(error: unknown): string {
  if (!(error instanceof Error)) return 'a non-Error value';
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? `${error.name} (${code})` : error.name;
}

/**
 * The transport-independent part of every IPC call: look up the channel, parse the input with
 * its schema, run the handler, check the output, and return a Result. Electron's register() and
 * the browser harness both call this, so the two differ only in transport.
 */
export async function dispatch(handlers: Handlers, channel: string, raw: unknown): Promise<Result<unknown>> {
  if (!Object.hasOwn(handledChannels, channel)) return failure('invalid_input', `Unknown request "${channel}".`);
  const name = channel as HandledChannel;
  const def = handledChannels[name];
  const parsed = def.input.safeParse(raw);
  if (!parsed.success) return failure('invalid_input', refusedInput(parsed.error.issues));
  try {
    const handler = handlers[name] as (input: unknown) => Promise<unknown>;
    const value = await handler(parsed.data);
    const checked = def.output.safeParse(value);
    if (!checked.success) {
      console.error(`[ipc] ${name} returned a value that does not match the contract`, checked.error.issues.slice(0, 3));
      return failure('internal');
    }
    return { ok: true, value: checked.data };
  } catch (error) {
    // Only the error's class and errno code are logged: messages can carry URLs, paths or keys.
    if (!(error instanceof AppError)) console.error(`[ipc] ${name} failed with ${describeUnexpected(error)}`);
    return { ok: false, error: toErrorShape(error) };
  }
}
