import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../sandbox';
import { HttpClient } from '../net/client';
import { adapterFor, bufferSource, patternBytes, startProxy, startTestSandbox } from '../../../test/support/services';
import { PRESIGNED_THRESHOLD } from './vlmrun';

let sandbox: RunningSandbox;
const http = new HttpClient();
const content = patternBytes(PRESIGNED_THRESHOLD + 1024 * 1024, 3);
const md5 = createHash('md5').update(content).digest('hex');

beforeAll(async () => {
  sandbox = await startTestSandbox();
});

afterAll(async () => {
  await sandbox.close();
  await http.close();
});

async function uploadThrough(baseUrl: string, purpose: string) {
  const adapter = adapterFor('vlmrun', baseUrl, http);
  const states: string[] = [];
  const file = await adapter.upload({
    file: bufferSource(content),
    name: 'large.bin',
    purpose,
    contentType: 'application/octet-stream',
    signal: new AbortController().signal,
    onProgress: () => undefined,
    onVerifying: () => states.push('verifying'),
  });
  const back = Buffer.from(await (await adapter.openContent(file.id, {})).body.arrayBuffer());
  return { file, states, back };
}

describe('VLM Run large files', () => {
  it('go through presigned-url → PUT → verify-upload above 32 MB', async () => {
    const seen: string[] = [];
    const proxy = await startProxy(sandbox.urls.vlmrun, {
      rewrite: (method, url) => {
        seen.push(`${method} ${url.pathname}`);
        return url;
      },
    });
    try {
      const { file, states, back } = await uploadThrough(proxy.url, 'datasets');
      expect(seen).toContain('POST /vlmrun/v1/files/presigned-url');
      expect(seen.some((s) => s.startsWith('GET /vlmrun/v1/files/verify-upload/'))).toBe(true);
      expect(seen).not.toContain('POST /vlmrun/v1/files');
      expect(states).toEqual(['verifying']);
      expect(file).toMatchObject({ bytes: content.length, purpose: 'datasets' });
      expect(createHash('md5').update(back).digest('hex')).toBe(md5);
    } finally {
      await proxy.close();
    }
  });

  it('fall back to a multipart upload where the server has no presigned endpoint (404)', async () => {
    const seen: string[] = [];
    const proxy = await startProxy(sandbox.urls.vlmrun, {
      rewrite: (method, url) => {
        seen.push(`${method} ${url.pathname}`);
        return url.pathname.endsWith('/presigned-url') ? null : url;
      },
    });
    try {
      const { file, back } = await uploadThrough(proxy.url, 'vision');
      expect(seen).toContain('POST /vlmrun/v1/files');
      expect(file).toMatchObject({ bytes: content.length, purpose: 'vision' });
      expect(back.equals(content)).toBe(true);
    } finally {
      await proxy.close();
    }
  });
});
