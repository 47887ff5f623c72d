/**
 * `npm run sandbox:seed -- <base-url> <key> --files 100000 [--purpose p]... [--project id]
 * [--expires-in <seconds|never>]...`: fills a running sandbox quickly, through
 * `POST <base-url>/_sandbox/seed` in batches (each batch one transaction). `<base-url>` is any
 * dialect URL the sandbox CLI printed; the files land in that dialect (and in the OpenAI folder /
 * LlamaCloud project given by --project). `--expires-in` (OpenAI only) cycles over the files like
 * `--purpose`: e.g. `--expires-in 172800 --expires-in 1209600 --expires-in never` makes a third
 * expire in 2 days, a third in 14, and keeps the rest.
 */
import { parseArgs } from 'node:util';

const BATCH = 20_000;

function fail(message: string): never {
  process.stderr.write(`sandbox:seed: ${message}\n`);
  process.exit(2);
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    files: { type: 'string', default: '1000' },
    purpose: { type: 'string', multiple: true },
    project: { type: 'string' },
    'expires-in': { type: 'string', multiple: true },
  },
});

const [baseUrl, key] = positionals;
if (!baseUrl || !key) fail('usage: sandbox:seed <base-url> <api-key> --files <n> [--purpose <p>]... [--project <id>] [--expires-in <seconds|never>]...');
const total = Number(values.files);
if (!Number.isInteger(total) || total < 1) fail(`--files must be a positive integer, got "${values.files}"`);

const expiries = values['expires-in']?.map((v) => {
  if (v === 'never') return null;
  if (!/^\d+$/.test(v)) fail(`--expires-in takes seconds or "never", got "${v}"`);
  return Number(v);
});

const base = baseUrl.replace(/\/+$/, '');
const isLlama = /\/llamacloud$/.test(base);
const headers: Record<string, string> = { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' };
if (values.project && !isLlama) headers['OpenAI-Project'] = values.project;
const query = values.project && isLlama ? `?project_id=${encodeURIComponent(values.project)}` : '';

const started = Date.now();
for (let start = 0; start < total; start += BATCH) {
  const count = Math.min(BATCH, total - start);
  const res = await fetch(`${base}/_sandbox/seed${query}`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ count, start, ...(values.purpose ? { purposes: values.purpose } : {}), ...(expiries ? { expires_in_seconds: expiries } : {}) }),
  }).catch((err: Error) => fail(`cannot reach ${base}: ${err.message}`));
  if (!res.ok) fail(`seeding failed with HTTP ${res.status}: ${await res.text()}`);
  process.stderr.write(`seeded ${start + count}/${total}\n`);
}
process.stdout.write(`seeded ${total} files into ${base} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
