/** Contender: the vlmrun SDK's sequential loop (the docs' batch recipe) over a folder. Args: baseUrl dir. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { VlmRun } from 'vlmrun';
import { BENCH_KEY, measure } from '../measure';

const [baseURL, dir] = process.argv.slice(2) as [string, string];
const client = new VlmRun({ apiKey: BENCH_KEY, baseURL });
const files = readdirSync(dir).sort().map((f) => join(dir, f));
await measure(async () => {
  for (const filePath of files) await client.files.upload({ filePath, purpose: 'assistants' });
  return { files: files.length };
});
