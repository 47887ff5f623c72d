/**
 * Fault injection seen from clients: each fault is switched on (at start, through setFaults, or
 * through the admin endpoint) and observed the way an uploader would observe it. Time-based
 * faults are checked only against lower bounds they guarantee by construction, never against
 * how fast a machine is.
 */
import { request } from 'node:http';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import OpenAI, { toFile } from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from './index';
import { fetchJson, patternBytes } from '../../test/support/sandbox-fixtures';

const KEY = 'fault-key';
let sandbox: RunningSandbox;
let client: OpenAI;
const auth = { Authorization: `Bearer ${KEY}` };

beforeAll(async () => {
  sandbox = await startSandbox({ apiKeys: [KEY] });
  client = new OpenAI({ apiKey: KEY, baseURL: sandbox.urls.openai, maxRetries: 0 });
});
afterEach(() => sandbox.setFaults({}));
afterAll(async () => {
  await sandbox.close();
});

/** A raw multipart upload over node:http, resolving with the status or rejecting with the socket error. */
function rawUpload(url: string, payload: Buffer, name: string): Promise<number> {
  const boundary = 'sandbox-fault-boundary';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="purpose"\r\n\r\nassistants\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const body = Buffer.concat([head, payload, tail]);
  return new Promise((resolve, reject) => {
    const req = request(`${url}/files`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': `multipart/form-data; boundary=${boundary}`, 'Content-Length': body.length },
    });
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    for (let i = 0; i < body.length; i += 16 * 1024) req.write(body.subarray(i, i + 16 * 1024));
    req.end();
  });
}

async function listedNames(): Promise<string[]> {
  const names: string[] = [];
  for await (const f of client.files.list()) names.push(f.filename);
  return names;
}

async function waitForEmptyTmp(): Promise<string[]> {
  const dir = join(sandbox.dataDir, 'tmp');
  for (let i = 0; i < 100 && readdirSync(dir).length > 0; i += 1) await new Promise((r) => setTimeout(r, 20));
  return readdirSync(dir);
}

describe('fault injection', () => {
  it('adds latency: a client with a shorter timeout gives up, and a request takes at least the latency', async () => {
    sandbox.setFaults({ latencyMs: 400 });
    const impatient = new OpenAI({ apiKey: KEY, baseURL: sandbox.urls.openai, maxRetries: 0, timeout: 50 });
    await expect(impatient.files.list()).rejects.toBeInstanceOf(OpenAI.APIConnectionTimeoutError);
    const started = performance.now();
    await client.files.list();
    expect(performance.now() - started).toBeGreaterThanOrEqual(390);
  });

  it('fails exactly the configured fraction with 5xx in the dialect shape', async () => {
    sandbox.setFaults({ serverErrors: { rate: 0.5, status: 502 } });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await fetchJson(`${sandbox.urls.openai}/files`, { headers: auth })).status);
    expect(statuses).toEqual([200, 502, 200, 502]);
    sandbox.setFaults({ serverErrors: { rate: 1, status: 502 } });
    const vlm = await fetchJson(`${sandbox.urls.vlmrun}/files`, { headers: auth });
    expect(vlm.status).toBe(502);
    expect(vlm.json).toHaveProperty('detail');
  });

  it('lets a retrying SDK through once a counted 5xx fault is spent', async () => {
    sandbox.setFaults({ serverErrors: { rate: 1, count: 2 } });
    const patient = new OpenAI({ apiKey: KEY, baseURL: sandbox.urls.openai, maxRetries: 2 });
    const file = await patient.files.create({ file: await toFile(Buffer.from('third time lucky'), 'lucky.txt'), purpose: 'assistants' });
    expect(file.filename).toBe('lucky.txt');
  });

  it('answers 429 with Retry-After, in the dialect shape', async () => {
    sandbox.setFaults({ rateLimit: { rate: 1, count: 1, retryAfterSeconds: 7 } });
    const limited = await fetchJson(`${sandbox.urls.openai}/files`, { headers: auth });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    expect(limited.json).toMatchObject({ error: { code: 'rate_limit_exceeded' } });
    expect((await fetchJson(`${sandbox.urls.openai}/files`, { headers: auth })).status).toBe(200);
  });

  it('resets the connection after N body bytes, stores nothing, and lets the next upload through', async () => {
    sandbox.setFaults({ resetAfterBytes: { bytes: 20_000, count: 1 } });
    await expect(rawUpload(sandbox.urls.openai, patternBytes(200_000), 'reset-me.bin')).rejects.toThrow();
    expect(await waitForEmptyTmp()).toEqual([]);
    expect(await listedNames()).not.toContain('reset-me.bin');
    expect(await rawUpload(sandbox.urls.openai, patternBytes(200_000), 'after-reset.bin')).toBe(200);
    expect(await listedNames()).toContain('after-reset.bin');
  });

  it('resets a fraction of the requests that carry a body, and lets lookups through', async () => {
    sandbox.setFaults({ resetAfterBytes: { bytes: 20_000, rate: 0.5 } });
    for (let i = 0; i < 3; i += 1) expect((await fetchJson(`${sandbox.urls.openai}/files`, { headers: auth })).status).toBe(200);
    const outcomes: string[] = [];
    for (let i = 0; i < 4; i += 1) {
      outcomes.push(await rawUpload(sandbox.urls.openai, patternBytes(100_000, i + 1), `half-${i}.bin`).then(String, () => 'reset'));
    }
    expect(outcomes).toEqual(['200', 'reset', '200', 'reset']);
    expect((await listedNames()).filter((n) => n.startsWith('half-')).sort()).toEqual(['half-0.bin', 'half-2.bin']);
  });

  it('caps the body reading bandwidth: 120 kB at 200 kB/s cannot finish in under half a second', async () => {
    sandbox.setFaults({ bandwidthBytesPerSecond: 200_000 });
    const started = performance.now();
    expect(await rawUpload(sandbox.urls.openai, patternBytes(120_000), 'slow.bin')).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(550);
    expect(await listedNames()).toContain('slow.bin');
  });

  it('limits faults to the targeted surfaces', async () => {
    sandbox.setFaults({ serverErrors: { rate: 1 }, targets: ['vlmrun'] });
    expect((await fetchJson(`${sandbox.urls.vlmrun}/files`, { headers: auth })).status).toBe(503);
    expect((await fetchJson(`${sandbox.urls.openai}/files`, { headers: auth })).status).toBe(200);
  });

  it('is switchable through the admin endpoint with its own token', async () => {
    const admin = { Authorization: `Bearer ${sandbox.adminToken}`, 'Content-Type': 'application/json' };
    expect((await fetchJson(`${sandbox.urls.admin}/faults`, { headers: auth })).status).toBe(401);
    const put = await fetchJson(`${sandbox.urls.admin}/faults`, { method: 'PUT', headers: admin, body: JSON.stringify({ rateLimit: { rate: 1 } }) });
    expect(put.status).toBe(200);
    expect((await fetchJson(`${sandbox.urls.openai}/files`, { headers: auth })).status).toBe(429);
    expect((await fetchJson(`${sandbox.urls.admin}/faults`, { headers: admin })).json).toEqual({ rateLimit: { rate: 1 } });
    const junk = await fetchJson(`${sandbox.urls.admin}/faults`, { method: 'PUT', headers: admin, body: JSON.stringify({ rateLimit: { rate: 2 } }) });
    expect(junk.status).toBe(422);
    expect((await fetchJson(`${sandbox.urls.admin}/faults`, { method: 'DELETE', headers: admin })).status).toBe(200);
    expect((await fetchJson(`${sandbox.urls.openai}/files`, { headers: auth })).status).toBe(200);

    const clock = await fetchJson(`${sandbox.urls.admin}/clock`, { method: 'PUT', headers: admin, body: JSON.stringify({ offset_ms: 5000 }) });
    expect(clock.json).toMatchObject({ offset_ms: 5000 });
    sandbox.setClockOffset(0);
  });
});
