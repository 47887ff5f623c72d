/**
 * What the upload benchmarks share around their contenders: a sandbox child on loopback or shaped
 * to a link speed with its bandwidth fault, emptied between runs (under "Ask me" a copy left by
 * the previous run would make the next one a duplicate), and a summary of repeated runs.
 */
import { spawnSandboxCli, type SandboxChild } from '../../electron/sandbox/child';
import { BENCH_KEY, timeCommand } from './measure';

/** 1 Gbit/s in bytes per second: a fast office link. */
export const ONE_GBIT = 125_000_000;

/** A sandbox child for the benchmarks; `bytesPerSecond` caps every request body it reads. */
export function benchSandbox(dataDir: string, bytesPerSecond: number | null, extra: string[] = []): Promise<SandboxChild> {
  const faults = bytesPerSecond ? ['--faults', JSON.stringify({ bandwidthBytesPerSecond: bytesPerSecond })] : [];
  return spawnSandboxCli(['--data-dir', dataDir, '--api-key', BENCH_KEY, ...faults, ...extra]);
}

/** Deletes every file stored in the VLM Run dialect (outside any timed part). */
export async function clearVlmRun(baseUrl: string): Promise<void> {
  const auth = { authorization: `Bearer ${BENCH_KEY}` };
  for (;;) {
    const res = await fetch(`${baseUrl}/files?limit=1000&generate_public_url=false`, { headers: auth });
    const files = (await res.json()) as { id: string }[];
    if (files.length === 0) return;
    for (const file of files) await (await fetch(`${baseUrl}/files/${file.id}`, { method: 'DELETE', headers: auth })).arrayBuffer();
  }
}

/** `curl -F file=@path` to a VLM Run or OpenAI-style `POST …/files`, timed. */
export function curlUpload(url: string, path: string, fields: string[] = []): Promise<number> {
  const form = fields.flatMap((f) => ['-F', f]);
  return timeCommand('curl', ['-sS', '-o', '/dev/null', '--fail', '-H', `Authorization: Bearer ${BENCH_KEY}`, ...form, '-F', `file=@${path}`, url]);
}

/** Flushes the page cache's dirty pages so no run pays for the previous one's writeback. */
export function settleDisk(): Promise<number> {
  return timeCommand('sync', []);
}

/** Best and worst of repeated timings, rounded to milliseconds. */
export function spread(ms: number[]): { best: number; worst: number } {
  return { best: Math.round(Math.min(...ms)), worst: Math.round(Math.max(...ms)) };
}

/** A ratio to two decimals. */
export const ratio = (a: number, b: number): number => Math.round((a / b) * 100) / 100;
