/**
 * Every string and array a window may send main has a bound: a compromised or buggy renderer
 * cannot hand main a gigabyte string or a million-entry list. This walks every channel's input
 * schema (zod 4 introspection), so a channel added later without bounds fails here.
 */
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { invokeChannels } from './index';

interface Def {
  type: string;
  checks?: { _zod: { def: { check: string } } }[];
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  options?: z.ZodType[];
  in?: z.ZodType;
  out?: z.ZodType;
}

const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

function bounded(def: Def): boolean {
  return (def.checks ?? []).some((c) => c._zod.def.check === 'max_length' || c._zod.def.check === 'length_equals');
}

/** Paths (within one channel's input) of strings and arrays that have no maximum. */
function unbounded(schema: z.ZodType, path: string): string[] {
  const def = defOf(schema);
  switch (def.type) {
    case 'string':
      return bounded(def) ? [] : [path];
    case 'array':
      return [...(bounded(def) ? [] : [path]), ...unbounded(def.element!, `${path}[]`)];
    case 'object':
      return Object.entries(def.shape ?? {}).flatMap(([key, value]) => unbounded(value, `${path}.${key}`));
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'nonoptional':
    case 'catch':
      return unbounded(def.innerType!, path);
    case 'union':
      return (def.options ?? []).flatMap((option, i) => unbounded(option, `${path}|${i}`));
    case 'pipe':
      return [...unbounded(def.in!, path), ...unbounded(def.out!, path)];
    case 'boolean':
    case 'number':
    case 'literal':
    case 'enum':
    case 'undefined':
    case 'null':
      return [];
    default:
      return [`${path} (a ${def.type} the bound check does not know: teach it here)`];
  }
}

describe('the IPC contract bounds every input', () => {
  it('gives every string and array in every channel input a maximum', () => {
    const missing = Object.entries(invokeChannels).flatMap(([channel, def]) => unbounded(def.input as z.ZodType, channel));
    expect(missing).toEqual([]);
  });

  it('notices a string or array without a maximum (the walk itself can fail)', async () => {
    const { z: zod } = await import('zod');
    expect(unbounded(zod.object({ a: zod.string(), b: zod.array(zod.string().max(3)).optional() }), 'x')).toEqual(['x.a', 'x.b']);
  });
});
