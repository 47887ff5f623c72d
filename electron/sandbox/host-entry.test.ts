/**
 * The sandbox host process (what the app and the harness run) keeps serving after an error that
 * escaped every handler, and logs only its class and code. The stray errors come from a test-only
 * preload, since no request can cause one any more.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostReply, SandboxUrls } from './host-protocol';
import { describeError } from './stray-errors';

const HOST_ENTRY = fileURLToPath(new URL('./host-entry.ts', import.meta.url));
const PRELOAD = fileURLToPath(new URL('./test-fixtures/stray-errors-preload.mjs', import.meta.url));
const KEY = 'host-entry-test-key';

let child: ChildProcess;
let urls: SandboxUrls;
let stderr = '';
const stderrWaiters: (() => void)[] = [];
const dataDir = mkdtempSync(join(tmpdir(), 'stowage-host-entry-'));

/** Resolves once the child's stderr matches `pattern` (checked on every chunk it writes). */
function stderrMatching(pattern: RegExp): Promise<string> {
  return new Promise((resolve) => {
    const check = () => {
      if (!pattern.test(stderr)) return false;
      resolve(stderr);
      return true;
    };
    if (!check()) stderrWaiters.push(() => void check());
  });
}

function nextMessage<T>(type: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: { type?: string }) => {
      if (message?.type !== type && !(type === 'ready' && message?.type === 'failed')) return;
      child.off('message', onMessage);
      resolve(message as T);
    };
    child.on('message', onMessage);
    child.once('exit', (code) => reject(new Error(`the host exited (${code}) before sending "${type}"`)));
  });
}

beforeAll(async () => {
  child = fork(HOST_ENTRY, [], { execArgv: ['--import', 'tsx', '--import', PRELOAD], stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
    for (const waiter of stderrWaiters) waiter();
  });
  const ready = nextMessage<HostReply>('ready');
  child.send({ type: 'start', dataDir, apiKey: KEY });
  const reply = await ready;
  if (reply.type !== 'ready') throw new Error(`the host failed to start: ${reply.message}`);
  urls = reply.urls;
});

afterAll(async () => {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.send({ type: 'stop' });
    await exited;
  }
  rmSync(dataDir, { recursive: true, force: true });
});

describe('sandbox host process', () => {
  it('keeps serving after an uncaught exception and an unhandled rejection, logging class and code only', async () => {
    const thrown = nextMessage<{ type: string }>('thrown');
    child.kill('SIGUSR2');
    await thrown;
    const log = await stderrMatching(/Error \(ESTRAYTEST\)[\s\S]*RangeError/);
    expect(log).not.toMatch(/secret|sk-live|\/home\/someone/);

    const res = await fetch(`${urls.vlmrun}/files`, { headers: { Authorization: `Bearer ${KEY}` } });
    expect(res.status).toBe(200);
    expect(child.exitCode).toBeNull();
  });
});

describe('describeError', () => {
  it('names the class and code and never the message', () => {
    expect(describeError(Object.assign(new TypeError('key sk-1'), { code: 'ERR_INVALID_URL' }))).toBe('TypeError (ERR_INVALID_URL)');
    expect(describeError(new Error('path /home/x'))).toBe('Error');
    expect(describeError('sk-secret')).toBe('a string');
    expect(describeError(null)).toBe('null');
  });
});
