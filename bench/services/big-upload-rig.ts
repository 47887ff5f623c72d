/**
 * What the big-file benchmarks share: a sandbox child process whose faults can be changed while it
 * runs (latency, a per-connection bandwidth cap, a reset), a clean store between runs, and one
 * upload through Stowage's queue (bench/services/contenders/stowage-queue-big.ts) or through
 * `curl -F` in a single multipart stream, each starting after a `sync`.
 */
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSandboxCli, type SandboxChild } from '../../electron/sandbox/child';
import type { PartOptions } from '../../electron/services/uploads/part-session';
import { BENCH_KEY, startContender, timeCommand, type Measured, type RunningContender } from './measure';

const ADMIN_TOKEN = 'bench-admin-5e6f7a8b';
export const MIB = 1024 * 1024;
export const GIB = 1024 * MIB;

/** A sandbox for big uploads: `/files` takes files of any size here, so curl has a single-stream baseline. */
export interface BigUploadRig {
  sandbox: SandboxChild;
  /** Where the sandbox's OpenAI dialect is reached (through `via` when given). */
  openai: string;
  faults(config: object): Promise<void>;
  /** Deletes every stored file, so runs do not fill the disk. */
  clean(): Promise<void>;
  /** Names of the stored files. */
  stored(): Promise<string[]>;
  stop(): Promise<void>;
}

export async function startRig(dir: string): Promise<BigUploadRig> {
  const sandbox = await spawnSandboxCli(['--data-dir', join(dir, 'store'), '--api-key', BENCH_KEY, '--admin-token', ADMIN_TOKEN, '--limit', `openai=${16 * GIB}`]);
  const origin = new URL(sandbox.urls.openai).origin;
  const auth = { authorization: `Bearer ${BENCH_KEY}` };
  const list = async () => ((await (await fetch(`${sandbox.urls.openai}/files?limit=10000`, { headers: auth })).json()) as { data: { id: string; filename: string }[] }).data;
  return {
    sandbox,
    openai: sandbox.urls.openai,
    async faults(config) {
      const res = await fetch(`${origin}/_admin/faults`, { method: 'PUT', headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(config) });
      if (!res.ok) throw new Error(`faults: ${res.status} ${await res.text()}`);
    },
    async clean() {
      for (const file of await list()) await fetch(`${sandbox.urls.openai}/files/${file.id}`, { method: 'DELETE', headers: auth });
    },
    stored: async () => (await list()).map((f) => f.filename),
    stop: () => sandbox.stop(),
  };
}

/** `curl -F` sending the file as one multipart stream to `POST /files` (after a sync). */
export async function curlUpload(baseUrl: string, file: string): Promise<number> {
  await timeCommand('sync', []);
  return Math.round(await timeCommand('curl', ['-sS', '-o', '/dev/null', '--fail', '-H', `Authorization: Bearer ${BENCH_KEY}`, '-F', 'purpose=user_data', '-F', `file=@${file}`, `${baseUrl}/files`]));
}

/**
 * Starts Stowage's queue on `file` in a fresh data dir (after a sync); `onProgress` hears the bytes
 * sent as the queue reports them. `parts` overrides the app's part options (tuning only).
 */
export async function startStowage(
  baseUrl: string,
  dir: string,
  file: string,
  options: { parts?: PartOptions; onProgress?: (sent: number) => void; dataDir?: string } = {},
): Promise<RunningContender & { dataDir: string }> {
  await timeCommand('sync', []);
  const dataDir = options.dataDir ?? mkdtempSync(join(dir, 'queue-'));
  const env: Record<string, string> = options.parts ? { STOWAGE_PART_OPTIONS: JSON.stringify(options.parts) } : {};
  const running = startContender('stowage-queue-big', ['start', baseUrl, dataDir, file], { env, onLine: progressLine(options.onProgress) });
  return { ...running, dataDir };
}

/** Reopens a queue from `dataDir` (as after a restart) and resumes what came back paused. */
export function resumeStowage(baseUrl: string, dataDir: string, onProgress?: (sent: number) => void): RunningContender {
  return startContender('stowage-queue-big', ['resume', baseUrl, dataDir], { onLine: progressLine(onProgress) });
}

function progressLine(onProgress: ((sent: number) => void) | undefined): (line: string) => void {
  return (line) => {
    if (line.startsWith('progress ')) onProgress?.(Number(line.slice('progress '.length)));
  };
}

/** One full Stowage upload, start to done. */
export async function stowageUpload(baseUrl: string, dir: string, file: string, parts?: PartOptions): Promise<Measured> {
  return (await startStowage(baseUrl, dir, file, { parts })).result;
}

/** Rounds to two decimals, for ratios. */
export const round2 = (n: number) => Math.round(n * 100) / 100;
