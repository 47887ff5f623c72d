/**
 * Sandbox memory and listing scale.
 *
 * 1. Starts the sandbox CLI in a child process and streams a 1 GiB multipart upload into its
 *    VLM Run dialect, generated on the fly (one reused 1 MiB buffer), while sampling the child's
 *    VmRSS from /proc. Reports the growth over the idle baseline (target: under ~50 MB).
 * 2. Seeds 100,000 files and times listing page 1 and page 1,000 (100 per page): VLM Run by
 *    skip/limit (offset paging) and OpenAI by `after` cursor (keyset paging). Medians of repeats;
 *    `list_page_1000_first_after_write_ms` is the one deep VLM Run page that follows a write and
 *    so pays for rebuilding the offset anchors.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSandboxCli } from '../electron/sandbox/child';
import { report } from './report';

const KEY = 'bench-key';
const UPLOAD_BYTES = 1024 ** 3;
const CHUNK = 1024 * 1024;
const FILES = 100_000;
const PAGE = 100;
const REPEATS = 25;

function procStatus(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : NaN;
}

/** Streams `bytes` of file content as one multipart upload, honouring backpressure. */
function streamUpload(url: string, bytes: number): Promise<{ status: number; body: string }> {
  const boundary = `bench-${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const chunk = randomBytes(CHUNK);
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: 'POST',
      headers: { Authorization: `Bearer ${KEY}`, 'Content-Type': `multipart/form-data; boundary=${boundary}`, 'Content-Length': head.length + bytes + tail.length },
    });
    req.on('error', reject);
    req.on('response', (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.write(head);
    let sent = 0;
    const pump = () => {
      while (sent < bytes) {
        const n = Math.min(CHUNK, bytes - sent);
        sent += n;
        if (!req.write(n === CHUNK ? chunk : chunk.subarray(0, n))) {
          req.once('drain', pump);
          return;
        }
      }
      req.end(tail);
    };
    pump();
  });
}

async function timeGet(url: string, headers: Record<string, string>): Promise<number> {
  const started = performance.now();
  const res = await fetch(url, { headers });
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`GET ${url} -> ${res.status}`);
  return performance.now() - started;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

/** Median times of two URLs, interleaved so both see the same machine state. */
async function compare(first: string, deep: string, headers: Record<string, string>): Promise<[number, number]> {
  await timeGet(first, headers);
  await timeGet(deep, headers);
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < REPEATS; i += 1) {
    a.push(await timeGet(first, headers));
    b.push(await timeGet(deep, headers));
  }
  return [median(a), median(b)];
}

async function seed(base: string): Promise<void> {
  for (let start = 0; start < FILES; start += 20_000) {
    const res = await fetch(`${base}/_sandbox/seed`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${KEY}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ count: 20_000, start }),
    });
    if (!res.ok) throw new Error(`seed failed: ${res.status} ${await res.text()}`);
  }
}

const dataDir = mkdtempSync(join(tmpdir(), 'stowage-bench-sandbox-'));
const sandbox = await spawnSandboxCli(['--port', '0', '--data-dir', dataDir, '--api-key', KEY, '--limit', `vlmrun=${2 * UPLOAD_BYTES}`]);
const pid = sandbox.child.pid as number;
const auth = { Authorization: `Bearer ${KEY}` };
try {
  const warm = await streamUpload(`${sandbox.urls.vlmrun}/files?purpose=assistants`, 4 * CHUNK);
  if (warm.status !== 201) throw new Error(`warm-up upload failed: ${warm.status} ${warm.body}`);
  await new Promise((r) => setTimeout(r, 500));
  const baseline = procStatus(pid, 'VmRSS');
  const hwmBefore = procStatus(pid, 'VmHWM');
  let peak = baseline;
  const sampler = setInterval(() => {
    peak = Math.max(peak, procStatus(pid, 'VmRSS'));
  }, 20);
  const started = performance.now();
  const big = await streamUpload(`${sandbox.urls.vlmrun}/files?purpose=assistants`, UPLOAD_BYTES);
  const uploadSeconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  peak = Math.max(peak, procStatus(pid, 'VmRSS'));
  const hwmAfter = procStatus(pid, 'VmHWM');
  if (big.status !== 201) throw new Error(`1 GiB upload failed: ${big.status} ${big.body}`);
  const stored = JSON.parse(big.body) as { id: string; bytes: number };
  if (stored.bytes !== UPLOAD_BYTES) throw new Error(`stored ${stored.bytes} bytes, sent ${UPLOAD_BYTES}`);
  await fetch(`${sandbox.urls.vlmrun}/files/${stored.id}`, { method: 'DELETE', headers: auth });

  await seed(sandbox.urls.openai);
  await seed(sandbox.urls.vlmrun);
  const coldDeep = await timeGet(`${sandbox.urls.vlmrun}/files?skip=${999 * PAGE}&limit=${PAGE}`, auth);
  const [vPage1, vPage1000] = await compare(
    `${sandbox.urls.vlmrun}/files?skip=0&limit=${PAGE}`,
    `${sandbox.urls.vlmrun}/files?skip=${999 * PAGE}&limit=${PAGE}`,
    auth,
  );
  const ids: string[] = [];
  let after = '';
  for (;;) {
    const page = (await (await fetch(`${sandbox.urls.openai}/files?limit=10000${after}`, { headers: auth })).json()) as { data: { id: string }[]; has_more: boolean; last_id: string };
    ids.push(...page.data.map((f) => f.id));
    if (!page.has_more) break;
    after = `&after=${page.last_id}`;
  }
  const [oPage1, oPage1000] = await compare(
    `${sandbox.urls.openai}/files?limit=${PAGE}`,
    `${sandbox.urls.openai}/files?limit=${PAGE}&after=${ids[999 * PAGE - 1]}`,
    auth,
  );

  const mb = (b: number) => Math.round((b / 1024 / 1024) * 10) / 10;
  const ms = (x: number) => Math.round(x * 100) / 100;
  report({
    upload_bytes: UPLOAD_BYTES,
    upload_seconds: Math.round(uploadSeconds * 10) / 10,
    server_rss_baseline_mb: mb(baseline),
    server_rss_peak_mb: mb(peak),
    server_rss_growth_mb: mb(peak - baseline),
    server_hwm_growth_mb: mb(Math.max(0, hwmAfter - hwmBefore)),
    files: FILES,
    page_size: PAGE,
    list_page_1_ms: ms(vPage1),
    list_page_1000_ms: ms(vPage1000),
    ratio_page1000_vs_page1: ms(vPage1000 / vPage1),
    list_page_1000_first_after_write_ms: ms(coldDeep),
    openai_cursor_page_1_ms: ms(oPage1),
    openai_cursor_page_1000_ms: ms(oPage1000),
    openai_ratio_page1000_vs_page1: ms(oPage1000 / oPage1),
  });
} finally {
  await sandbox.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
