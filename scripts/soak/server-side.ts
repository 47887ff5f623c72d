/**
 * What the server really holds, read back through the product's own adapters: every listed file
 * of a workspace, each downloaded and hashed, so the soak judges by content rather than by what
 * the uploader believed.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import pLimit from 'p-limit';
import type { ProviderKind } from '../../shared/models/providers';
import { listAll } from '../../test/support/list-all';
import type { HttpClient } from '../../electron/services/net/client';
import { adapterFor } from '../../test/support/services';
import type { ServerFile } from './tally';

const DOWNLOADS_IN_FLIGHT = 8;

/** The MD5 of a local file, streamed. */
export async function md5OfFile(path: string): Promise<string> {
  const hash = createHash('md5');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Every file the workspace lists, with the MD5 of the content the server serves for it. */
export async function storedFiles(kind: ProviderKind, baseUrl: string, http: HttpClient): Promise<ServerFile[]> {
  const adapter = adapterFor(kind, baseUrl, http);
  const listed = await listAll(adapter);
  const limit = pLimit(DOWNLOADS_IN_FLIGHT);
  return Promise.all(
    listed.map((file) =>
      limit(async () => {
        const res = await adapter.openContent(file.id, {});
        const hash = createHash('md5');
        for await (const chunk of res.body) hash.update(chunk as Buffer);
        return { kind, id: file.id, md5: hash.digest('hex') };
      }),
    ),
  );
}
