/** Contender: the official openai SDK uploads one file from a read stream. Args: baseUrl path. */
import { createReadStream } from 'node:fs';
import OpenAI from 'openai';
import { BENCH_KEY, measure } from '../measure';

const [baseURL, path] = process.argv.slice(2) as [string, string];
const client = new OpenAI({ apiKey: BENCH_KEY, baseURL, maxRetries: 0, timeout: 600_000 });
await measure(async () => {
  await client.files.create({ file: createReadStream(path), purpose: 'user_data' });
});
