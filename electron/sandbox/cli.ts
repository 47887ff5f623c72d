/**
 * `npm run sandbox -- --port <n> --data-dir <dir> --api-key <key>`: starts the sandbox and prints
 * exactly one line per dialect on stdout (`vlmrun <url>`, `openai <url>`, `llamacloud <url>`),
 * each url being what that dialect's official SDK takes as its base URL. The admin URL and token
 * go to stderr so stdout stays machine-readable. Serves until SIGINT/SIGTERM.
 *
 * Also: `--host <addr>`, `--admin-token <t>`, `--faults '<json>'`, `--limit <name>=<bytes>`
 * (repeatable; a dialect, `openaiUpload` or `openaiUploadPart`), `--api-key` (repeatable),
 * `--no-openai-uploads` (answer OpenAI's `/uploads` routes 404, like Yandex AI Studio).
 */
import { parseArgs } from 'node:util';
import { DEFAULT_LIMITS, startSandbox, type SandboxLimits, type SandboxOptions } from './index';
import { keepServingOnStrayErrors } from './stray-errors';

function fail(message: string): never {
  process.stderr.write(`sandbox: ${message}\n`);
  process.exit(2);
}

function parseLimits(values: string[]): Partial<SandboxLimits> {
  const limits: Partial<SandboxLimits> = {};
  const names = Object.keys(DEFAULT_LIMITS);
  for (const v of values) {
    const [name, bytes] = v.split('=');
    if (!names.includes(name ?? '') || !/^\d+$/.test(bytes ?? '')) fail(`--limit expects <name>=<bytes> with a name among ${names.join(', ')}, got "${v}"`);
    limits[name as keyof SandboxLimits] = Number(bytes);
  }
  return limits;
}

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    host: { type: 'string' },
    'data-dir': { type: 'string' },
    'api-key': { type: 'string', multiple: true },
    'admin-token': { type: 'string' },
    faults: { type: 'string' },
    limit: { type: 'string', multiple: true },
    'no-openai-uploads': { type: 'boolean', default: false },
  },
  strict: true,
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be 0..65535, got "${values.port}"`);
const apiKeys = values['api-key'] ?? [];
if (apiKeys.length === 0) fail('give at least one --api-key <key>');
let faults: SandboxOptions['faults'];
if (values.faults !== undefined) {
  try {
    faults = JSON.parse(values.faults) as SandboxOptions['faults'];
  } catch {
    fail('--faults must be JSON, e.g. \'{"latencyMs":200}\'');
  }
}

const sandbox = await startSandbox({
  port,
  host: values.host,
  dataDir: values['data-dir'],
  apiKeys,
  adminToken: values['admin-token'],
  faults,
  limits: parseLimits(values.limit ?? []),
  openaiUploads: !values['no-openai-uploads'],
}).catch((err: Error) => fail(err.message));

keepServingOnStrayErrors('sandbox');
process.stdout.write(`vlmrun ${sandbox.urls.vlmrun}\nopenai ${sandbox.urls.openai}\nllamacloud ${sandbox.urls.llamacloud}\n`);
process.stderr.write(`admin ${sandbox.urls.admin} (Authorization: Bearer ${sandbox.adminToken})\ndata ${sandbox.dataDir}\n`);

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  void sandbox.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
