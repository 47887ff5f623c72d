/**
 * Shared fixtures for the sandbox's own tests: a scratch directory for files to upload and a
 * raw fetch that returns bytes, so suites compare downloads byte for byte without SDK helpers.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where a suite writes the files it uploads; remove() deletes them all. */
export class Scratch {
  readonly dir = mkdtempSync(join(tmpdir(), 'stowage-sandbox-test-'));

  file(name: string, content: Buffer | string): string {
    const path = join(this.dir, name);
    writeFileSync(path, content);
    return path;
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Deterministic pseudo-random bytes (so failures reproduce), e.g. for binary payloads. */
export function patternBytes(length: number, seed = 1): Buffer {
  const buf = Buffer.alloc(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i += 1) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    buf[i] = x & 0xff;
  }
  return buf;
}

/** GETs (or otherwise requests) a URL and returns status, headers and the whole body. */
export async function fetchBytes(url: string, init?: RequestInit): Promise<{ status: number; headers: Headers; body: Buffer }> {
  const res = await fetch(url, init);
  return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
}

/** Sends a JSON request and parses the JSON answer. */
export async function fetchJson(url: string, init: RequestInit = {}): Promise<{ status: number; headers: Headers; json: unknown }> {
  const res = await fetch(url, init);
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text === '' ? null : JSON.parse(text) };
}

/** The error a promise rejects with, checked to be an instance of `type` (fails the test otherwise). */
export async function rejectionOf<T>(promise: Promise<unknown>, type: abstract new (...args: never[]) => T): Promise<T> {
  const outcome = await promise.then(
    () => ({ rejected: false as const }),
    (error: unknown) => ({ rejected: true as const, error }),
  );
  if (!outcome.rejected) throw new Error('expected the call to fail, but it succeeded');
  if (!(outcome.error instanceof type)) throw outcome.error;
  return outcome.error;
}
