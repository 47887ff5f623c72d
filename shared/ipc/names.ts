/** `domain:verb` → `domainVerb`, the method name the preload exposes for a channel. */
export type MethodName<C extends string> = C extends `${infer D}:${infer V}` ? `${D}${Capitalize<V>}` : never;

/** `uploads:progress` → `onUploadsProgress`, the subscribe method for an event channel. */
export type EventMethodName<C extends string> = `on${Capitalize<MethodName<C>>}`;

/**
 * Runtime twin of MethodName, so the preload, the harness bridge and the renderer derive the same
 * names from one rule.
 */
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
