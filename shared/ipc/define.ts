import type { z } from 'zod';
import type { AppErrorShape } from '../errors';

/** One request/response channel: what the renderer may send and what it gets back. */
export interface InvokeDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly input: I;
  readonly output: O;
}

/** Declares a request/response channel; kept as a function so the literal types survive. */
export function invoke<I extends z.ZodType, O extends z.ZodType>(input: I, output: O): InvokeDef<I, O> {
  return { input, output };
}

/** Every call returns this envelope: errors are values, so nothing is lost crossing IPC. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorShape };

export { eventMethodName, methodName, type EventMethodName, type MethodName } from './names';
