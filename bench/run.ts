/**
 * Runs the benchmarks under bench/ and merges their figures into bench-results.json.
 *
 * Each benchmark is a file `bench/<name>.bench.ts` run in its own Node process (so its memory
 * figures are its own). It prints one line `BENCH_RESULT <json>`; that object is stored under
 * `<name>` in bench-results.json at the repo root. `npm run bench -- <name>` runs just one.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = dirname(fileURLToPath(import.meta.url));
const root = dirname(benchDir);
const resultsPath = join(root, 'bench-results.json');

function available(): string[] {
  return readdirSync(benchDir)
    .filter((f) => f.endsWith('.bench.ts'))
    .map((f) => f.replace(/\.bench\.ts$/, ''))
    .sort();
}

function runOne(name: string): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--expose-gc', join(benchDir, `${name}.bench.ts`)], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let result: Record<string, unknown> | undefined;
    let buffered = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      let nl: number;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        if (line.startsWith('BENCH_RESULT ')) result = JSON.parse(line.slice('BENCH_RESULT '.length));
        else process.stdout.write(`[${name}] ${line}\n`);
      }
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0 && result) resolve(result);
      else reject(new Error(`benchmark ${name} exited with ${code} and ${result ? 'a' : 'no'} result`));
    });
  });
}

const requested = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const names = requested.length > 0 ? requested : available();
const unknown = names.filter((n) => !available().includes(n));
if (unknown.length > 0) {
  console.error(`No such benchmark: ${unknown.join(', ')}. Available: ${available().join(', ')}`);
  process.exit(2);
}

const results: Record<string, unknown> = existsSync(resultsPath) ? JSON.parse(readFileSync(resultsPath, 'utf8')) : {};
let failed = 0;
for (const name of names) {
  try {
    const loadBefore = loadavg()[0] as number;
    const figures = await runOne(name);
    // The machine's 1-minute load average before and after: ratios measured on a busy machine say so.
    const load = [loadBefore, loadavg()[0] as number].map((l) => Math.round(l * 10) / 10);
    results[name] = { ...figures, load_average_1m: load, cores: availableParallelism(), measured_at: new Date().toISOString() };
    console.log(`${name}: ${JSON.stringify(figures)}`);
  } catch (err) {
    failed += 1;
    console.error(`${name}: FAILED: ${(err as Error).message}`);
  }
  writeFileSync(resultsPath, `${JSON.stringify(results, null, 2)}\n`);
}
process.exit(failed > 0 ? 1 : 0);
