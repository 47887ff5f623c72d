/** Contender: Stowage's uploader (the adapter the queue uses) sends one file. Args: kind baseUrl path purpose. */
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { PROVIDERS, type ProviderKind } from '../../../shared/models/providers';
import { HttpClient } from '../../../electron/services/net/client';
import { createAdapter } from '../../../electron/services/providers';
import { SourceFile } from '../../../electron/services/uploads/source-file';
import { BENCH_KEY, measure } from '../measure';

const [kind, baseUrl, path, purpose] = process.argv.slice(2) as [ProviderKind, string, string, string];
const http = new HttpClient();
const adapter = createAdapter({ info: PROVIDERS[kind], baseUrl, apiKey: BENCH_KEY, projectId: null, folderId: null, http });
const { size, mtimeMs } = await stat(path);
const file = await SourceFile.open(path, { bytes: size, mtimeMs }, null);
await measure(async () => {
  await adapter.upload({ file, name: basename(path), purpose, contentType: 'application/octet-stream', signal: new AbortController().signal, onProgress: () => undefined });
});
await file.close();
await http.close();
