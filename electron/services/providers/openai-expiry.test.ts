import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../sandbox';
import { HttpClient } from '../net/client';
import { adapterFor, baseUrlFor, bufferSource, startTestSandbox } from '../../../test/support/services';

/**
 * `expires_after` reaches the real sandbox as OpenAI's multipart fields, and the sandbox's own
 * `expires_at` on the stored file (in the upload's answer and in a later GET) is the proof.
 */
let sandbox: RunningSandbox;
const http = new HttpClient();

beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(async () => {
  await sandbox.close();
  await http.close();
});

describe.each(['openai', 'yandex'] as const)('%s adapter: expiry on upload', (kind) => {
  const upload = (name: string, expiresAfterSeconds?: number | null) =>
    adapterFor(kind, baseUrlFor(sandbox, kind), http).upload({
      file: bufferSource(Buffer.from(`expiry ${name}`)),
      name,
      purpose: 'user_data',
      contentType: 'text/plain',
      expiresAfterSeconds,
      signal: new AbortController().signal,
      onProgress: () => {},
    });

  it('sends expires_after so the provider reports expires_at = created_at + seconds', async () => {
    const adapter = adapterFor(kind, baseUrlFor(sandbox, kind), http);
    const file = await upload('one-day.txt', 86_400);
    expect(Date.parse(file.expiresAt!) - Date.parse(file.createdAt)).toBe(86_400_000);
    const again = await adapter.get(file.id);
    expect(again.expiresAt).toBe(file.expiresAt);
  });

  it('sends nothing without an expiry, so the file is kept', async () => {
    expect((await upload('kept.txt', null)).expiresAt).toBeNull();
    expect((await upload('kept-too.txt')).expiresAt).toBeNull();
  });
});
