import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import type { RunningSandbox } from '../../sandbox';
import type { FileSource } from '../providers/types';
import { adapterFor, startTestSandbox } from '../../../test/support/services';
import { rejectionOf } from '../../../test/support/sandbox-fixtures';
import { HttpClient } from './client';
import { ConnectionError } from './errors';
import { decideRetry } from './retry-policy';

/**
 * A request body that fails because the local disk failed (not the network) must come out as a
 * local reason, never as "the connection broke", so the retry policy does not resend it.
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

function failingAfter(bytes: number, error: Error): FileSource {
  return {
    bytes: 1024 * 1024,
    async *chunks() {
      yield Buffer.alloc(bytes, 1);
      throw error;
    },
  };
}

describe('a body whose source fails mid-way', () => {
  it.each(['openai', 'llamacloud', 'vlmrun'] as const)('is a local read failure on %s, and is not retried', async (kind) => {
    const eio = Object.assign(new Error('EIO: i/o error, read'), { code: 'EIO', errno: -5, syscall: 'read' });
    const adapter = adapterFor(kind, sandbox.urls[kind], http);
    const error = await rejectionOf(
      adapter.upload({ file: failingAfter(64 * 1024, eio), name: 'disk.bin', purpose: adapter.info.defaultPurpose, contentType: 'application/octet-stream', signal: new AbortController().signal, onProgress: () => undefined }),
      AppError,
    );
    expect(error).not.toBeInstanceOf(ConnectionError);
    expect(error.code).toBe('unreadable');
    expect(error.message).toMatch(/could not read/i);
    expect(decideRetry(error, 1)).toEqual({ retry: false });
  });

  it('keeps the source\'s own typed reason when it gives one', async () => {
    const changed = new AppError('file_changed', 'The file changed after Stowage checked it (it became shorter).');
    const adapter = adapterFor('openai', sandbox.urls.openai, http);
    const error = await rejectionOf(
      adapter.upload({ file: failingAfter(1024, changed), name: 'short.bin', purpose: 'user_data', contentType: 'application/octet-stream', signal: new AbortController().signal, onProgress: () => undefined }),
      AppError,
    );
    expect(error).toBe(changed);
  });
});
