/** Contender: the vlmrun SDK lists everything sequentially, skip/limit, `limit` pages. Args: baseUrl limit. */
import { VlmRun } from 'vlmrun';
import { BENCH_KEY, measure } from '../measure';

const [baseURL, limitArg] = process.argv.slice(2) as [string, string];
const limit = Number(limitArg);
const client = new VlmRun({ apiKey: BENCH_KEY, baseURL });
await measure(async () => {
  const all: unknown[] = [];
  for (let skip = 0; ; skip += limit) {
    const page = await client.files.list({ skip, limit });
    all.push(...page);
    if (page.length < limit) break;
  }
  return { files: all.length };
});
