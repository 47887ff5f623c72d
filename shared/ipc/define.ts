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

/** `domain:verb` → `domainVerb`, the method name the preload exposes for a channel. */
export type MethodName<C extends string> = C extends `${infer D}:${infer V}` ? `${D}${Capitalize<V>}` : never;

/** `uploads:progress` → `onUploadsProgress`, the subscribe method for an event channel. */
export type EventMethodName<C extends string> = `on${Capitalize<MethodName<C>>}`;

/** Runtime twin of MethodName, so the preload and the harness bridge derive the same names. */
export function methodName(channel: string): string {
  const [domain, verb] = channel.split(':');
  if (!domain || !verb) throw new Error(`Channel "${channel}" is not domain:verb`);
  return domain + verb.charAt(0).toUpperCase() + verb.slice(1);
}

/** Runtime twin of EventMethodName. */
export function eventMethodName(channel: string): string {
  const name = methodName(channel);
  return `on${name.charAt(0).toUpperCase()}${name.slice(1)}`;
}
