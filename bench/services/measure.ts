/**
 * Helpers for the services benchmarks: run one contender in its own Node process (so its memory
 * figure is its own), time it, and sample its resident memory while it works.
 */
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';

/** What a contender reports: wall time of the measured part and its peak RSS growth over the start. */
export interface Measured {
  ms: number;
  peakRssGrowthMb: number;
  peakRssMb: number;
  extra?: Record<string, number>;
}

/**
 * Inside a contender: settles memory, then times `work` while sampling RSS every 10 ms, and prints
 * the figures as the last stdout line. `after` runs once the timing has stopped (work the
 * contender leaves running in the background) and adds its figures; RSS is still sampled.
 */
export async function measure(
  work: () => Promise<Record<string, number> | void>,
  after?: (figures: Record<string, number>) => Promise<Record<string, number>>,
): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 10);
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const worked = (await work()) ?? {};
  const ms = performance.now() - started;
  const extra = { ...worked, cpu_ms: Math.round((process.cpuUsage(cpuBefore).user + process.cpuUsage(cpuBefore).system) / 1000) };
  if (after) Object.assign(extra, await after(worked));
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  const mb = (b: number) => Math.round((b / 1024 / 1024) * 10) / 10;
  const result: Measured = { ms: Math.round(ms), peakRssGrowthMb: mb(peak - baseline), peakRssMb: mb(peak), extra };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

/** Runs `bench/services/contenders/<name>.ts <args>` in a fresh Node process and returns its figures. */
export function runContender(name: string, args: string[], env: Record<string, string> = {}): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const script = new URL(`./contenders/${name}.ts`, import.meta.url).pathname;
    const child = spawn(process.execPath, ['--import', 'tsx', '--expose-gc', script, ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, ...env },
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString('utf8');
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      const last = out.trim().split('\n').at(-1) ?? '';
      if (code !== 0) return reject(new Error(`contender ${name} exited with ${code}: ${out.slice(-500)}`));
      try {
        resolve(JSON.parse(last) as Measured);
      } catch {
        reject(new Error(`contender ${name} printed no result: ${out.slice(-500)}`));
      }
    });
  });
}

/** A contender running in its own process: its figures once it exits, and a way to kill it. */
export interface RunningContender {
  result: Promise<Measured>;
  kill(): void;
}

/**
 * Starts `bench/services/contenders/<name>.ts <args>` and hands every stdout line but the last
 * (the figures) to `onLine`, so a benchmark can act at a chosen moment (break the link, kill -9).
 */
export function startContender(name: string, args: string[], options: { env?: Record<string, string>; onLine?: (line: string) => void } = {}): RunningContender {
  const script = new URL(`./contenders/${name}.ts`, import.meta.url).pathname;
  const child = spawn(process.execPath, ['--import', 'tsx', '--expose-gc', script, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ...options.env },
  });
  let buffered = '';
  let last = '';
  child.stdout.on('data', (c: Buffer) => {
    buffered += c.toString('utf8');
    let nl: number;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      last = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      options.onLine?.(last);
    }
  });
  const result = new Promise<Measured>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code !== 0) return reject(new Error(`contender ${name} exited with ${code ?? signal}`));
      try {
        resolve(JSON.parse(last) as Measured);
      } catch {
        reject(new Error(`contender ${name} printed no result: ${last.slice(-500)}`));
      }
    });
  });
  return { result, kill: () => child.kill('SIGKILL') };
}

/** Times an external command (curl, md5sum) in milliseconds. */
export function timeCommand(command: string, args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(performance.now() - started) : reject(new Error(`${command} exited with ${code}`))));
  });
}

/** Writes a file of `bytes` pseudo-random bytes quickly (a 1 MiB pattern block, varied per block). */
export async function writeBigFile(path: string, bytes: number): Promise<void> {
  const { open } = await import('node:fs/promises');
  const block = Buffer.alloc(1024 * 1024);
  for (let i = 0; i < block.length; i += 1) block[i] = (i * 2654435761) >>> 24;
  const handle = await open(path, 'w');
  try {
    for (let written = 0, n = 0; written < bytes; n += 1) {
      block.writeUInt32LE(n, 0);
      const size = Math.min(block.length, bytes - written);
      await handle.write(block, 0, size);
      written += size;
    }
  } finally {
    await handle.close();
  }
}

export const BENCH_KEY = 'bench-key-1f2e3d4c5b6a';
