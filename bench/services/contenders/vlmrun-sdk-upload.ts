/** Contender: the official vlmrun SDK uploads one file (it reads the file into memory first). Args: baseUrl path. */
import { VlmRun } from 'vlmrun';
import { BENCH_KEY, measure } from '../measure';

const [baseURL, filePath] = process.argv.slice(2) as [string, string];
const client = new VlmRun({ apiKey: BENCH_KEY, baseURL });
await measure(async () => {
  await client.files.upload({ filePath, checkDuplicate: false, purpose: 'assistants' });
});
