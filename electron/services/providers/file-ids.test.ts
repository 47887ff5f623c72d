/**
 * A file id becomes one segment of a request path. An id that is not a segment (`.`, `..`, a
 * slash) would address something else, like `DELETE /files/` (the collection), so every adapter
 * refuses it before sending anything; any other id is percent-encoded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProviderKind } from '../../../shared/models/providers';
import type { RunningSandbox } from '../../sandbox';
import { HttpClient } from '../net/client';
import { adapterFor, baseUrlFor, startProxy, startTestSandbox } from '../../../test/support/services';

let sandbox: RunningSandbox;
const http = new HttpClient();

beforeAll(async () => {
  sandbox = await startTestSandbox();
});

afterAll(async () => {
  await sandbox.close();
  await http.close();
});

const KINDS: ProviderKind[] = ['vlmrun', 'openai', 'llamacloud'];
const BAD_IDS = ['', '.', '..', 'a/b', '../files', 'a\\b', 'a\u0000b', 'a\r\nb'];

/** A proxy in front of the sandbox that records every request line it forwards. */
async function recorded(kind: ProviderKind) {
  const seen: string[] = [];
  const proxy = await startProxy(baseUrlFor(sandbox, kind), {
    rewrite: (method, url) => {
      seen.push(`${method} ${url.pathname}`);
      return url;
    },
  });
  return { seen, proxy, adapter: adapterFor(kind, proxy.url, http) };
}

describe.each(KINDS)('%s file ids', (kind) => {
  it('refuses ids that are not one path segment, and sends nothing', async () => {
    const { seen, proxy, adapter } = await recorded(kind);
    try {
      for (const id of BAD_IDS) {
        await expect(adapter.remove(id), `remove(${JSON.stringify(id)})`).rejects.toMatchObject({ code: 'invalid_input' });
        await expect(adapter.get(id), `get(${JSON.stringify(id)})`).rejects.toMatchObject({ code: 'invalid_input' });
        await expect(adapter.openContent(id, {}), `openContent(${JSON.stringify(id)})`).rejects.toMatchObject({ code: 'invalid_input' });
      }
      expect(seen).toEqual([]);
    } finally {
      await proxy.close();
    }
  });

  it('percent-encodes any other id as one segment', async () => {
    const { seen, proxy, adapter } = await recorded(kind);
    try {
      await expect(adapter.remove('a?b#c%d')).rejects.toMatchObject({ code: 'not_found' });
      expect(seen).toHaveLength(1);
      expect(seen[0]).toMatch(/^DELETE \/.*\/a%3Fb%23c%25d$/);
    } finally {
      await proxy.close();
    }
  });
});
