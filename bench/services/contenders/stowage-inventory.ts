/** Contender: Stowage's inventory listing (parallel skip/limit pages) plus the report. Args: baseUrl. */
import { PROVIDERS } from '../../../shared/models/providers';
import { HttpClient } from '../../../electron/services/net/client';
import { listAll } from '../../../electron/services/inventory/list-all';
import { buildReport } from '../../../electron/services/inventory/report';
import { createAdapter } from '../../../electron/services/providers';
import { BENCH_KEY, measure } from '../measure';

const [baseUrl] = process.argv.slice(2) as [string];
const http = new HttpClient();
const adapter = createAdapter({ info: PROVIDERS.vlmrun, baseUrl, apiKey: BENCH_KEY, projectId: null, folderId: null, http });
await measure(async () => {
  const files = await listAll(adapter);
  const report = buildReport('bench', 'bench', files);
  return { files: report.totalFiles };
});
await http.close();
