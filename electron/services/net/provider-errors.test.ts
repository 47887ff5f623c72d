/**
 * What the operator reads when a provider's error repeats part of the key. A real loopback server
 * answers every call in each dialect's own error shape with the first 16 and last 10 characters
 * of the key it was sent; the message Stowage shows keeps the provider's explanation and none of
 * the key, not even 8 characters of it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROVIDER_KINDS, type ProviderKind } from '../../../shared/models/providers';
import type { RunningSandbox } from '../../sandbox';
import { containsPiece, startKeyWitness, type KeyWitness } from '../../../test/support/key-witness';
import { adapterFor, baseUrlFor, startTestSandbox, TEST_KEY } from '../../../test/support/services';
import { HttpClient } from './client';

let sandbox: RunningSandbox;
let echo: KeyWitness;
const http = new HttpClient();

beforeAll(async () => {
  sandbox = await startTestSandbox();
  echo = await startKeyWitness(sandbox, { echo: true });
});

afterAll(async () => {
  await echo.close();
  await sandbox.close();
  await http.close();
});

describe.each(PROVIDER_KINDS)('%s: an error body that echoes the key', (kind: ProviderKind) => {
  it('reaches the operator with the explanation and without any 8 characters of the key', async () => {
    const adapter = adapterFor(kind, baseUrlFor({ urls: echo.urls } as RunningSandbox, kind), http, { folderId: 'b1g', projectId: 'p1' });
    const failure = await adapter.listPage({ position: adapter.info.pagination === 'offset' ? { offset: 0 } : { cursor: null }, limit: 1, purpose: null, createdOrder: 'desc' }).then(
      () => null,
      (error: unknown) => error as Error & { code: string },
    );
    expect(failure?.code).toMatch(/invalid_input/);
    expect(failure?.message).toContain('has no access to this project');
    expect(failure?.message).toContain('•••');
    expect(containsPiece(failure?.message ?? '', TEST_KEY), failure?.message).toBe(false);
  });
});
