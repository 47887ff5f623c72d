/**
 * Runs the sandbox CLI in its own Node process, for tests and benchmarks that need to kill it
 * (crash safety) or measure its memory apart from the client's. Resolves once the CLI has printed
 * its three URL lines.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CLI = join(dirname(fileURLToPath(import.meta.url)), 'cli.ts');

/** A sandbox CLI process and the base URLs it printed. */
export interface SandboxChild {
  child: ChildProcessWithoutNullStreams;
  urls: { vlmrun: string; openai: string; llamacloud: string };
  /** Every stdout line it printed before the URLs were complete (exactly the three, normally). */
  lines: string[];
  /** SIGTERM and wait for exit. */
  stop(): Promise<void>;
}

/** Spawns `node --import tsx electron/sandbox/cli.ts <args>` and waits for its URL lines. */
export function spawnSandboxCli(args: string[], timeoutMs = 30_000): Promise<SandboxChild> {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => {
    stderr += c.toString('utf8');
  });
  return new Promise((resolve, reject) => {
    const lines: string[] = [];
    let buffered = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`sandbox CLI did not print its URLs in ${timeoutMs} ms; stderr: ${stderr}`));
    }, timeoutMs);
    const onEarlyExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`sandbox CLI exited with ${code}; stderr: ${stderr}`));
    };
    child.once('exit', onEarlyExit);
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      let nl: number;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        lines.push(buffered.slice(0, nl));
        buffered = buffered.slice(nl + 1);
      }
      const urls = Object.fromEntries(lines.map((l) => l.split(' ') as [string, string]));
      if (urls.vlmrun && urls.openai && urls.llamacloud) {
        clearTimeout(timer);
        child.off('exit', onEarlyExit);
        resolve({
          child,
          urls: { vlmrun: urls.vlmrun, openai: urls.openai, llamacloud: urls.llamacloud },
          lines: [...lines],
          stop: async () => {
            if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
            await exited;
          },
        });
      }
    });
  });
}
